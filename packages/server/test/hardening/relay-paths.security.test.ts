import { isLlmPath } from '@llm-control-plane/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CANARY_PREFIX,
  envelopeOf,
  type Harness,
  observedResponses,
  startHarness,
} from './support/harness.js';

/**
 * The relay is the one place where a caller's path reaches a worker with the worker's credential: it must
 * never be steered outside the management API (traversal, encodings) nor into an LLM route (any spelling).
 */

let harness: Harness;
let attacksRefused = 0;

const workerRequests = () => harness.workers.map((worker) => worker.state.counters.requests);
const llmRequests = () => harness.workers.reduce((sum, worker) => sum + worker.state.counters.llmRequests, 0);

beforeAll(async () => {
  harness = await startHarness({ workers: 2 });
}, 240_000);

afterAll(async () => {
  for (const { text, headers } of observedResponses()) {
    expect(text).not.toContain(CANARY_PREFIX);
    expect(headers).not.toContain(CANARY_PREFIX);
  }
  for (const line of harness?.logLines ?? []) expect(line).not.toContain(CANARY_PREFIX);
  await harness?.close();
  console.info(`[hardening] relay path attacks refused: ${attacksRefused}`);
}, 60_000);

const BASE = '/api/v1/workers/w0/admin';

/** Request targets that try to leave the management API or the relay; none may reach a worker. */
const TRAVERSALS: string[] = [
  `${BASE}/../../x`,
  `${BASE}/../../../../health/readiness`,
  `${BASE}/key/../../../workers`,
  `${BASE}/key/../chat/completions`,
  `${BASE}/%2e%2e/%2e%2e/x`,
  `${BASE}/%2E%2E/%2E%2E/x`,
  `${BASE}/.%2e/x`,
  `${BASE}/%2e./x`,
  `${BASE}/key/%2e/list`,
  `${BASE}/key/./list`,
  `${BASE}/..%2f..%2fx`,
  `${BASE}/key%2f..%2f..%2fx`,
  `${BASE}/key%2F..%2Fchat%2Fcompletions`,
  `${BASE}/..%5c..%5cx`,
  `${BASE}/key%5c..%5c..%5cx`,
  `${BASE}/..\\..\\x`,
  `${BASE}/key\\..\\chat\\completions`,
  `${BASE}/%252e%252e/%252e%252e/x`,
  `${BASE}/key%252f..%252f..%252fx`,
  `${BASE}/%25252e%25252e/x`,
  `${BASE}/%c0%ae%c0%ae/x`,
  `${BASE}/%u002e%u002e/x`,
  `${BASE}/key/%00/list`,
  `${BASE}/key%00/list`,
  `${BASE}/key/%0d%0aHost:%20evil/list`,
  `${BASE}/%2fetc%2fpasswd`,
  `${BASE}//%2e%2e//%2e%2e//x`,
  '/api/v1/workers/../workers/w0/admin/key/list',
  '/api/v1/workers/%2e%2e/admin/key/list',
  '/api/v1/workers/..%2fw1/admin/key/list',
  '/api/v1/workers/w0%2f..%2fw1/admin/key/list',
  '/api/v1/workers/w0%2F..%2Fw1/admin/key/list',
  '/api/v1/workers/w0%5c..%5cw1/admin/key/list',
  '/api/v1/workers/%252e%252e/admin/key/list',
  '/api/v1/workers/./admin/key/list',
  '/api/v1/workers/w0/admin/../admin/../../../../etc/passwd',
  '/api/v1/workers/w0/%2e%2e/w1/admin/key/list',
  `${BASE}/`,
  BASE,
  `${BASE}/utils/token_counter`,
  `${BASE}/routes`,
  `${BASE}/metrics`,
  `${BASE}/debug/asyncio-tasks`,
];

describe('relayed path traversal', () => {
  it.each(TRAVERSALS.flatMap((path) => ['GET', 'POST'].map((method) => ({ method, path }))))(
    '$method $path is refused before any worker is called',
    async ({ method, path }) => {
      const before = workerRequests();
      const response = await harness.raw({
        method,
        path,
        headers: {
          authorization: `Bearer ${harness.masterKey}`,
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      expect([400, 403, 404], `${response.status} ${response.text}`).toContain(response.status);
      expect(workerRequests()).toEqual(before);
      const error = envelopeOf(response);
      expect([
        'invalid_path',
        'forbidden',
        'llm_route_refused',
        'not_a_management_route',
        'not_found',
        'worker_not_found',
      ]).toContain(error.code);
      expect(error.message.length).toBeGreaterThan(5);
      expect(workerRequests()).toEqual(before);
      attacksRefused += 1;
    },
  );

  it('a legitimate relayed path still works, so the refusals above are not blanket ones', async () => {
    const response = await harness.raw({
      path: `${BASE}/key/list?size=2`,
      headers: { authorization: `Bearer ${harness.masterKey}` },
    });
    expect(response.status).toBe(200);
  });
});

/** Spellings of one LLM route; `canonical` ones must answer exactly 403 llm_route_refused. */
function spellings(route: string): { path: string; canonical: boolean }[] {
  const bare = route.replace(/^\/v1(?=\/)/, '');
  const encodeFirstLetter = (path: string) =>
    path.replace(/[a-z]/, (letter) => `%${letter.charCodeAt(0).toString(16)}`);
  const encodeAll = (path: string) =>
    path
      .split('/')
      .map((segment) =>
        [...segment].map((char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
      )
      .join('/');
  const canonical = [
    route,
    route.toUpperCase(),
    route.replace(
      /(^|\/)([a-z])/g,
      (_match, slash: string, letter: string) => `${slash}${letter.toUpperCase()}`,
    ),
    `/${route}`,
    `${route}/`,
    `${route}//`,
    route.replace(/\//g, '//'),
    ...(/^\/v\d\//.test(bare) ? [] : [`/v1${bare}`, `/V1${bare.toUpperCase()}`]),
    `/openai/deployments/my-deployment${bare}`,
    `/engines/my-engine${bare}`,
    encodeFirstLetter(route),
    encodeAll(route),
    `${route}?api-version=2024-01-01`,
  ];
  const suspicious = [
    `/key/..${route}`,
    `/key/%2e%2e${route}`,
    `/./${route}`,
    route.replace('/', '/%2f'),
    route.replace(/\//g, '%2f'),
    route.replace(/\//g, '%5c'),
    route.replace(/\//g, '\\'),
    encodeFirstLetter(route).replace('%', '%25'),
    `/health/..${route}`,
  ];
  return [
    ...[...new Set(canonical)].map((path) => ({ path, canonical: true })),
    ...[...new Set(suspicious)].map((path) => ({ path, canonical: false })),
  ];
}

const LLM_ROUTES = [
  '/chat/completions',
  '/v1/chat/completions',
  '/completions',
  '/v1/completions',
  '/embeddings',
  '/v1/embeddings',
  '/responses',
  '/v1/responses',
  '/v1/messages',
  '/audio/transcriptions',
  '/audio/speech',
  '/images/generations',
  '/moderations',
  '/rerank',
  '/v1/rerank',
  '/openai/deployments/gpt/chat/completions',
  '/engines/gpt/completions',
];

describe('LLM routes through the relay', () => {
  it('every LLM route the worker serves is refused in every spelling, and no worker counts an LLM call', async () => {
    const listing = (await (await fetch(`${harness.workers[0]?.url}/routes`)).json()) as {
      routes: { path: string; methods: string[] }[];
    };
    const served = listing.routes
      .map((entry) => entry.path)
      .filter((path) => isLlmPath(path))
      .map((path) => path.replace(/\{[^}]+\}/g, 'x'));
    expect(served.length).toBeGreaterThan(5);
    const routes = [...new Set([...LLM_ROUTES, ...served])];
    const beforeRequests = workerRequests();
    let refused = 0;
    const failures: string[] = [];
    for (const route of routes) {
      for (const { path, canonical } of spellings(route)) {
        for (const method of ['POST', 'GET']) {
          const response = await harness.raw({
            method,
            path: `${BASE}${path}`,
            headers: {
              authorization: `Bearer ${harness.masterKey}`,
              ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
            },
            ...(method === 'POST'
              ? { body: JSON.stringify({ model: 'gpt', messages: [], input: 'hi' }) }
              : {}),
          });
          const code = response.status >= 400 ? envelopeOf(response).code : 'none';
          const acceptable = canonical
            ? response.status === 403 && code === 'llm_route_refused'
            : [400, 403].includes(response.status) &&
              ['invalid_path', 'llm_route_refused', 'not_a_management_route'].includes(code);
          if (!acceptable) failures.push(`${method} ${path} → ${response.status} ${code}`);
          else refused += 1;
        }
      }
    }
    attacksRefused += refused;
    expect(failures).toEqual([]);
    expect(llmRequests()).toBe(0);
    expect(workerRequests()).toEqual(beforeRequests);
  }, 120_000);

  it('the control plane itself serves no LLM route either', async () => {
    for (const path of [
      '/chat/completions',
      '/v1/chat/completions',
      '/v1/embeddings',
      '/api/v1/chat/completions',
    ]) {
      const response = await harness.api(path, { method: 'POST', body: { model: 'gpt', messages: [] } });
      expect(response.status).toBe(404);
      attacksRefused += 1;
    }
    expect(llmRequests()).toBe(0);
  });
});

describe('audit of relayed writes', () => {
  it.each([
    { what: 'a NUL character', alias: 'audit\u0000evasion' },
    { what: 'a lone surrogate', alias: 'audit\ud800evasion' },
    { what: 'a very long value', alias: `audit-${'x'.repeat(200_000)}` },
  ])(
    'a write whose body carries $what is audited, or refused before it reaches the worker',
    async ({ alias }) => {
      const worker = harness.workers[0];
      const teamsBefore = worker?.state.teams.size ?? 0;
      const requestId = `audit-evasion-${Math.random().toString(36).slice(2)}`;
      const response = await harness.api('/api/v1/workers/w0/admin/team/new', {
        method: 'POST',
        headers: { 'x-request-id': requestId },
        rawBody: JSON.stringify({ team_alias: alias }),
      });
      const reachedWorker = (worker?.state.teams.size ?? 0) > teamsBefore;
      if (!reachedWorker) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        attacksRefused += 1;
        return;
      }
      const audit = (await harness.api('/api/v1/audit?action=relay&limit=1000')).json() as {
        entries: { request_id: string; path: string | null }[];
      };
      const entry = audit.entries.find((candidate) => candidate.request_id === requestId);
      expect(
        entry,
        `the worker created the team (HTTP ${response.status}) but no audit entry exists`,
      ).toBeDefined();
      expect(entry?.path).toBe('/team/new');
      attacksRefused += 1;
    },
  );
});
