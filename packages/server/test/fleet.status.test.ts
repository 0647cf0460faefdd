import { describe, expect, it } from 'vitest';
import { startHarness } from './support/fixtures.js';

type OverviewRow = {
  worker_id: string;
  status: string;
  since: string | null;
  reason: string | null;
  source: string | null;
};

async function overviewRows(request: (path: string) => Promise<Response>): Promise<Map<string, OverviewRow>> {
  const response = await request('/api/v1/fleet/overview');
  expect(response.status).toBe(200);
  const body = (await response.json()) as { workers: OverviewRow[] };
  return new Map(body.workers.map((row) => [row.worker_id, row]));
}

describe('worker status from the freshest signal', () => {
  it('shows a hung worker degraded after one failed relayed call, long before the next probe', async () => {
    await using harness = await startHarness({
      workers: 2,
      entry: () => ({ timeout_ms: 1000 }),
      // One probe at start, the next an hour later: only calls can change the status in between.
      controlPlane: { monitorIntervalMs: 3_600_000, overviewCacheMs: 0 },
    });
    // Probed on purpose (a loaded machine may miss the monitor's first deadline); then only calls remain.
    const fleet = harness.controlPlane.fleet;
    await expect
      .poll(async () => (await fleet.health({ workers: ['worker-a'] }))[0]?.status, { timeout: 20_000 })
      .toBe('healthy');
    // Let the monitor's own first probe (started with the control plane) finish before the fault.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await fleet.health({ workers: ['worker-a'] }))[0]?.status).toBe('healthy');
    const probedAt = harness.controlPlane.fleet.lastHealth().get('worker-a')?.checkedAt ?? '';

    await harness.workers[0]!.fault('hang');
    const relayed = await harness.request('/api/v1/workers/worker-a/admin/key/list');
    expect(relayed.status).toBe(504);
    const worker = (await (await harness.request('/api/v1/workers/worker-a')).json()) as {
      health: { status: string; since: string; reason: string; source: string };
    };
    expect(worker.health).toMatchObject({ status: 'degraded', source: 'relay' });
    expect(worker.health.reason).toMatch(/1000 ms/);
    expect(Date.parse(worker.health.since)).toBeGreaterThan(Date.parse(probedAt));

    // The overview's own fan-out to the hung worker times out too; its row and the other stay consistent.
    const rows = await overviewRows((path) => harness.request(path));
    expect(rows.get('worker-a')).toMatchObject({ status: 'degraded', since: worker.health.since });
    expect(rows.get('worker-b')).toMatchObject({ status: 'healthy', reason: null, source: 'probe' });

    await harness.workers[0]!.fault('down');
    expect((await harness.request('/api/v1/workers/worker-a/admin/key/list')).status).toBe(502);
    expect((await overviewRows((path) => harness.request(path))).get('worker-a')).toMatchObject({
      status: 'unreachable',
    });

    await harness.workers[0]!.fault('none');
    expect((await harness.request('/api/v1/workers/worker-a/admin/key/list')).status).toBe(200);
    expect((await overviewRows((path) => harness.request(path))).get('worker-a')).toMatchObject({
      status: 'healthy',
      reason: null,
    });
  });

  it('marks a worker that stopped answering within the very overview call that found out', async () => {
    await using harness = await startHarness({
      workers: 2,
      // A refused connection fails at once; the long deadline keeps the healthy worker healthy under load.
      entry: () => ({ timeout_ms: 5000 }),
      controlPlane: { monitorIntervalMs: 3_600_000, overviewCacheMs: 0 },
    });
    const fleet = harness.controlPlane.fleet;
    await expect
      .poll(async () => (await fleet.health({ workers: ['worker-b'] }))[0]?.status, { timeout: 20_000 })
      .toBe('healthy');
    await harness.workers[1]!.fault('down');
    const rows = await overviewRows((path) => harness.request(path));
    expect(rows.get('worker-b')?.status).toBe('unreachable');
    // The overview asks for counts and for spend at once; whichever failed last names the source.
    expect(['overview', 'fan-out']).toContain(rows.get('worker-b')?.source);
    expect(rows.get('worker-b')?.reason).toMatch(/ECONNREFUSED|connect|unreachable/i);
    expect(rows.get('worker-a')?.status).toBe('healthy');
  });
});
