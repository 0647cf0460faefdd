import { type FakeWorker, startFakeWorkers } from '@llm-control-plane/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

describe('sdk script', () => {
  let workers: FakeWorker[] & AsyncDisposable;

  beforeAll(async () => {
    workers = await startFakeWorkers(3, (index) => ({
      host: '127.0.0.1',
      port: 0,
      masterKey: `sk-example-${index}`,
      seed: { spendLogs: 20, seed: index + 1 },
    }));
    await workers[2]!.fault('down');
  });

  afterAll(async () => {
    await workers?.[Symbol.asyncDispose]();
  });

  it('runs the chore against fake workers and reports the one that is down', async () => {
    const lines: string[] = [];
    const entries = workers.map((worker, index) => ({
      worker_id: `example-${index}`,
      name: `example ${index}`,
      url: worker.url,
      api_key: worker.masterKey,
    }));
    const summary = await main({ entries, timeoutMs: 2_000, log: (line) => lines.push(line) });
    expect(summary).toMatchObject({
      workers: 3,
      healthy: ['example-0', 'example-1'],
      unreachable: ['example-2'],
      spendMissing: ['example-2'],
      applied: 'applied',
      reapplied: 'unchanged',
      driftFree: ['example-0', 'example-1'],
    });
    expect(summary.spendTotal).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('sk-example-');
  });
});
