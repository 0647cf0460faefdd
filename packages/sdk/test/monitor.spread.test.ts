import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from '../src/index.js';
import { waitFor } from './helpers.js';

/** Minimal workers that answer readiness and remember when each probe arrived. */
async function startProbeTargets(count: number): Promise<{ servers: Server[]; probes: number[][] }> {
  const probes: number[][] = Array.from({ length: count }, () => []);
  const servers = await Promise.all(
    Array.from({ length: count }, (_, index) => {
      const server = createServer((request, response) => {
        if (request.url?.startsWith('/health/readiness')) probes[index]?.push(performance.now());
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ status: 'healthy', db: 'Not connected', litellm_version: '1.0.0' }));
      });
      return new Promise<Server>((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
    }),
  );
  return { servers, probes };
}

describe('monitor probe pacing', () => {
  let targets: { servers: Server[]; probes: number[][] };

  beforeAll(async () => {
    targets = await startProbeTargets(12);
  });
  afterAll(async () => {
    await Promise.all(
      targets.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  });

  it('probes everything at once first, then spreads each round over the interval', async () => {
    const fleet = new Fleet(
      targets.servers.map((server, index) => ({
        worker_id: `w${index}`,
        name: `w${index}`,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      })),
      { timeoutMs: 2_000 },
    );
    const intervalMs = 2_000;
    const monitor = fleet.monitor({ intervalMs });
    try {
      await waitFor(() => monitor.polls >= 2, 30_000, 'two monitor rounds');
    } finally {
      monitor.stop();
      await fleet.close();
    }
    const first = targets.probes.map((times) => times[0] ?? Number.NaN);
    const second = targets.probes.map((times) => times[1] ?? Number.NaN);
    expect(first.every(Number.isFinite) && second.every(Number.isFinite)).toBe(true);
    const span = (times: number[]) => Math.max(...times) - Math.min(...times);
    // 12 workers over 2 s: twelve slices of one worker, 167 ms apart, so the second round's probes span
    // about 1.8 s. The bounds leave most of a second for a loaded machine to start a slice late.
    expect(span(second)).toBeGreaterThanOrEqual(1_000);
    // Each worker once per round: the second round starts about one interval after the first started.
    expect(Math.min(...second) - Math.min(...first)).toBeGreaterThanOrEqual(1_000);
  }, 45_000);
});
