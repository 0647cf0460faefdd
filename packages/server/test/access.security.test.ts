import { describe, expect, it } from 'vitest';
import { hashPassword } from '../src/users/passwords.js';
import { jsonBody, startHarness } from './support/fixtures.js';
import { createMemoryStore } from './support/memory-store.js';

const PASSWORD = 'a-long-enough-password';

async function tokenFor(
  harness: Awaited<ReturnType<typeof startHarness>>,
  username: string,
): Promise<string> {
  const response = await harness.request('/api/v1/auth/login', {
    ...jsonBody({ username, password: PASSWORD }),
    auth: null,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('access control', () => {
  it('enforces roles and scopes on every kind of route', async () => {
    const store = createMemoryStore();
    const passwordHash = await hashPassword(PASSWORD);
    await store.users.insert({ username: 'vera', password_hash: passwordHash, role: 'viewer' });
    await store.users.insert({
      username: 'otto',
      password_hash: passwordHash,
      role: 'operator',
      scope_workers: ['worker-a'],
    });
    await store.users.insert({
      username: 'lena',
      password_hash: passwordHash,
      role: 'operator',
      scope_labels: { env: 'staging' },
    });
    await using harness = await startHarness({ workers: 2, controlPlane: { store } });
    const viewer = await tokenFor(harness, 'vera');
    const operatorA = await tokenFor(harness, 'otto');
    const operatorStaging = await tokenFor(harness, 'lena');

    const ids = async (auth: string) =>
      (
        (await (await harness.request('/api/v1/workers', { auth })).json()) as {
          workers: { worker_id: string }[];
        }
      ).workers.map((worker) => worker.worker_id);
    expect(await ids(viewer)).toEqual(['worker-a', 'worker-b']);
    expect(await ids(operatorA)).toEqual(['worker-a']);
    expect(await ids(operatorStaging)).toEqual(['worker-b']);
    expect((await harness.request('/api/v1/workers/worker-b', { auth: operatorA })).status).toBe(404);

    // Viewer: reads everywhere, writes nowhere.
    expect((await harness.request('/api/v1/workers/worker-a/admin/key/list', { auth: viewer })).status).toBe(
      200,
    );
    const viewerWrite = await harness.request('/api/v1/workers/worker-a/admin/key/generate', {
      ...jsonBody({ key_alias: 'nope' }),
      auth: viewer,
    });
    expect(viewerWrite.status).toBe(403);
    expect(((await viewerWrite.json()) as { error: { code: string } }).error.code).toBe('forbidden');

    // Operator: writes in scope only; out-of-scope workers do not exist for them.
    const inScope = await harness.request('/api/v1/workers/worker-a/admin/key/generate', {
      ...jsonBody({ key_alias: 'otto-key' }),
      auth: operatorA,
    });
    expect(inScope.status).toBe(200);
    const outOfScope = await harness.request('/api/v1/workers/worker-b/admin/key/generate', {
      ...jsonBody({ key_alias: 'otto-key' }),
      auth: operatorA,
    });
    expect(outOfScope.status).toBe(404);
    expect([...harness.workers[1]!.state.keys.values()].some((key) => key.key_alias === 'otto-key')).toBe(
      false,
    );
    expect(
      (await harness.request('/api/v1/workers/worker-b/admin/key/list', { auth: operatorA })).status,
    ).toBe(404);

    // Fan-out and search are limited to the scope.
    const search = (await (
      await harness.request('/api/v1/fleet/search?q=otto-key&type=key', { auth: operatorStaging })
    ).json()) as {
      matches: unknown[];
    };
    expect(search.matches).toEqual([]);
    const overview = (await (
      await harness.request('/api/v1/fleet/overview', { auth: operatorA })
    ).json()) as {
      workers: { worker_id: string }[];
    };
    expect(overview.workers.map((row) => row.worker_id)).toEqual(['worker-a']);
    const health = (await (
      await harness.request('/api/v1/fleet/health', { auth: operatorStaging })
    ).json()) as {
      workers: { worker_id: string }[];
    };
    expect(health.workers.map((row) => row.worker_id)).toEqual(['worker-b']);
    expect(
      (await harness.request('/api/v1/fleet/health?workers=worker-a', { auth: operatorStaging })).status,
    ).toBe(404);

    // Apply needs write access to every worker of the plan.
    const plan = (await (
      await harness.request(
        '/api/v1/fleet/plan',
        jsonBody({ desired: { teams: [{ team_alias: 'rbac-team' }] } }),
      )
    ).json()) as unknown;
    expect(
      (await harness.request('/api/v1/fleet/apply', { ...jsonBody({ plan }), auth: viewer })).status,
    ).toBe(403);
    expect(
      (await harness.request('/api/v1/fleet/apply', { ...jsonBody({ plan }), auth: operatorA })).status,
    ).toBe(404);
    const ownPlan = (await (
      await harness.request('/api/v1/fleet/plan', {
        ...jsonBody({ desired: { teams: [{ team_alias: 'rbac-team' }] } }),
        auth: operatorA,
      })
    ).json()) as { workers: { workerId: string }[] };
    expect(ownPlan.workers.map((row) => row.workerId)).toEqual(['worker-a']);
    expect(
      (await harness.request('/api/v1/fleet/apply', { ...jsonBody({ plan: ownPlan }), auth: operatorA }))
        .status,
    ).toBe(200);

    // The audit log shows scoped users only their workers.
    await harness.request(
      '/api/v1/workers/worker-b/admin/key/generate',
      jsonBody({ key_alias: 'admin-on-b' }),
    );
    const audit = (await (await harness.request('/api/v1/audit', { auth: operatorA })).json()) as {
      entries: { worker_id: string }[];
    };
    expect(audit.entries.length).toBeGreaterThan(0);
    expect(audit.entries.every((entry) => entry.worker_id === 'worker-a')).toBe(true);
    expect((await harness.request('/api/v1/audit?worker_id=worker-b', { auth: operatorA })).status).toBe(404);
  });
});

describe('access control before validation', () => {
  it('refuses a viewer with 403 on every write route even when the request is invalid', async () => {
    const store = createMemoryStore();
    await store.users.insert({
      username: 'vera',
      password_hash: await hashPassword(PASSWORD),
      role: 'viewer',
    });
    await using harness = await startHarness({ workers: 1, controlPlane: { store } });
    const viewer = await tokenFor(harness, 'vera');
    const invalid = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"plan": 42' };
    const cases: [string, RequestInit][] = [
      ['/api/v1/fleet/apply', invalid],
      ['/api/v1/fleet/apply', { ...jsonBody({ plan: 'not a plan' }) }],
      ['/api/v1/fleet/objects/guardrails/apply', invalid],
      ['/api/v1/fleet/objects/guardrails/apply', { ...jsonBody({}) }],
      ['/api/v1/workers', invalid],
      ['/api/v1/workers/bad%20id!', { ...invalid, method: 'PATCH' }],
      ['/api/v1/workers/bad%20id!', { method: 'DELETE' }],
      ['/api/v1/users', invalid],
      ['/api/v1/users/not%20a%20name', { ...invalid, method: 'PATCH' }],
      ['/api/v1/users/not%20a%20name', { method: 'DELETE' }],
      ['/api/v1/workers/worker-a/admin/..%2fkey/generate', invalid],
    ];
    for (const [path, init] of cases) {
      const response = await harness.request(path, { ...init, auth: viewer });
      expect(response.status, `${init.method} ${path}`).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
  });
});
