import { WorkerUnavailableError } from '@llm-control-plane/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet, type HealthChange } from '../src/index.js';
import { closeAll, entriesFor, startWorkers, type TestWorkers, waitFor } from './helpers.js';

describe('monitor and circuit', () => {
  let workers: TestWorkers;

  beforeAll(async () => {
    workers = await startWorkers(3);
  });

  afterAll(async () => {
    await closeAll(workers);
  });

  it('opens the circuit after consecutive failures and closes it after a successful probe', async () => {
    await using fleet = new Fleet(entriesFor(workers), { timeoutMs: 500, circuit: { failureThreshold: 3 } });
    const monitor = fleet.monitor({ intervalMs: 30 });
    const events: HealthChange[] = [];
    monitor.addEventListener('change', (event) => events.push((event as CustomEvent<HealthChange>).detail));
    const iterated: HealthChange[] = [];
    const iterating = (async () => {
      for await (const change of monitor) iterated.push(change);
    })();

    await waitFor(() => fleet.lastHealth().size === 3, 5_000, 'first poll');
    expect([...fleet.lastHealth().values()].map((health) => health.status)).toEqual([
      'healthy',
      'healthy',
      'healthy',
    ]);
    expect(fleet.circuitState('w1')).toBe('closed');

    await workers[1]!.fault('down');
    await waitFor(() => fleet.circuitState('w1') === 'open', 5_000, 'circuit to open');
    const opened = events.find((change) => change.workerId === 'w1' && change.circuit.current === 'open');
    expect(opened?.current.status).toBe('unreachable');
    expect(
      events.find((change) => change.workerId === 'w1' && change.current.status === 'unreachable'),
    ).toBeDefined();

    const started = performance.now();
    const results = await fleet.each(
      async ({ client, signal }) => (await client.keys.list({}, { signal })).keys.length,
    );
    // Fails fast: far below the 1 s probe deadline even with scheduling slack on a loaded machine.
    expect(performance.now() - started).toBeLessThan(600);
    expect(results[0]!.ok).toBe(true);
    expect(results[1]!.ok ? null : results[1]!.error).toBeInstanceOf(WorkerUnavailableError);
    expect(results[2]!.ok).toBe(true);

    await workers[1]!.fault('none');
    await waitFor(() => fleet.circuitState('w1') === 'closed', 5_000, 'circuit to close');
    expect(fleet.lastHealth().get('w1')?.status).toBe('healthy');
    const recovered = events.find((change) => change.workerId === 'w1' && change.circuit.previous === 'open');
    expect(recovered).toMatchObject({ circuit: { current: 'closed' }, current: { status: 'healthy' } });
    const again = await fleet.each(
      async ({ client, signal }) => (await client.keys.list({}, { signal })).keys.length,
      {
        workers: ['w1'],
      },
    );
    expect(again[0]!.ok).toBe(true);

    monitor.stop();
    await iterating;
    expect(iterated.map((change) => change.workerId)).toEqual(events.map((change) => change.workerId));
    expect(monitor.stopped).toBe(true);
  });

  it('keeps the last-known state and lastSeenAt of a worker that went down', async () => {
    await using fleet = new Fleet(entriesFor(workers), { timeoutMs: 500 });
    const [first] = await fleet.health({ workers: ['w2'] });
    expect(first?.status).toBe('healthy');
    await workers[2]!.fault('down');
    try {
      const [second] = await fleet.health({ workers: ['w2'] });
      expect(second).toMatchObject({ status: 'unreachable', lastSeenAt: first?.checkedAt, latencyMs: null });
      expect(fleet.lastHealth().get('w2')?.status).toBe('unreachable');
    } finally {
      await workers[2]!.fault('none');
    }
  });

  it('stops monitors when the fleet closes', async () => {
    const fleet = new Fleet(entriesFor(workers), { timeoutMs: 500 });
    const monitor = fleet.monitor({ intervalMs: 1_000 });
    await fleet.close();
    expect(monitor.stopped).toBe(true);
    const iterator = monitor[Symbol.asyncIterator]();
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
  });
});
