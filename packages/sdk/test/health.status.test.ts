import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from '../src/index.js';
import { closeAll, entriesFor, startWorkers, type TestWorkers } from './helpers.js';

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
