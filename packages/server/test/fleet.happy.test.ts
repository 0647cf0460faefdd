import { describe, expect, it, vi } from 'vitest';
import { jsonBody, startHarness } from './support/fixtures.js';

type OverviewRow = {
  worker_id: string;
  status: string;
  counts: { keys: number; teams: number; users: number } | null;
  spend: number | null;
  stale: boolean;
  error?: { kind: string };
};

describe('fleet routes', () => {
  it('gives an overview that keeps last-known numbers, marked stale, when a worker goes down', async () => {
    await using harness = await startHarness({ workers: 2, controlPlane: { overviewCacheMs: 0 } });
    await harness.controlPlane.fleet.health();
    const first = (await (await harness.request('/api/v1/fleet/overview')).json()) as {
      workers: OverviewRow[];
    };
    expect(first.workers).toHaveLength(2);
    const rowA = first.workers[0]!;
    expect(rowA).toMatchObject({
      worker_id: 'worker-a',
      status: 'healthy',
      stale: false,
      counts: { keys: 3, teams: 2, users: 2 },
    });
    expect(rowA.spend).toBeGreaterThan(0);

    await harness.workers[0]!.fault('down');
    const second = (await (await harness.request('/api/v1/fleet/overview')).json()) as {
      workers: OverviewRow[];
    };
    const downRow = second.workers.find((row) => row.worker_id === 'worker-a')!;
    expect(downRow.stale).toBe(true);
    expect(downRow.counts).toEqual(rowA.counts);
    expect(downRow.spend).toBe(rowA.spend);
    expect(downRow.error?.kind).toBe('unreachable');
    expect(second.workers.find((row) => row.worker_id === 'worker-b')?.stale).toBe(false);
  });

  it('shares one overview fan-out between concurrent callers', async () => {
    await using harness = await startHarness({ workers: 2, controlPlane: { overviewCacheMs: 0 } });
    await harness.controlPlane.fleet.health();
    for (const worker of harness.workers) worker.setLatency(50);
    const requestCounts = () => harness.workers.map((worker) => worker.state.counters.requests);
    const delta = (before: number[]) => requestCounts().map((count, index) => count - before[index]!);

    // The first fan-out may carry one-off requests (a capability probe); measure a later one.
    expect((await harness.request('/api/v1/fleet/overview')).status).toBe(200);
    let before = requestCounts();
    expect((await harness.request('/api/v1/fleet/overview')).status).toBe(200);
    const oneCaller = delta(before);
    expect(oneCaller.every((count) => count >= 3)).toBe(true);

    before = requestCounts();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => harness.request('/api/v1/fleet/overview')),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(delta(before)).toEqual(oneCaller);
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as {
      workers: OverviewRow[];
    }[];
    for (const body of bodies) expect(body).toEqual(bodies[0]);
  });

  it('answers overview callers from a cache for overviewCacheMs, filtered by each caller’s scope', async () => {
    await using harness = await startHarness({ workers: 2, controlPlane: { overviewCacheMs: 60_000 } });
    await harness.controlPlane.fleet.health();
    const requestCounts = () => harness.workers.map((worker) => worker.state.counters.requests);
    // The background monitor's first round probes each worker too (one request each, queued behind the
    // probe above on the worker's one probe connection): it must land before the counts are taken.
    await vi.waitFor(() => expect(requestCounts().every((count) => count >= 2)).toBe(true), {
      timeout: 10_000,
    });
    expect((await harness.request('/api/v1/fleet/overview')).status).toBe(200);
    const before = requestCounts();
    const created = await harness.request('/api/v1/users', {
      ...jsonBody({
        username: 'scoped-viewer',
        password: 'long enough password',
        role: 'viewer',
        scope: { workers: ['worker-b'] },
      }),
    });
    expect(created.status).toBe(201);
    const login = await harness.request('/api/v1/auth/login', {
      ...jsonBody({ username: 'scoped-viewer', password: 'long enough password' }),
      auth: null,
    });
    const token = ((await login.json()) as { access_token: string }).access_token;
    const scoped = (await (await harness.request('/api/v1/fleet/overview', { auth: token })).json()) as {
      workers: OverviewRow[];
    };
    expect(scoped.workers.map((row) => row.worker_id)).toEqual(['worker-b']);
    expect(scoped.workers[0]?.counts).toEqual({ keys: 3, teams: 2, users: 2 });
    const admin = (await (await harness.request('/api/v1/fleet/overview')).json()) as {
      workers: OverviewRow[];
    };
    expect(admin.workers.map((row) => row.worker_id)).toEqual(['worker-a', 'worker-b']);
    expect(requestCounts()).toEqual(before);
  });

  it('probes health, searches and reports spend', async () => {
    await using harness = await startHarness({ workers: 2 });
    const health = (await (await harness.request('/api/v1/fleet/health')).json()) as {
      workers: { worker_id: string; status: string; version: string }[];
    };
    expect(health.workers.map((row) => [row.worker_id, row.status])).toEqual([
      ['worker-a', 'healthy'],
      ['worker-b', 'healthy'],
    ]);

    await harness.request(
      '/api/v1/workers/worker-b/admin/key/generate',
      jsonBody({ key_alias: 'findme-alias' }),
    );
    const search = (await (await harness.request('/api/v1/fleet/search?q=findme-alias&type=key')).json()) as {
      matches: { worker_id: string; type: string }[];
      failures: unknown[];
    };
    expect(search.matches).toEqual([expect.objectContaining({ worker_id: 'worker-b', type: 'key' })]);
    expect(search.failures).toEqual([]);

    const today = new Date().toISOString().slice(0, 10);
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const spend = await harness.request(`/api/v1/fleet/spend?start=${monthAgo}&end=${today}&group_by=worker`);
    expect(spend.status).toBe(200);
    const report = (await spend.json()) as {
      total: number;
      rows: { key: string; worker_ids: string[] }[];
      group_by: string;
    };
    expect(report.group_by).toBe('worker');
    expect(report.total).toBeGreaterThan(0);
    expect(report.rows.length).toBe(2);

    const invalid = await harness.request('/api/v1/fleet/spend?start=yesterday&end=2026-01-01');
    expect(invalid.status).toBe(400);
    const invalidBody = (await invalid.json()) as { error: { code: string; message: string } };
    expect(invalidBody.error.code).toBe('invalid_request');
    expect(invalidBody.error.message).toMatch(/start.*YYYY-MM-DD/);

    expect((await harness.request('/api/v1/fleet/spend?start=2026-02-30&end=2026-03-01')).status).toBe(400);
    const missingQ = await harness.request('/api/v1/fleet/search');
    expect(missingQ.status).toBe(400);
  });

  it('plans, applies with one correlation id in the audit log, and reports drift', async () => {
    await using harness = await startHarness({ workers: 2 });
    const desired = { teams: [{ team_alias: 'platform-team', max_budget: 100 }] };
    const planResponse = await harness.request('/api/v1/fleet/plan', jsonBody({ desired }));
    expect(planResponse.status).toBe(200);
    const plan = (await planResponse.json()) as {
      id: string;
      workers: { workerId: string; changes: { action: string }[] }[];
    };
    expect(plan.workers).toHaveLength(2);
    expect(plan.workers.every((row) => row.changes.some((change) => change.action === 'create'))).toBe(true);

    const applyResponse = await harness.request(
      '/api/v1/fleet/apply',
      jsonBody({ plan, on_failure: 'continue' }),
    );
    expect(applyResponse.status).toBe(200);
    const result = (await applyResponse.json()) as { status: string; correlationId: string };
    expect(result.status).toBe('applied');
    for (const worker of harness.workers) {
      expect([...worker.state.teams.values()].some((team) => team.team_alias === 'platform-team')).toBe(true);
    }
    const audit = (await (await harness.request('/api/v1/audit?action=fleet.apply')).json()) as {
      entries: { worker_id: string; correlation_id: string }[];
    };
    expect(audit.entries.map((entry) => entry.worker_id).sort()).toEqual(['worker-a', 'worker-b']);
    expect(new Set(audit.entries.map((entry) => entry.correlation_id))).toEqual(
      new Set([result.correlationId]),
    );

    const csv = await harness.request('/api/v1/audit?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^id,at,actor,worker_id/);

    await harness.request('/api/v1/workers/worker-b/admin/team/new', jsonBody({ team_alias: 'only-on-b' }));
    const drift = await harness.request('/api/v1/fleet/drift?baseline=worker-a&resources=teams');
    expect(drift.status).toBe(200);
    const report = (await drift.json()) as { workers: { workerId: string; inSync: boolean }[] };
    expect(report.workers.find((row) => row.workerId === 'worker-b')?.inSync).toBe(false);

    const badPlan = await harness.request('/api/v1/fleet/apply', jsonBody({ plan: { id: 'x' } }));
    expect(badPlan.status).toBe(400);
  });
});
