import { createServer } from 'node:net';
import { parseConfig } from '@llm-control-plane/core';
import { expect } from 'vitest';
import type { Logger } from '../../src/logger.js';
import { ListenError, type RunningControlPlane, startControlPlane } from '../../src/start.js';
import { MASTER_KEY } from './fixtures.js';
import { createMemoryStore } from './memory-store.js';
import {
  authorizeAtIdp,
  browserlessClient,
  SSO_CLIENT_ID,
  SSO_CLIENT_SECRET,
  startTestIdp,
  type TestIdp,
  type TestIdpOptions,
} from './oidc-provider.js';

export const ROLE_MAPPINGS = [
  { group: 'platform-admins', role: 'admin' },
  { group: 'sre', role: 'operator', scope: { labels: { env: 'prod' } } },
  { group: 'support', role: 'viewer', scope: { workers: ['worker-a'] } },
];

const ACCOUNTS: Record<string, string[]> = {
  alice: ['platform-admins', 'support'],
  bob: ['sre', 'support'],
  carol: ['marketing'],
};

export type SsoSetup = {
  idp: TestIdp;
  controlPlane: RunningControlPlane;
  url: string;
  [Symbol.asyncDispose](): Promise<void>;
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

type SsoSetupOptions = {
  sso?: Record<string, unknown>;
  generalSettings?: Record<string, unknown>;
  env?: (issuer: string, url: string) => Record<string, string>;
  now?: () => number;
  uiAssetsDir?: string | false;
  idp?: TestIdpOptions;
  logger?: Logger;
};

async function startOnPort(port: number, issuer: string, options: SsoSetupOptions) {
  const url = `http://127.0.0.1:${port}`;
  const env = options.env?.(issuer, url);
  const sso = env
    ? { role_mappings: ROLE_MAPPINGS, ...options.sso }
    : {
        issuer,
        client_id: SSO_CLIENT_ID,
        client_secret: 'os.environ/SSO_SECRET',
        scope: 'openid email profile groups',
        role_mappings: ROLE_MAPPINGS,
        ...options.sso,
      };
  const { config } = parseConfig(
    JSON.stringify({
      worker_registry: [],
      general_settings: { master_key: MASTER_KEY, control_plane_url: url, sso, ...options.generalSettings },
    }),
    { env: { SSO_SECRET: SSO_CLIENT_SECRET } },
  );
  const controlPlane = await startControlPlane({
    config,
    port,
    store: createMemoryStore(),
    uiAssetsDir: options.uiAssetsDir ?? false,
    monitorIntervalMs: 60_000,
    env: env ?? {},
    ...(options.now ? { now: options.now } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return { controlPlane, url };
}

/** A real IdP and a control plane (over HTTP) that signs users in with it. */
export async function startSsoSetup(options: SsoSetupOptions = {}): Promise<SsoSetup> {
  const idp = await startTestIdp(ACCOUNTS, options.idp);
  let started: { controlPlane: RunningControlPlane; url: string } | undefined;
  try {
    // The callback URL must be in the config before the server listens, so the port is chosen first; another
    // test may take it meanwhile, and then a new one is chosen.
    for (let attempt = 0; started === undefined; attempt += 1) {
      try {
        started = await startOnPort(await freePort(), idp.issuer, options);
      } catch (error) {
        if (!(error instanceof ListenError && error.code === 'EADDRINUSE' && attempt < 4)) throw error;
      }
    }
  } catch (error) {
    await idp.close();
    throw error;
  }
  const { controlPlane, url } = started;
  idp.start(`${url}/sso/callback`);
  return {
    idp,
    controlPlane,
    url,
    async [Symbol.asyncDispose]() {
      await controlPlane.close();
      await idp.close();
    },
  };
}

export type Browser = ReturnType<typeof browserlessClient>;

/** Starts a sign-in at the control plane; returns the IdP URL it redirected to. */
export async function begin(setup: SsoSetup, browser: Browser): Promise<string> {
  const started = await browser.get(`${setup.url}/sso/login`);
  expect(started.status).toBe(302);
  expect(started.headers.get('set-cookie')).toMatch(/cp_sso=.*HttpOnly.*SameSite=Lax/i);
  return started.headers.get('location') as string;
}

export async function signIn(setup: SsoSetup, login: string, browser = browserlessClient()) {
  const callback = await authorizeAtIdp(
    browser,
    await begin(setup, browser),
    login,
    `${setup.url}/sso/callback`,
  );
  const response = await browser.get(callback);
  return { browser, callback, response, body: response.status === 303 ? '' : await response.text() };
}

export async function me(setup: SsoSetup, browser: Browser) {
  const session = browser.cookies(setup.url).get('cp_session');
  const response = await fetch(`${setup.url}/api/v1/auth/me`, {
    headers: { cookie: `cp_session=${session}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A callback whose `state` was altered on the way back is refused, and no session is set. */
export async function expectTamperedStateRefused(setup: SsoSetup): Promise<void> {
  const browser = browserlessClient();
  const callback = new URL(
    await authorizeAtIdp(browser, await begin(setup, browser), 'alice', `${setup.url}/sso/callback`),
  );
  callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
  const tampered = await browser.get(callback.href);
  expect(tampered.status).toBe(400);
  expect(await tampered.text()).toMatch(/Sign-in refused.*unexpected &#34;state&#34;/s);
  expect(browser.cookies(setup.url).has('cp_session')).toBe(false);
}

/**
 * The attacker replays the whole callback request, flow cookie included: the IdP has spent the code.
 * Returns the callback URL, spent.
 */
export async function expectReplayedCodeRefused(setup: SsoSetup, login: string): Promise<string> {
  const first = browserlessClient();
  const callback = await authorizeAtIdp(first, await begin(setup, first), login, `${setup.url}/sso/callback`);
  const flowCookie = first.cookies(setup.url).get('cp_sso') as string;
  expect((await first.get(callback)).status).toBe(303);
  const replay = await fetch(callback, { redirect: 'manual', headers: { cookie: `cp_sso=${flowCookie}` } });
  expect(replay.status).toBe(400);
  expect(await replay.text()).toContain('invalid_grant');
  expect(replay.headers.getSetCookie().join('\n')).not.toContain('cp_session=cp1');
  return callback;
}
