import { Agent, request } from 'undici';
import { startControlPlaneHost } from './control-plane-process.js';
import { CONTROL_PLANE_MASTER_KEY, registryEntries, startWorkerPool } from './fixtures.js';
import { profiledHost } from './profiler.js';
import { median, now, percentile, round, sleep } from './statistics.js';
import type { BenchmarkContext, BenchmarkResult } from './types.js';

const WORKERS = 10_000;
/** Fake worker processes behind the 10,000 registry entries: each answers for 100 entries. */
const DISTINCT_WORKERS = 100;
const POLL_ROUNDS = 3;
const RELAY_CONCURRENCY = 50;
const SCRAPES = 20;
const SCRAPE_GAP_MS = 250;
const TARGET_MS = 100;

type Sample = { cpuUserMicros: number; cpuSystemMicros: number };

/** One GET with the body read to its end (as Prometheus reads it), over a kept-alive connection. */
async function scrape(agent: Agent, url: string): Promise<Buffer> {
  const response = await request(`${url}/metrics`, {
    dispatcher: agent,
    headers: { authorization: `Bearer ${CONTROL_PLANE_MASTER_KEY}` },
  });
  const body = Buffer.from(await response.body.arrayBuffer());
  if (response.statusCode !== 200) throw new Error(`GET /metrics answered ${response.statusCode}`);
  return body;
}

/** The count of health probes recorded for one worker, read from the exposition. */
function probeCount(body: Buffer, workerId: string): number {
  const series = `control_plane_worker_probe_duration_seconds_count{worker="${workerId}"} `;
  const text = body.toString('utf8');
  const at = text.indexOf(series);
  if (at < 0) return 0;
  return Number(text.slice(at + series.length, text.indexOf('\n', at)));
}

/** One relayed call to each worker, so every worker has a relay counter series. */
async function relayToEachWorker(agent: Agent, url: string, ids: readonly string[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: RELAY_CONCURRENCY }, async () => {
      while (next < ids.length) {
        const id = ids[next++] as string;
        const response = await request(`${url}/api/v1/workers/${id}/admin/key/list`, {
          dispatcher: agent,
          headers: { authorization: `Bearer ${CONTROL_PLANE_MASTER_KEY}` },
        });
        await response.body.dump();
      }
    }),
  );
}

/**
 * GET /metrics at 10,000 workers, each with health, a version, a probe histogram of several rounds and a
 * relay counter: the largest exposition the per-worker families produce. The control plane runs in its own
 * process (with its CLI's flags) and is scraped over HTTP, as Prometheus scrapes it.
 */
export async function run(context: BenchmarkContext): Promise<BenchmarkResult> {
  await using pool = await startWorkerPool(DISTINCT_WORKERS);
  const urls = Array.from({ length: WORKERS }, (_, index) => pool.urls[index % DISTINCT_WORKERS] as string);
  const entries = registryEntries(urls);
  const ids = entries.map((entry) => entry.worker_id);
  const host = startControlPlaneHost({ raiseFileLimit: true });
  const agent = new Agent({ connections: RELAY_CONCURRENCY });
  try {
    // The server's default monitor interval (10 s): scrapes run beside the probe load a 10,000-worker
    // control plane really has.
    const { url } = await host.call<{ url: string }>('server', {
      config: {
        worker_registry: entries,
        general_settings: { master_key: CONTROL_PLANE_MASTER_KEY },
      },
    });
    await relayToEachWorker(agent, url, ids);
    context.log(`metrics: relayed one call to each of ${WORKERS} workers`);
    while (probeCount(await scrape(agent, url), ids.at(-1) as string) < POLL_ROUNDS) await sleep(500);
    context.log(`metrics: ${POLL_ROUNDS} health rounds observed`);

    const durations: number[] = [];
    const cpuMs: number[] = [];
    let body: Buffer = Buffer.alloc(0);
    await profiledHost(host, 'metrics', async () => {
      for (let index = 0; index < SCRAPES; index += 1) {
        const before = await host.call<Sample>('sample');
        const started = now();
        body = await scrape(agent, url);
        durations.push(now() - started);
        const after = await host.call<Sample>('sample');
        cpuMs.push(
          (after.cpuUserMicros + after.cpuSystemMicros - before.cpuUserMicros - before.cpuSystemMicros) /
            1000,
        );
        // Scrapes are spaced as a fast Prometheus would space them, not back to back.
        await sleep(SCRAPE_GAP_MS);
      }
    });
    const bytes = body.length;
    const lines = body.toString('utf8').split('\n').length;
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
        `${SCRAPES} scrapes ${SCRAPE_GAP_MS} ms apart over HTTP (keep-alive), timed until the last byte of the body; the control plane runs in its own process with its CLI's Node flags, and its monitor keeps polling at the default 10 s interval meanwhile (1,000 probes a second). CPU per scrape is the control plane process's CPU time over the scrape, a figure a loaded machine disturbs less than wall time.`,
      ],
      data: {
        durationsMs: durations.map((value) => round(value, 2)),
        cpuMs: cpuMs.map((value) => round(value, 2)),
        bytes,
        lines,
      },
    };
  } finally {
    await agent.close();
    await host.stop();
  }
}
