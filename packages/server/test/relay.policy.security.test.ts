import { type FakeWorker, startFakeWorker } from '@llm-control-plane/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Expectation, routeCases } from '../../core/test/fixtures/litellm-routes.js';
import type { RunningControlPlane } from '../src/start.js';
import { MASTER_KEY, workerKey } from './support/fixtures.js';
import { rawRequest } from './support/http.js';
import { startSocketControlPlane } from './support/socket.js';

/**
 * Every route of LiteLLM's route lists (the core fixture, copied from LiteLLM's sources) through a real
 * control plane on a socket, to a real fake worker: spending routes never reach the worker in any spelling,
 * admin routes always do. Arrival is read from the worker's call log, not inferred from status codes.
 */

function routesExpected(expected: Expectation): string[] {
  const paths = routeCases()
    .filter((routeCase) => routeCase.expected === expected)
    .map((routeCase) => routeCase.path);
  return [...new Set(paths)].sort();
}

/** Spellings a caller might use to slip a route past a naive allow-list. */
function spellings(route: string): string[] {
  const queryStart = route.indexOf('?');
  const path = queryStart === -1 ? route : route.slice(0, queryStart);
  const query = queryStart === -1 ? '' : route.slice(queryStart);
  const inner = path.indexOf('/', 1);
  const variants = [
    path,
    path.toUpperCase(),
    path.replace(/\/(\w)/g, (_match, letter: string) => `/${letter.toUpperCase()}`),
    path.replace(/\//g, '//'),
    path.endsWith('/') ? `${path}/` : `${path}/`,
    path.includes(':')
      ? path.replace(/:/g, '%3A')
      : path.replace(/[a-z]/, (letter) => `%${letter.charCodeAt(0).toString(16).toUpperCase()}`),
    path.includes(':') ? path.replace(/:/g, '%3a').toLowerCase() : path.replace(/_/g, '%5F'),
    inner === -1 || inner === path.length - 1
      ? `/${path}`
      : `${path.slice(0, inner)}%2F${path.slice(inner + 1)}`,
  ];
  return [...new Set(variants)].map((variant) => `${variant}${query}`);
}

const BASE = '/api/v1/workers/worker-a/admin';
const HEADERS = { authorization: `Bearer ${MASTER_KEY}` };

/** What the control plane's own health monitor sends the worker; everything else it receives was relayed. */
const MONITOR_PROBES = new Set(['GET /health/readiness', 'GET /health/readiness/details']);
const relayedCalls = () => worker.calls.filter((call) => !MONITOR_PROBES.has(`${call.method} ${call.path}`));

let worker: FakeWorker;
let running: RunningControlPlane;

beforeAll(async () => {
  worker = await startFakeWorker({ masterKey: workerKey(0) });
  running = await startSocketControlPlane(worker);
}, 60_000);

afterAll(async () => {
  await running?.close();
  await worker?.close();
});

/** Sends requests a few at a time: thousands of them, on a shared machine. */
async function sendAll<T>(items: readonly T[], send: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await send(item);
    }
  };
  await Promise.all(Array.from({ length: 6 }, lane));
}

describe('relay route policy through a real server', () => {
  it('refuses every spending route in every spelling; the worker sees no request at all', async () => {
    const routes = routesExpected('spends');
    expect(routes.length).toBeGreaterThan(150);
    expect(routes).toEqual(
      expect.arrayContaining([
        '/models/publishers/google/models/gemini-2.5-pro:generateContent',
        '/v1beta/models/publishers/google/models/gemini-2.5-pro:streamGenerateContent',
        '/models/id-1:countTokens',
        '/openai_passthrough/sub/path',
        '/watsonx',
        '/v1/mcp/tools',
        '/guardrails/apply_guardrail',
      ]),
    );
    const attempts = routes.flatMap((route) =>
      spellings(route).flatMap((spelling) => [
        { method: 'POST', path: spelling },
        ...(spelling === route ? [{ method: 'GET', path: spelling }] : []),
      ]),
    );
    worker.clearCalls();
    const failures: string[] = [];
    await sendAll(attempts, async ({ method, path }) => {
      const response = await rawRequest(running.url, `${BASE}${path}`, {
        method,
        headers: { ...HEADERS, 'content-type': 'application/json' },
        ...(method === 'POST'
          ? { body: JSON.stringify({ model: 'gpt-4o', messages: [], input: 'hi' }) }
          : {}),
      });
      const code = (JSON.parse(response.body) as { error?: { code?: string } }).error?.code;
      if (response.status !== 403 || code !== 'llm_route_refused') {
        failures.push(`${method} ${path} → ${response.status} ${code}`);
      }
    });
    expect(failures).toEqual([]);
    expect(attempts.length).toBeGreaterThan(1000);
    expect(worker.state.counters.llmRequests).toBe(0);
    expect(relayedCalls()).toEqual([]);
  }, 180_000);

  it('relays every admin route to the worker, as the worker call log shows', async () => {
    const routes = routesExpected('admin');
    expect(routes.length).toBeGreaterThan(200);
    const required = [
      '/v1/mcp/server',
      '/v1/mcp/toolset',
      '/guardrails/id-1',
      '/v2/guardrails/list',
      '/vector_store/new',
      '/v1/agents/id-1',
      '/prompts/list',
      '/policy/validate',
      '/tag/new',
      '/credentials',
      '/search_tools/list',
      '/jwt/key/mapping/list',
      '/team/permissions_update',
      '/gateway/daily/activity',
      '/get/sso_settings',
      '/update/sso_settings',
      '/sso/get/ui_settings',
      '/scim/v2/Users',
      '/callbacks/list',
      '/config/list',
      '/budget/list',
      '/customer/info',
      '/end_user/info',
      '/model/info',
    ];
    expect(required.filter((path) => !routes.includes(path))).toEqual([]);
    worker.clearCalls();
    const refused: string[] = [];
    await sendAll(routes, async (path) => {
      const response = await rawRequest(running.url, `${BASE}${path}`, { headers: HEADERS });
      const code =
        response.status >= 400 ? (JSON.parse(response.body) as { error: { code: string } }).error.code : '';
      if (!['', 'worker_error'].includes(code)) refused.push(`${path} → ${response.status} ${code}`);
    });
    expect(refused).toEqual([]);
    const received = new Set(worker.calls.map((call) => `${call.method} ${call.path}`));
    const missing = routes.filter((path) => !received.has(`GET ${path}`));
    expect(missing).toEqual([]);
    expect(worker.state.counters.llmRequests).toBe(0);
  }, 180_000);

  it('refuses paths no rule names, with not_a_management_route, before the worker', async () => {
    const routes = routesExpected('unknown');
    expect(routes).toEqual(expect.arrayContaining(['/metrics', '/routes', '/login']));
    worker.clearCalls();
    // `/` (a public route) names no path at all: the relay answers 400 invalid_path for it.
    for (const path of [
      ...routes.filter((route) => route !== '/'),
      '/debug/asyncio-tasks',
      '/keys',
      '/utils/x',
    ]) {
      const response = await rawRequest(running.url, `${BASE}${path}`, { headers: HEADERS });
      expect(response.status, path).toBe(403);
      const body = JSON.parse(response.body) as { error: { code: string; message: string } };
      expect(body.error.code, path).toBe('not_a_management_route');
      expect(body.error.message).toMatch(/No route rule matches/);
    }
    expect(relayedCalls()).toEqual([]);
  });

  it('names the refusing rule in the error', async () => {
    const response = await rawRequest(running.url, `${BASE}/models/gemini-2.5-pro%3AgenerateContent`, {
      method: 'POST',
      headers: { ...HEADERS, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).error).toMatchObject({
      code: 'llm_route_refused',
      message: expect.stringContaining('/models/{model_name:path}:generateContent'),
    });
  });
});
