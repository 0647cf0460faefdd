import { registryEntries, startWorkerPool, type WorkerPool } from './fixtures.js';
import type { FanOutRun } from './hosts/fleet-host.js';
import { type Host, startHost } from './processes.js';
import { profiledHost } from './profiler.js';
import { median, percentile, round, sleep } from './statistics.js';
import type { BenchmarkContext, BenchmarkResult } from './types.js';

const LATENCY_MS = 50;
const LARGEST = 1_000;
const SIZES = [1, 10, 100, LARGEST] as const;
const MINIMAL_SIZES = [1, LARGEST] as const;
const RUNS = 7;
const DEFAULT_CONCURRENCY_RUNS = 3;
/**
 * Warm-up fan-outs per N. A fresh process's first fan-outs over 1,000 workers open the connections and run
 * before V8 has optimised the request path (the first takes about a second here, the next few 1.5–2× the
 * steady state); the figures are for a process that has been running, as a control plane does.
 */
const WARM_UP_RUNS = 5;
/** Pause between fan-outs so that one run's trailing work (socket reuse, GC) does not land in the next. */
const SETTLE_MS = 200;

type Run = FanOutRun & { workerCpuMs: number };

/** `minimal`: the same calls with bare undici and JSON.parse (the floor), instead of fleet.each. */
async function listKeysEverywhere(
  fleets: Host,
  size: number,
  concurrency: number,
  pool: WorkerPool,
  minimal = false,
): Promise<Run> {
  const workerCpuBefore = await pool.cpuMicros();
  const run = await fleets.call<FanOutRun>(minimal ? 'minimal' : 'run', {
    size,
    concurrency,
    timeoutMs: 10_000,
  });
  const workerCpuMs = ((await pool.cpuMicros()) - workerCpuBefore) / 1000;
  return { ...run, workerCpuMs };
}

function withoutDurations({ workerDurations: _durations, ...rest }: Run) {
  return rest;
}

/**
 * fleet.each(keys.list) over N workers that each take 50 ms to answer. The physical limit of a fan-out is one
 * worker's latency, so the figure is the ratio of the N-worker wall time to the one-worker wall time, both
 * measured in the same interleaved loop (run r measures every N before run r + 1 starts).
 */
export async function run(context: BenchmarkContext): Promise<BenchmarkResult> {
  const largest = LARGEST;
  await using pool = await startWorkerPool(largest, { latencyMs: LATENCY_MS, keys: 5 });
  context.log(`fanout: ${largest} fake workers started in ${pool.startMs} ms (1 child process per 2,500)`);
  // The fleet runs in its own process, built, so that neither the workers nor this process's IPC bookkeeping
  // land in its CPU figures.
  const fleets = startHost('fleet-host.ts', { built: true, raiseFileLimit: true });
  try {
    await fleets.call('start', { entries: registryEntries(pool.urls), sizes: [...SIZES] });
    const warmUp = new Map<number, number[]>(SIZES.map((size) => [size, []]));
    for (const size of SIZES) {
      for (let warm = 0; warm < WARM_UP_RUNS; warm++) {
        warmUp.get(size)!.push((await listKeysEverywhere(fleets, size, size, pool)).wallMs);
      }
    }
    for (const size of MINIMAL_SIZES) {
      for (let warm = 0; warm < WARM_UP_RUNS; warm++)
        await listKeysEverywhere(fleets, size, size, pool, true);
    }
    // Every side once per run, the fleet at each N and the minimal fan-out at 1 and 1,000 workers.
    const sides = [
      ...SIZES.map((size) => ({ key: `fleet ${size}`, size, minimal: false })),
      ...MINIMAL_SIZES.map((size) => ({ key: `minimal ${size}`, size, minimal: true })),
    ];
    const measured = new Map<string, Run[]>(sides.map((side) => [side.key, []]));
    for (let index = 0; index < RUNS; index++) {
      // The order rotates so that no side always follows the 1,000-worker run and inherits its garbage collection.
      const order = sides.map((_, position) => sides[(position + index) % sides.length]!);
      for (const side of order) {
        await sleep(SETTLE_MS);
        measured
          .get(side.key)!
          .push(await listKeysEverywhere(fleets, side.size, side.size, pool, side.minimal));
      }
    }
    const runs = new Map<number, Run[]>(SIZES.map((size) => [size, measured.get(`fleet ${size}`)!]));
    const minimalRuns = (size: number) => measured.get(`minimal ${size}`)!;
    const defaultRuns: Run[] = [];
    for (let index = 0; index < DEFAULT_CONCURRENCY_RUNS; index++) {
      await sleep(SETTLE_MS);
      defaultRuns.push(await listKeysEverywhere(fleets, largest, 32, pool));
    }

    // Only with BENCH_PROFILE_DIR: extra runs under the profiler, kept out of the figures above.
    if (process.env.BENCH_PROFILE_DIR) {
      await profiledHost(fleets, 'fanout-1000', async () => {
        for (let index = 0; index < 3; index++) await listKeysEverywhere(fleets, largest, largest, pool);
      });
    }

    const single = median(runs.get(1)!.map((entry) => entry.wallMs));
    const rowFor = (
      size: number,
      concurrency: number | 'all',
      measured: Run[],
      client = 'fleet.each',
      oneWorker = single,
    ) => {
      const wall = median(measured.map((entry) => entry.wallMs));
      const durations = measured.flatMap((entry) => entry.workerDurations);
      return {
        client,
        workers: size,
        concurrency,
        'wall p50 (ms)': round(wall, 1),
        'wall min–max (ms)': `${round(Math.min(...measured.map((entry) => entry.wallMs)), 1)}–${round(Math.max(...measured.map((entry) => entry.wallMs)), 1)}`,
        'ratio to 1 worker': round(wall / oneWorker, 2),
        'per-worker p50/p99 (ms)':
          durations.length === 0
            ? '—'
            : `${round(percentile(durations, 50), 1)}/${round(percentile(durations, 99), 1)}`,
        // Below 100 workers one fan-out is too short for process-wide CPU counters to say anything per call.
        'fleet CPU/call (µs)':
          size >= 100 ? round((median(measured.map((entry) => entry.cpuMs)) * 1000) / size, 0) : '—',
        'worker CPU/call (µs)':
          size >= 100 ? round((median(measured.map((entry) => entry.workerCpuMs)) * 1000) / size, 0) : '—',
        failures: measured.reduce((sum, entry) => sum + entry.failures, 0),
      };
    };
    const rows = SIZES.map((size) => rowFor(size, size, runs.get(size)!));
    rows.push(rowFor(largest, 32, defaultRuns));
    const minimalSingle = median(minimalRuns(1).map((entry) => entry.wallMs));
    const minimalRow = rowFor(largest, 'all', minimalRuns(largest), 'minimal', minimalSingle);
    rows.push(minimalRow);
    const ratio = (size: number) =>
      Number(
        rows.find((row) => row.client === 'fleet.each' && row.workers === size && row.concurrency === size)?.[
          'ratio to 1 worker'
        ],
      );
    return {
      name: 'fanout',
      title: 'Fan-out: fleet.each(keys.list) over workers with 50 ms latency',
      rows,
      targets: [
        { name: 'ratio at N = 100', target: '≤ 1.5', actual: String(ratio(100)), met: ratio(100) <= 1.5 },
        {
          name: 'ratio at N = 1,000 (minimal fan-out beside it)',
          target: '≤ 3',
          actual: `${ratio(1_000)} (minimal fan-out ${minimalRow['ratio to 1 worker']})`,
          met: ratio(1_000) <= 3,
        },
      ],
      notes: [
        `Each worker answers after ${LATENCY_MS} ms of injected latency; the workers run in one child process, the fleet (the SDK's built dist) in another.`,
        `concurrency = N (the default of 32 is shown separately for N = ${largest}); per-worker deadline 10 s.`,
        `One-worker wall time (the limit) p50 = ${round(single, 1)} ms. ${RUNS} interleaved runs (rotating order, ${SETTLE_MS} ms apart) after ${WARM_UP_RUNS} warm-up runs per N; medians reported.`,
        `Warm-up wall times at N = ${largest} (ms), the first in a fresh process: ${warmUp
          .get(largest)!
          .map((wall) => round(wall, 0))
          .join(', ')}.`,
        `minimal = the floor of a fan-out in Node, in the same process: the same GET to all ${largest} workers at once through one undici Agent, each body parsed with JSON.parse, and nothing else (no deadline, concurrency limit, validation, circuit or result rows); its ratio is to its own one-worker wall time (p50 ${round(minimalSingle, 1)} ms). It runs in every interleaved run beside the fleet.`,
        'fleet CPU/call = CPU time (user + system, all threads) of the fleet process during one fan-out, divided by N; ' +
          'worker CPU/call = the same for the fake-worker process. Both share the same cores here, unlike a real fleet.',
      ],
      data: {
        singleWorkerMs: single,
        warmUpWallMs: Object.fromEntries(warmUp),
        // Per-worker durations are summarised in the rows; the raw file keeps one record per fan-out.
        runs: Object.fromEntries([...runs].map(([size, measured]) => [size, measured.map(withoutDurations)])),
        defaultConcurrencyRuns: defaultRuns.map(withoutDurations),
        minimalRuns: Object.fromEntries(
          MINIMAL_SIZES.map((size) => [size, minimalRuns(size).map(withoutDurations)]),
        ),
      },
    };
  } finally {
    await fleets.stop();
  }
}
