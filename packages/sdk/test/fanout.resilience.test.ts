import { WorkerError } from '@llm-control-plane/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from '../src/index.js';
import { closeAll, entriesFor, startWorkers, type TestWorkers } from './helpers.js';

const DEADLINE_MS = 1_000;
// Scheduling slack for a loaded 2-core CI machine; a hung worker without a deadline would take forever.
const SLACK_MS = 600;

describe('fan-out with broken workers', () => {
  let workers: TestWorkers;
  let fleet: Fleet;

  beforeAll(async () => {
    workers = await startWorkers(6, { keys: 3, teams: 2, users: 2 });
    fleet = new Fleet(entriesFor(workers), { timeoutMs: DEADLINE_MS });
    await workers[2]!.fault('hang');
    await workers[3]!.fault('down');
    await workers[4]!.fault('garbage');
  });

  afterAll(async () => {
    await fleet?.close();
    await closeAll(workers);
  });

  it('keeps the healthy rows intact and returns within the deadline', async () => {
    const started = performance.now();
    const results = await fleet.each(
      async ({ client, signal }) => (await client.keys.list({}, { signal })).keys.length,
    );
    const elapsed = performance.now() - started;

    expect(elapsed).toBeLessThan(DEADLINE_MS + SLACK_MS);
    expect(results.map((result) => result.workerId)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5']);
    for (const index of [0, 1, 5]) {
      const result = results[index]!;
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.value).toBeGreaterThanOrEqual(3);
    }
    const kinds = results.map((result) =>
      result.ok ? 'ok' : WorkerError.isInstance(result.error) && result.error.kind,
    );
    expect(kinds).toEqual(['ok', 'ok', 'timeout', 'unreachable', 'bad_response', 'ok']);
  });

  it('stops waiting for a hung worker even when the callback ignores the signal', async () => {
    const started = performance.now();
    const results = await fleet.each(
      ({ entry }) =>
        entry.worker_id === 'w2' ? new Promise<string>(() => {}) : Promise.resolve(entry.worker_id),
      { workers: ['w1', 'w2'], timeoutMs: 300 },
    );
    expect(performance.now() - started).toBeLessThan(300 + SLACK_MS);
    expect(results[0]).toMatchObject({ workerId: 'w1', ok: true, value: 'w1' });
    expect(results[1]).toMatchObject({ workerId: 'w2', ok: false, error: { kind: 'timeout' } });
  });

  it('reports health per worker within the deadline', async () => {
    const started = performance.now();
    const health = await fleet.health();
    expect(performance.now() - started).toBeLessThan(DEADLINE_MS + SLACK_MS);
    expect(health.map((row) => row.status)).toEqual([
      'healthy',
      'healthy',
      'unreachable',
      'unreachable',
      'unreachable',
      'healthy',
    ]);
    expect(health[0]).toMatchObject({
      workerId: 'w0',
      lastSeenAt: expect.any(String),
      version: expect.any(String),
    });
    expect(health[0]!.latencyMs).toEqual(expect.any(Number));
    expect(health[2]!.error?.kind).toBe('timeout');
    expect(health[3]!.error?.kind).toBe('unreachable');
    expect(health[4]!.error?.kind).toBe('bad_response');
    expect(fleet.lastHealth().get('w3')?.status).toBe('unreachable');
  });

  it('aborts every row when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = fleet.each(
      ({ signal }) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      {
        signal: controller.signal,
      },
    );
    setTimeout(() => controller.abort(), 50);
    const results = await pending;
    expect(results).toHaveLength(6);
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { kind: 'aborted' } });
  });

  it('keeps the deadline per task when concurrency queues workers', async () => {
    const results = await fleet.each(
      async ({ entry, signal }) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        signal.throwIfAborted();
        return entry.worker_id;
      },
      { workers: ['w0', 'w1', 'w5'], concurrency: 1, timeoutMs: 150 },
    );
    // Each task gets its own 150 ms once it starts, so queued tasks are not starved by their wait.
    expect(results.every((result) => result.ok)).toBe(true);
  });

  it('bounds concurrency and shares one abort listener across many workers', async () => {
    const entries = Array.from({ length: 200 }, (_unused, index) => ({
      worker_id: `many-${index}`,
      name: `many ${index}`,
      url: workers[0]!.url,
      api_key: workers[0]!.masterKey,
    }));
    await using many = new Fleet(entries);
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      let inFlight = 0;
      let peak = 0;
      const controller = new AbortController();
      const results = await many.each(
        async ({ entry }) => {
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 2));
          inFlight -= 1;
          return entry.worker_id;
        },
        { concurrency: 16, signal: controller.signal },
      );
      expect(results.map((result) => result.ok && result.value)).toEqual(
        entries.map((entry) => entry.worker_id),
      );
      expect(peak).toBe(16);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
