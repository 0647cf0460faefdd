import { describe, expect, it } from 'vitest';
import { startHarness } from './support/fixtures.js';

type ErrorBody = { error: { code: string; message: string; worker_id?: string; worker_status?: number } };

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  return ((await response.json()) as ErrorBody).error;
}

describe('relay failures', () => {
  it('maps each worker fault to its status and code', async () => {
    await using harness = await startHarness({ workers: 1, entry: () => ({ timeout_ms: 1500 }) });
    const worker = harness.workers[0]!;
    const path = '/api/v1/workers/worker-a/admin/key/list';

    await worker.fault('error500');
    const serverError = await harness.request(path);
    expect(serverError.status).toBe(502);
    expect(await errorOf(serverError)).toMatchObject({
      code: 'worker_error',
      worker_status: 500,
      worker_id: 'worker-a',
    });

    await worker.fault('garbage');
    const garbage = await harness.request(path);
    expect(garbage.status).toBe(502);
    expect((await errorOf(garbage)).code).toBe('worker_bad_response');

    await worker.fault('hang');
    const started = Date.now();
    const hung = await harness.request(path);
    expect(hung.status).toBe(504);
    expect((await errorOf(hung)).code).toBe('worker_timeout');
    expect(Date.now() - started).toBeLessThan(1500 * 3 + 1000);

    await worker.fault('down');
    const down = await harness.request(path);
    expect(down.status).toBe(502);
    expect((await errorOf(down)).code).toBe('worker_unreachable');

    // Failed probes open the circuit; the relay then answers at once without calling the worker.
    for (let round = 0; round < 3; round += 1) await harness.controlPlane.fleet.health();
    expect(harness.controlPlane.fleet.circuitState('worker-a')).toBe('open');
    const open = await harness.request(path);
    expect(open.status).toBe(503);
    expect((await errorOf(open)).code).toBe('worker_unavailable');

    const audited = await harness.request('/api/v1/workers/worker-a/admin/key/generate', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(audited.status).toBe(503);
    const audit = (await (await harness.request('/api/v1/audit')).json()) as {
      entries: { status: number }[];
    };
    expect(audit.entries[0]?.status).toBe(503);
  });

  it('a hanging worker does not slow the routes of the others', async () => {
    await using harness = await startHarness({
      workers: 3,
      entry: (index) => (index === 0 ? { timeout_ms: 1500 } : {}),
    });
    await harness.workers[0]!.fault('hang');
    const hanging = harness.request('/api/v1/workers/worker-a/admin/key/list');

    const started = Date.now();
    const [b, c, list] = await Promise.all([
      harness.request('/api/v1/workers/worker-b/admin/key/list'),
      harness.request('/api/v1/workers/worker-c/admin/team/list'),
      harness.request('/api/v1/workers'),
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect([b.status, c.status, list.status]).toEqual([200, 200, 200]);

    const overviewStarted = Date.now();
    const overview = await harness.request('/api/v1/fleet/overview');
    expect(Date.now() - overviewStarted).toBeLessThan(1500 + 1000);
    const body = (await overview.json()) as {
      workers: { worker_id: string; counts: unknown; error?: { kind: string } }[];
    };
    expect(body.workers.find((row) => row.worker_id === 'worker-a')?.error?.kind).toBe('timeout');
    expect(body.workers.find((row) => row.worker_id === 'worker-b')?.counts).toMatchObject({ keys: 3 });

    expect((await hanging).status).toBe(504);
  });
});
