import {
  createBrowserWorkerClient,
  relayBaseUrl,
  WorkerApiError,
  WorkerUnreachableError,
} from '@llm-control-plane/core/browser';
import { describe, expect, it } from 'vitest';
import { type Harness, jsonBody, MASTER_KEY, startHarness } from './support/fixtures.js';

const ORIGIN = 'http://localhost';

/** Logs in like the UI and returns a fetch that behaves like the page's: session cookie, page origin. */
async function browserFetch(harness: Harness, origin = ORIGIN): Promise<typeof fetch> {
  const login = await harness.request('/api/v1/auth/login', {
    ...jsonBody({ username: 'admin', password: MASTER_KEY }),
    auth: null,
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(cookie).toMatch(/^cp_session=/);
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('cookie', cookie);
    if (init?.method !== undefined && init.method !== 'GET') headers.set('origin', origin);
    return harness.request(String(input), { ...init, headers, auth: null });
  };
}

function relayClient(fetchImplementation: typeof fetch, workerId = 'worker-a') {
  return createBrowserWorkerClient({
    baseUrl: ORIGIN + relayBaseUrl(workerId),
    workerId,
    fetch: fetchImplementation,
  });
}

describe('core/browser client over the relay', () => {
  it('lists and validates keys, teams, users and models through the session cookie', async () => {
    await using harness = await startHarness({ workers: 1 });
    const client = relayClient(await browserFetch(harness));
    const keys = await client.keys.list({ page: 1, size: 10 });
    expect(keys.total_count).toBe(3);
    expect(keys.keys).toHaveLength(3);
    const teams = await client.teams.list();
    expect(teams.length).toBe(2);
    const users = await client.users.list();
    expect(users.users.length).toBeGreaterThanOrEqual(2);
    const models = await client.models.info();
    expect(Array.isArray(models.data)).toBe(true);
    // The worker's master key is the relay's business: it never reaches the browser side.
    expect(JSON.stringify({ keys, teams, users, models })).not.toContain(harness.workers[0]!.masterKey);
  });

  it('writes through the relay with the page origin, and the write lands on that worker only', async () => {
    await using harness = await startHarness({ workers: 2 });
    const client = relayClient(await browserFetch(harness), 'worker-b');
    const created = await client.teams.create({ team_alias: 'from-browser' });
    expect(created.team_alias).toBe('from-browser');
    expect(
      [...harness.workers[1]!.state.teams.values()].some((team) => team.team_alias === 'from-browser'),
    ).toBe(true);
    expect(
      [...harness.workers[0]!.state.teams.values()].some((team) => team.team_alias === 'from-browser'),
    ).toBe(false);
    await client.teams.delete({ team_ids: [created.team_id] });
    expect(harness.workers[1]!.state.teams.has(created.team_id)).toBe(false);
  });

  it("reports the relay's envelope for a worker error as WorkerApiError with its code", async () => {
    await using harness = await startHarness({ workers: 1 });
    const client = relayClient(await browserFetch(harness));
    const failure = await client.keys.info('sk-does-not-exist-999').catch((error: unknown) => error);
    expect(WorkerApiError.isInstance(failure)).toBe(true);
    expect((failure as WorkerApiError).code).toBe('worker_error');
    expect((failure as WorkerApiError).status).toBeGreaterThanOrEqual(400);
  });

  it('is refused a cookie-authenticated write from another origin (CSRF)', async () => {
    await using harness = await startHarness({ workers: 1 });
    const client = relayClient(await browserFetch(harness, 'https://evil.example'));
    const failure = await client.teams.create({ team_alias: 'forged' }).catch((error: unknown) => error);
    expect(WorkerApiError.isInstance(failure)).toBe(true);
    expect((failure as WorkerApiError).status).toBe(403);
    expect((failure as WorkerApiError).code).toBe('csrf_refused');
    expect([...harness.workers[0]!.state.teams.values()].some((team) => team.team_alias === 'forged')).toBe(
      false,
    );
  });

  it('answers 404 worker_not_found for an unknown worker and unreachable when the network fails', async () => {
    await using harness = await startHarness({ workers: 1 });
    const fetchImplementation = await browserFetch(harness);
    const unknown = await relayClient(fetchImplementation, 'nope')
      .keys.list()
      .catch((error: unknown) => error);
    expect((unknown as WorkerApiError).status).toBe(404);
    expect((unknown as WorkerApiError).code).toBe('worker_not_found');
    const offline = relayClient(() => Promise.reject(new TypeError('Failed to fetch')));
    const failure = await offline.keys.list().catch((error: unknown) => error);
    expect(WorkerUnreachableError.isInstance(failure)).toBe(true);
  });
});
