import { describe, expect, it } from 'vitest';
import { startFakeWorker, startFakeWorkers } from '../src/index.js';

describe('scale', () => {
  it('starts and closes 200 workers in one process', async () => {
    const workers = await startFakeWorkers(200, (index) => ({
      masterKey: `sk-scale-${index}`,
      name: `worker-${index}`,
    }));
    try {
      expect(workers).toHaveLength(200);
      expect(new Set(workers.map((worker) => worker.port)).size).toBe(200);
      const sample = [workers[0]!, workers[99]!, workers[199]!];
      const responses = await Promise.all(
        sample.map((worker) =>
          fetch(`${worker.url}/health/readiness`).then(
            (response) => response.json() as Promise<{ status: string }>,
          ),
        ),
      );
      expect(responses.every((body) => body.status === 'healthy')).toBe(true);
      expect(workers[199]!.name).toBe('worker-199');
    } finally {
      await workers[Symbol.asyncDispose]();
    }
    const refused = await fetch(`${workers[0]!.url}/health/liveliness`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused).toBe('refused');
  });

  it('closes the already started workers when one fails to start', async () => {
    await using occupied = await startFakeWorker({ masterKey: 'sk-occupied' });
    await expect(
      startFakeWorkers(3, (index) => ({
        masterKey: `sk-fail-${index}`,
        port: index === 2 ? occupied.port : 0,
      })),
    ).rejects.toThrow(/EADDRINUSE/);
  });

  it('serves concurrent keep-alive requests and counts every one', async () => {
    await using worker = await startFakeWorker({ masterKey: 'sk-throughput' });
    const headers = { authorization: 'Bearer sk-throughput' };
    const statuses = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const lane: number[] = [];
        for (let index = 0; index < 25; index += 1) {
          const response = await fetch(`${worker.url}/key/list`, { headers });
          await response.arrayBuffer();
          lane.push(response.status);
        }
        return lane;
      }),
    );
    expect(statuses.flat().every((status) => status === 200)).toBe(true);
    expect(worker.state.counters.requests).toBe(400);
  });
});
