import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import type { FleetOverview, Principal, WorkerView } from '../../src/api/contract.js';
import { type FixtureServer, startFixtureServer } from './fixture-server.js';

export const ADMIN: Principal = {
  subject: 'admin',
  role: 'admin',
  scope: null,
  token_kind: 'session',
  expires_at: null,
  permissions: { write: true, admin: true },
};

const now = new Date().toISOString();
const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();

type Health = NonNullable<WorkerView['health']>;

/** A registry row as GET /api/v1/workers answers it; the top-level status mirrors the last probe. */
export function workerView(
  fields: Pick<WorkerView, 'worker_id' | 'name' | 'url' | 'region' | 'labels' | 'has_credential'>,
  health: Health,
  browserLogin: WorkerView['browser_login'] = { possible: null, note: null },
): WorkerView {
  return {
    ...fields,
    timeout_ms: null,
    source: 'config',
    managed: false,
    status: health.status,
    latency_ms: health.latency_ms,
    version: health.version,
    last_seen_at: health.last_seen_at,
    circuit: health.status === 'unreachable' ? 'open' : 'closed',
    health,
    browser_login: browserLogin,
  };
}

export const WORKERS: WorkerView[] = [
  workerView(
    {
      worker_id: 'us-east',
      name: 'US East',
      url: 'http://127.0.0.1:1',
      region: 'us-east-1',
      labels: { env: 'prod' },
      has_credential: true,
    },
    {
      status: 'healthy',
      latency_ms: 12,
      version: '1.80.0',
      db: 'connected',
      last_seen_at: now,
      checked_at: now,
      since: anHourAgo,
      reason: null,
      source: 'probe',
    },
  ),
  workerView(
    {
      worker_id: 'eu-west',
      name: 'EU West',
      url: 'http://127.0.0.1:2',
      region: 'eu-west-1',
      labels: { env: 'prod' },
      has_credential: true,
    },
    {
      status: 'healthy',
      latency_ms: 30,
      version: '1.80.0',
      db: 'connected',
      last_seen_at: now,
      checked_at: now,
      since: anHourAgo,
      reason: null,
      source: 'probe',
    },
  ),
  workerView(
    {
      worker_id: 'ap-south',
      name: 'AP South',
      url: 'http://127.0.0.1:3',
      region: 'ap-south-1',
      labels: { env: 'staging' },
      has_credential: true,
    },
    {
      status: 'unreachable',
      latency_ms: null,
      version: '1.79.2',
      db: null,
      last_seen_at: anHourAgo,
      checked_at: now,
      since: anHourAgo,
      reason: 'connect ECONNREFUSED',
      source: 'probe',
      error: { kind: 'unreachable', message: 'connect ECONNREFUSED' },
    },
  ),
];

export const OVERVIEW: FleetOverview = {
  generated_at: now,
  workers: [
    {
      worker_id: 'us-east',
      url: 'http://127.0.0.1:1',
      name: 'US East',
      region: 'us-east-1',
      labels: { env: 'prod' },
      has_credential: true,
      status: 'healthy',
      latency_ms: 12,
      version: '1.80.0',
      last_seen_at: now,
      checked_at: now,
      since: anHourAgo,
      reason: null,
      source: 'probe',
      counts: { keys: 120, teams: 8, users: 40 },
      spend: 1234.5,
      stale: false,
      as_of: now,
    },
    {
      worker_id: 'eu-west',
      url: 'http://127.0.0.1:2',
      name: 'EU West',
      region: 'eu-west-1',
      labels: { env: 'prod' },
      has_credential: true,
      status: 'degraded',
      latency_ms: 950,
      version: '1.80.0',
      last_seen_at: now,
      checked_at: now,
      since: anHourAgo,
      reason: 'readiness took 950 ms (threshold 500 ms)',
      source: 'probe',
      counts: { keys: 75, teams: 5, users: 22 },
      spend: 410.25,
      stale: false,
      as_of: now,
    },
    {
      worker_id: 'ap-south',
      url: 'http://127.0.0.1:3',
      name: 'AP South',
      region: 'ap-south-1',
      labels: { env: 'staging' },
      has_credential: true,
      status: 'unreachable',
      latency_ms: null,
      version: '1.79.2',
      last_seen_at: anHourAgo,
      checked_at: now,
      counts: { keys: 9876, teams: 3, users: 11 },
      spend: 98.75,
      stale: true,
      since: anHourAgo,
      reason: 'connect ECONNREFUSED 10.0.0.3:4000',
      source: 'relay',
      as_of: anHourAgo,
      error: { kind: 'unreachable', message: 'connect ECONNREFUSED 10.0.0.3:4000' },
    },
  ],
};

/** The control-plane endpoints every page needs: a signed-in admin and three workers. */
export function serveSignedInFleet(server: FixtureServer): void {
  // The server's readable companion of the session cookie: without it the app does not ask who is signed in.
  // biome-ignore lint/suspicious/noDocumentCookie: jsdom has no Cookie Store API; this is what the server sets
  document.cookie = 'cp_signed_in=1; path=/';
  server.on('GET /api/v1/auth/me', { body: ADMIN });
  server.on('GET /api/v1/workers', { body: { workers: WORKERS } });
  server.on('GET /api/v1/fleet/overview', { body: OVERVIEW });
}

/**
 * Registers, in the calling `describe`, a fresh fixture server per test that answers for a signed-in admin
 * and three workers; the returned object stands for the current test's server.
 */
export function signedInFleetPerTest(): FixtureServer {
  let current: FixtureServer | undefined;
  beforeEach(async () => {
    current = await startFixtureServer();
    serveSignedInFleet(current);
  });
  afterEach(async () => {
    cleanup();
    await current?.close();
    current = undefined;
  });
  const active = (): FixtureServer => {
    if (!current) throw new Error('The fixture server exists only while a test runs');
    return current;
  };
  return {
    get url() {
      return active().url;
    },
    get apiBase() {
      return active().apiBase;
    },
    get requests() {
      return active().requests;
    },
    on: (route, handler) => active().on(route, handler),
    close: () => active().close(),
  };
}

/** What the browser holds after signing out or before ever signing in. */
export function forgetSession(): void {
  // biome-ignore lint/suspicious/noDocumentCookie: jsdom has no Cookie Store API; this is what logout does
  document.cookie = 'cp_signed_in=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
}

/** Puts the browser URL where the app would be after a deep link. */
export function visit(path: string): void {
  window.history.replaceState(null, '', path);
}
