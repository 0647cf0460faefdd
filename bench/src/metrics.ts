import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cpuUsage } from 'node:process';
import { createControlPlane } from '@llm-control-plane/server';
import { CONTROL_PLANE_MASTER_KEY, registryEntries, startWorkerPool } from './fixtures.js';
import { profiled } from './profiler.js';
import { median, now, percentile, round, sleep } from './statistics.js';
import type { BenchmarkContext, BenchmarkResult } from './types.js';

const WORKERS = 10_000;
/** Fake worker processes behind the 10,000 registry entries: each answers for 100 entries. */
const DISTINCT_WORKERS = 100;
const POLL_ROUNDS = 3;
const RELAY_CONCURRENCY = 50;
const SCRAPES = 20;
const TARGET_MS = 100;

/**
 * GET /metrics at 10,000 workers, each with health, a version, a probe histogram of several rounds and a
 * relay counter: the largest exposition the per-worker families produce.
 */
export async function run(context: BenchmarkContext): Promise<BenchmarkResult> {
  await using pool = await startWorkerPool(DISTINCT_WORKERS);
  const urls = Array.from({ length: WORKERS }, (_, index) => pool.urls[index % DISTINCT_WORKERS] as string);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-metrics-'));
  const controlPlane = await createControlPlane({
    config: {
      worker_registry: registryEntries(urls),
      general_settings: { master_key: CONTROL_PLANE_MASTER_KEY },
    },
    dataDir,
    uiAssetsDir: false,
    // The default interval: scrapes run beside the probe load a 10,000-worker control plane really has.
    monitorIntervalMs: 10_000,
  });
  try {
    const headers = { authorization: `Bearer ${CONTROL_PLANE_MASTER_KEY}` };
    const ids = controlPlane.fleet.workers().map((entry) => entry.worker_id);
    let next = 0;
    await Promise.all(
      Array.from({ length: RELAY_CONCURRENCY }, async () => {
        while (next < ids.length) {
          const id = ids[next++] as string;
          await controlPlane.app.request(`/api/v1/workers/${id}/admin/key/list`, { headers });
        }
      }),
    );
    context.log(`metrics: relayed one call to each of ${WORKERS} workers`);
    const probeCount = async () => {
      const text = await (await controlPlane.app.request('/metrics', { headers })).text();
      const line = text
        .split('\n')
        .find((entry) =>
          entry.startsWith('control_plane_worker_probe_duration_seconds_count{worker="w09999"}'),
        );
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    while ((await probeCount()) < POLL_ROUNDS) await sleep(250);
    context.log(`metrics: ${POLL_ROUNDS} health rounds observed`);

    const durations: number[] = [];
    const cpuMs: number[] = [];
    let bytes = 0;
    let lines = 0;
    await profiled('metrics', async () => {
      for (let index = 0; index < SCRAPES; index += 1) {
        const started = now();
        const cpuBefore = cpuUsage();
        const response = await controlPlane.app.request('/metrics', { headers });
        const text = await response.text();
        durations.push(now() - started);
        const cpu = cpuUsage(cpuBefore);
        cpuMs.push((cpu.user + cpu.system) / 1000);
        bytes = text.length;
        lines = text.split('\n').length;
      }
    });
    const p50 = median(durations);
    const p95 = percentile(durations, 95);
    return {
      name: 'metrics',
      title: 'GET /metrics at 10,000 workers',
      rows: [
        {
          workers: WORKERS,
          'scrape p50 (ms)': round(p50, 1),
          'scrape p95 (ms)': round(p95, 1),
          'scrape max (ms)': round(Math.max(...durations), 1),
          'CPU per scrape p50 (ms)': round(median(cpuMs), 1),
          'body (MB)': round(bytes / 1e6, 2),
          lines,
        },
      ],
      targets: [
        {
          name: 'scrape at 10000 workers (p50)',
          target: `≤ ${TARGET_MS} ms`,
          actual: `${round(p50, 1)} ms`,
          met: p50 <= TARGET_MS,
        },
        {
          name: 'scrape at 10000 workers (p95)',
          target: `≤ ${TARGET_MS} ms`,
          actual: `${round(p95, 1)} ms`,
          met: p95 <= TARGET_MS,
        },
      ],
      notes: [
        `${WORKERS} registry entries over ${DISTINCT_WORKERS} fake workers; every entry has health, a version, ${POLL_ROUNDS}+ probe observations and one relayed call.`,
        `${SCRAPES} sequential scrapes through the app (no socket), the body read as text; the monitor keeps polling at its default 10 s interval meanwhile (1,000 probes a second). CPU per scrape is the process's CPU time over the scrape, a figure a loaded machine disturbs less than wall time.`,
      ],
      data: {
        durationsMs: durations.map((value) => round(value, 2)),
        cpuMs: cpuMs.map((value) => round(value, 2)),
        bytes,
        lines,
      },
    };
  } finally {
    await controlPlane.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
