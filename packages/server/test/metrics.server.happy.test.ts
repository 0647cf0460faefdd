import { type FakeWorker, startFakeWorker } from '@llm-control-plane/testkit';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createJsonLogger } from '../src/logger.js';
import { type RunningControlPlane, startControlPlane } from '../src/start.js';
import { MASTER_KEY, workerKey } from './support/fixtures.js';
import { rawRequest } from './support/http.js';
import { createMemoryStore } from './support/memory-store.js';

/*
 * GET /metrics through a real socket: only the node adapter hands the body to a socket, after which the
 * body's memory goes back to the metrics for a later scrape (`app.request` never gets there).
 */

const RELAY_SERIES = 'control_plane_relay_requests_total{worker="worker-a",method="read",status="200"}';

describe('GET /metrics (real server)', () => {
  let workers: FakeWorker[];
  let running: RunningControlPlane;

  const get = (path: string) =>
    rawRequest(running.url, path, { headers: { authorization: `Bearer ${MASTER_KEY}` } });

  async function scrape(): Promise<string> {
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(response.body)));
    // The parser throws on any line that is not valid exposition format.
    expect(() => parsePrometheusTextFormat(response.body)).not.toThrow();
    return response.body;
  }

  const relayed = (text: string) =>
    Number(
      text
        .split('\n')
        .find((line) => line.startsWith(`${RELAY_SERIES} `))
        ?.slice(RELAY_SERIES.length + 1) ?? 0,
    );

  /** The lines of the per-worker families (the process metrics change from scrape to scrape). */
  const workerLines = (text: string) =>
    text.split('\n').filter((line) => line.includes('worker="') && !line.startsWith('#'));

  beforeAll(async () => {
    workers = [
      await startFakeWorker({ masterKey: workerKey(0), name: 'worker-0', seed: { keys: 1, seed: 1 } }),
      await startFakeWorker({ masterKey: workerKey(1), name: 'worker-1', seed: { keys: 1, seed: 2 } }),
    ];
    running = await startControlPlane({
      config: {
        worker_registry: workers.map((worker, index) => ({
          worker_id: `worker-${'ab'[index]}`,
          name: `Worker ${index}`,
          url: worker.url,
          api_key: worker.masterKey,
        })),
        general_settings: { master_key: MASTER_KEY },
      },
      store: createMemoryStore(),
      port: 0,
      uiAssetsDir: false,
      monitorIntervalMs: 600_000,
      logger: createJsonLogger({ level: 'error', write: () => {} }),
    });
    // The first health round (probes and histograms) ends soon after start; no other before the tests end.
    for (;;) {
      const text = await scrape();
      if (text.includes('control_plane_worker_probe_duration_seconds_count{worker="worker-b"} 1')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  afterAll(async () => {
    await running.close();
    await Promise.all(workers.map((worker) => worker.close()));
  });

  it('answers each scrape with the current series, reusing the memory of bodies already sent', async () => {
    const allocations = vi.spyOn(Buffer, 'allocUnsafeSlow');
    try {
      const first = await scrape();
      const before = relayed(first);
      for (let round = 1; round <= 5; round += 1) {
        expect((await get('/api/v1/workers/worker-a/admin/key/list')).status).toBe(200);
        const text = await scrape();
        // Only the relayed worker's counter moved; the other worker's lines were copied unchanged.
        expect(relayed(text)).toBe(before + round);
        expect(workerLines(text).filter((line) => line.includes('worker="worker-b"'))).toEqual(
          workerLines(first).filter((line) => line.includes('worker="worker-b"')),
        );
      }
      const bodySize = Buffer.byteLength(first);
      const bodyAllocations = allocations.mock.calls.filter(([size]) => size >= bodySize);
      // One body's memory for the first scrape, then the same memory each time its body was sent.
      expect(bodyAllocations.length).toBeLessThanOrEqual(1);
    } finally {
      allocations.mockRestore();
    }
  });

  it('serves overlapping scrapes whole, each with the state it was rendered from', async () => {
    const before = relayed(await scrape());
    const scrapes: Promise<string>[] = [];
    for (let call = 1; call <= 4; call += 1) {
      scrapes.push(scrape());
      expect((await get('/api/v1/workers/worker-a/admin/key/list')).status).toBe(200);
    }
    scrapes.push(scrape());
    const texts = await Promise.all(scrapes);
    const counts = texts.map(relayed);
    // Each body holds one consistent count, never fewer calls than before it was asked for.
    for (const [index, count] of counts.entries()) expect(count).toBeGreaterThanOrEqual(before + index);
    expect(counts.at(-1)).toBe(before + 4);
  });
});
