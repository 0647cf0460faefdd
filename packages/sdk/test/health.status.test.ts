import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from '../src/index.js';
import { closeAll, entriesFor, startWorkers, type TestWorkers, waitFor } from './helpers.js';

function readinessServer(body: unknown, status = 200): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('health classification', () => {
  let workers: TestWorkers;
  const servers: Server[] = [];

  beforeAll(async () => {
    workers = await startWorkers(3);
    await workers[0]!.fault('error500');
    await workers[1]!.fault('slow', { latencyMs: 1_500 });
    servers.push(await readinessServer({ status: 'healthy', db: 'disconnected', litellm_version: '1.2.3' }));
    servers.push(await readinessServer({ status: 'healthy', db: 'Not connected', litellm_version: '1.2.4' }));
    servers.push(await readinessServer({ status: 'unhealthy', db: 'connected' }));
  });

  afterAll(async () => {
    await closeAll(workers);
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('tells healthy, degraded and unreachable workers apart', async () => {
    const entries = [
      ...entriesFor(workers),
      ...servers.map((server, index) => ({
        worker_id: `plain-${index}`,
        name: `plain ${index}`,
        url: urlOf(server),
      })),
    ];
    await using fleet = new Fleet(entries, { timeoutMs: 5_000, degradedLatencyMs: 1_000 });
    const health = await fleet.health();
    const byId = Object.fromEntries(health.map((row) => [row.workerId, row]));

    expect(byId.w0).toMatchObject({ status: 'unreachable', latencyMs: null, error: { kind: 'api' } });
    expect(byId.w1).toMatchObject({ status: 'degraded', error: { kind: 'degraded' } });
    expect(byId.w1!.error!.message).toMatch(/threshold 1000 ms/);
    expect(byId.w2).toMatchObject({ status: 'healthy', db: 'connected', version: expect.any(String) });
    expect(byId.w2!.error).toBeUndefined();
    expect(byId['plain-0']).toMatchObject({ status: 'degraded', db: 'disconnected', version: '1.2.3' });
    expect(byId['plain-0']!.error!.message).toMatch(/database disconnected/);
    expect(byId['plain-1']).toMatchObject({ status: 'healthy', db: 'Not connected' });
    expect(byId['plain-2']).toMatchObject({ status: 'degraded' });
    for (const row of health) expect(Number.isNaN(Date.parse(row.checkedAt))).toBe(false);
  });
});

describe('status from the freshest signal', () => {
  it('marks a worker at once when a call fails after a good probe, and restores it on an answer', async () => {
    await using workers = await startWorkers(2);
    await using fleet = new Fleet(entriesFor(workers), { timeoutMs: 300 });
    using monitor = fleet.monitor({ intervalMs: 3_600_000 });
    const changes: string[] = [];
    monitor.addEventListener('change', (event) => {
      const { workerId, current } = (event as CustomEvent<{ workerId: string; current: { status: string } }>)
        .detail;
      changes.push(`${workerId}:${current.status}`);
    });
    // The monitor probes once right away; the next probe is an hour off.
    await waitFor(() => monitor.polls >= 1, 5_000, 'the first probe');
    const probed = fleet.lastHealth().get('w0');
    expect(probed).toMatchObject({ status: 'healthy', source: 'probe', reason: null });

    // Hung: the fan-out's deadline passes, and the status says so without waiting for the next probe.
    await workers[0]!.fault('hang');
    const [hung] = await fleet.each(({ client, signal }) => client.keys.list({}, { signal }), {
      workers: ['w0'],
    });
    expect(hung?.ok).toBe(false);
    const degraded = fleet.lastHealth().get('w0');
    expect(degraded).toMatchObject({ status: 'degraded', source: 'fan-out', error: { kind: 'timeout' } });
    expect(degraded?.reason).toMatch(/300 ms/);
    expect(Date.parse(degraded?.since ?? '')).toBeGreaterThanOrEqual(Date.parse(probed?.checkedAt ?? ''));

    // Down: a connection failure is worse, and a later timeout does not soften it.
    await workers[0]!.fault('down');
    fleet.recordCall('w0', await callError(fleet), 'relay');
    const down = fleet.lastHealth().get('w0');
    expect(down).toMatchObject({ status: 'unreachable', source: 'relay', error: { kind: 'unreachable' } });
    await workers[0]!.fault('hang');
    await fleet.each(({ client, signal }) => client.keys.list({}, { signal }), { workers: ['w0'] });
    expect(fleet.lastHealth().get('w0')).toMatchObject({ status: 'unreachable', since: down?.since });

    // Back: one answered call restores the last good probe's status.
    await workers[0]!.fault('none');
    await fleet.each(({ client, signal }) => client.keys.list({}, { signal }), { workers: ['w0'] });
    expect(fleet.lastHealth().get('w0')).toMatchObject({ status: 'healthy', reason: null });
    expect(fleet.lastHealth().get('w0')?.error).toBeUndefined();
    // A worker's own error answer proves it is reachable but is no verdict on its health.
    await workers[1]!.fault('error500');
    await fleet.each(({ client, signal }) => client.keys.list({}, { signal }), { workers: ['w1'] });
    expect(fleet.lastHealth().get('w1')?.status).toBe('healthy');
    expect(changes).toEqual(['w0:healthy', 'w1:healthy', 'w0:degraded', 'w0:unreachable', 'w0:healthy']);
    // Calls never move the circuit: only probes do.
    expect(fleet.circuitState('w0')).toBe('closed');
  });
});

async function callError(fleet: Fleet): Promise<unknown> {
  try {
    await fleet.worker('w0').client.raw({ method: 'GET', path: '/key/list', retry: false });
    return null;
  } catch (error) {
    return error;
  }
}
