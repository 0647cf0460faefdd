import { existsSync } from 'node:fs';
import path from 'node:path';
import { startControlPlaneHost } from './control-plane-process.js';
import { CONTROL_PLANE_MASTER_KEY, registryEntries, startWorkerPool, type WorkerPool } from './fixtures.js';
import type { ProcessSample } from './hosts/serve.js';
import { type BenchPostgres, startBenchPostgres } from './postgres.js';
import type { Host } from './processes.js';
import { now, round, sleep } from './statistics.js';
import type { BenchmarkContext, BenchmarkResult } from './types.js';

/** 0 is the baseline: the same control plane with an empty registry (store, modules, HTTP server). */
const SIZES = [0, 1_000, 10_000] as const;
/** The PostgreSQL store is measured at the fixed cost and the largest fleet, the case it is meant for. */
const POSTGRES_SIZES = [0, 10_000] as const;
const BASELINE_WINDOW_MS = 5_000;
const FIRST_ROUND_LIMIT_MS = 120_000;
const INTERVAL_MS = 10_000;
/** At least two full polling cycles (interval + poll duration) fall inside the window. */
const WINDOW_MS = 2 * INTERVAL_MS + 5_000;
const RSS_TARGET_MB = 300;
const CPU_TARGET_CORES = 0.5;

type Readiness = { workers?: { total?: number; unknown?: number } };

type Sample = ProcessSample & { polls: number | null; pollDurationsMs: number[] | null };

type StoreChoice = { kind: 'embedded' } | { kind: 'postgres'; databaseUrl: string };

type Measurement = {
  workers: number;
  store: StoreChoice['kind'];
  mode: 'server' | 'fleet-monitor';
  cpuShare: number;
  rssPeakMb: number;
  rssEndMb: number;
  heapUsedMb: number;
  liveHeapMb: number;
  externalMb: number;
  pollsInWindow: number | null;
  pollDurationsMs: number[] | null;
  firstRoundMs: number;
  startMs: number;
  workerStartMs: number;
  openFileLimit: number | null;
};

async function readiness(url: string): Promise<Readiness | null> {
  try {
    const response = await fetch(`${url}/health/readiness`);
    return response.ok ? ((await response.json()) as Readiness) : null;
  } catch {
    return null;
  }
}

async function waitForFirstRound(
  host: Host,
  mode: Measurement['mode'],
  url: string | undefined,
  workers: number,
  context: BenchmarkContext,
) {
  if (workers === 0) return;
  const deadline = now() + FIRST_ROUND_LIMIT_MS;
  let lastLog = now();
  while (now() < deadline) {
    if (mode === 'fleet-monitor') {
      const sample = await host.call<Sample>('sample');
      if ((sample.polls ?? 0) >= 1) return;
    } else {
      const answer = await readiness(url!);
      if (now() - lastLog > 15_000) {
        lastLog = now();
        context.log(`monitor: waiting for the first round: ${JSON.stringify(answer?.workers ?? null)}`);
      }
      // Every worker has been probed once: nothing is left in the 'unknown' state.
      if (answer?.workers && answer.workers.unknown === 0 && (answer.workers.total ?? workers) >= workers)
        return;
    }
    await sleep(250);
  }
  throw new Error(
    `the first health round over ${workers} workers did not finish within ${FIRST_ROUND_LIMIT_MS / 1000} s`,
  );
}

async function measure(
  pool: WorkerPool,
  workers: number,
  mode: Measurement['mode'],
  context: BenchmarkContext,
  store: StoreChoice,
): Promise<Measurement> {
  const config = {
    worker_registry: registryEntries(pool.urls.slice(0, workers)),
    general_settings: {
      master_key: CONTROL_PLANE_MASTER_KEY,
      ...(store.kind === 'postgres' ? { database_url: store.databaseUrl } : {}),
    },
  };
  const host = startControlPlaneHost({ raiseFileLimit: true, execArgv: ['--expose-gc'] });
  try {
    const started = now();
    let url: string | undefined;
    if (mode === 'server') {
      ({ url } = await host.call<{ url: string }>('server', { config }));
    } else {
      await host.call('fleet-monitor', { config, intervalMs: INTERVAL_MS });
    }
    const startMs = now() - started;
    await waitForFirstRound(host, mode, url, workers, context);
    const firstRoundMs = now() - started;
    context.log(
      `monitor: ${workers} workers (${store.kind} store): control plane up in ${Math.round(startMs)} ms, first round done at ${Math.round(firstRoundMs)} ms`,
    );
    const first = await host.call<Sample>('sample');
    let rssPeak = first.rssBytes;
    const windowEnd = now() + (workers === 0 ? BASELINE_WINDOW_MS : WINDOW_MS);
    while (now() < windowEnd) {
      await sleep(Math.min(1_000, Math.max(0, windowEnd - now())));
      const sample = await host.call<Sample>('sample');
      rssPeak = Math.max(rssPeak, sample.rssBytes);
    }
    const last = await host.call<Sample>('sample');
    const collected = await host.call<Sample>('sample', { collectGarbage: true });
    const cpuMicros = last.cpuUserMicros + last.cpuSystemMicros - first.cpuUserMicros - first.cpuSystemMicros;
    const wallMicros = (last.wallMs - first.wallMs) * 1000;
    return {
      workers,
      store: store.kind,
      mode,
      cpuShare: cpuMicros / wallMicros,
      rssPeakMb: rssPeak / 1024 / 1024,
      rssEndMb: last.rssBytes / 1024 / 1024,
      heapUsedMb: last.heapUsedBytes / 1024 / 1024,
      liveHeapMb: collected.heapUsedBytes / 1024 / 1024,
      externalMb: collected.externalBytes / 1024 / 1024,
      pollsInWindow: last.polls === null || first.polls === null ? null : last.polls - first.polls,
      pollDurationsMs: last.pollDurationsMs,
      firstRoundMs: firstRoundMs - startMs,
      startMs,
      workerStartMs: pool.startMs,
      openFileLimit: pool.openFileLimit,
    };
  } finally {
    await host.stop();
  }
}

/**
 * CPU share and RSS of the control plane process while it polls 1,000 and 10,000 workers every 10 s. The fake
 * workers run in separate child processes (2,500 per process) so their CPU is not counted.
 */
export async function run(context: BenchmarkContext): Promise<BenchmarkResult> {
  const serverAvailable = existsSync(path.join(context.repositoryRoot, 'packages/server/src/index.ts'));
  const mode: Measurement['mode'] = serverAvailable ? 'server' : 'fleet-monitor';
  // One pool of the largest size serves both cases (the smaller uses its first workers): starting 10,000
  // listeners is the slowest part of the benchmark.
  await using pool = await startWorkerPool(Math.max(...SIZES));
  context.log(
    `monitor: ${pool.urls.length} workers up in ${pool.startMs} ms (open-file limit in host: ${pool.openFileLimit})`,
  );
  const measurements: Measurement[] = [];
  const record = (measurement: Measurement) => {
    context.log(
      `monitor: ${measurement.workers} workers (${measurement.store} store): CPU ${round(measurement.cpuShare, 3)} cores, RSS peak ${round(measurement.rssPeakMb, 0)} MB`,
    );
    measurements.push(measurement);
  };
  for (const workers of SIZES) record(await measure(pool, workers, mode, context, { kind: 'embedded' }));
  let postgres: BenchPostgres | undefined;
  let postgresNote: string;
  if (mode === 'server') {
    const started = await startBenchPostgres();
    if ('unavailable' in started) {
      postgresNote = `PostgreSQL store not measured: ${started.unavailable}.`;
    } else {
      postgres = started;
      postgresNote =
        `The postgres rows use general_settings.database_url on a local ${started.version} cluster (a new empty ` +
        "database per row, started by the benchmark); the PostgreSQL server's own memory is not counted, only the control plane process.";
    }
  } else {
    postgresNote = 'PostgreSQL store not measured: the server package is not available.';
  }
  try {
    if (postgres !== undefined) {
      for (const workers of POSTGRES_SIZES) {
        const databaseUrl = await postgres.createDatabase(`cp_bench_monitor_${workers}`);
        record(await measure(pool, workers, mode, context, { kind: 'postgres', databaseUrl }));
      }
    }
  } finally {
    await postgres?.stop();
  }
  const baselines = new Map(
    measurements.filter((measurement) => measurement.workers === 0).map((entry) => [entry.store, entry]),
  );
  const rows = measurements.map((measurement) => ({
    workers: measurement.workers,
    store: measurement.store,
    process: measurement.mode === 'server' ? 'control plane (startControlPlane)' : 'Fleet.monitor only',
    'CPU share (cores)': round(measurement.cpuShare, 3),
    'CPU per worker per 10 s (µs)':
      measurement.workers === 0
        ? '—'
        : round(
            ((measurement.cpuShare - (baselines.get(measurement.store)?.cpuShare ?? 0)) *
              INTERVAL_MS *
              1000) /
              measurement.workers,
            1,
          ),
    'RSS peak (MB)': round(measurement.rssPeakMb, 0),
    'JS heap used (MB)': round(measurement.heapUsedMb, 0),
    'JS heap live after GC (MB)': round(measurement.liveHeapMb, 0),
    'external (MB)': round(measurement.externalMb, 0),
    'control plane start (ms)': Math.round(measurement.startMs),
    'first health round (ms)': Math.round(measurement.firstRoundMs),
    'polls in window': measurement.pollsInWindow ?? 'n/a',
  }));
  const largestCount = Math.max(...measurements.map((measurement) => measurement.workers));
  const largest = measurements.find(
    (measurement) => measurement.workers === largestCount && measurement.store === 'embedded',
  )!;
  const largestPostgres = measurements.find(
    (measurement) => measurement.workers === largestCount && measurement.store === 'postgres',
  );
  return {
    name: 'monitor',
    title: 'Health monitoring: control plane CPU share and RSS while polling every 10 s',
    rows,
    targets: [
      {
        name: `CPU at ${largest.workers} workers`,
        target: `≤ ${CPU_TARGET_CORES} core`,
        actual: `${round(largest.cpuShare, 3)} cores`,
        met: largest.cpuShare <= CPU_TARGET_CORES,
      },
      {
        name: `RSS at ${largest.workers} workers (embedded store)`,
        target: `≤ ${RSS_TARGET_MB} MB`,
        actual: `${round(largest.rssPeakMb, 0)} MB`,
        met: largest.rssPeakMb <= RSS_TARGET_MB,
      },
      ...(largestPostgres === undefined
        ? []
        : [
            {
              name: `CPU at ${largestPostgres.workers} workers (postgres store)`,
              target: `≤ ${CPU_TARGET_CORES} core`,
              actual: `${round(largestPostgres.cpuShare, 3)} cores`,
              met: largestPostgres.cpuShare <= CPU_TARGET_CORES,
            },
            {
              name: `RSS at ${largestPostgres.workers} workers (postgres store)`,
              target: `≤ ${RSS_TARGET_MB} MB`,
              actual: `${round(largestPostgres.rssPeakMb, 0)} MB`,
              met: largestPostgres.rssPeakMb <= RSS_TARGET_MB,
            },
          ]),
    ],
    notes: [
      `Real interval (${INTERVAL_MS / 1000} s, not scaled). After the first full health round the window is ${WINDOW_MS / 1000} s ` +
        '(≥ 2 polling cycles); CPU share = Δ(process.cpuUsage user + system) / Δwall of the control plane process alone.',
      mode === 'server'
        ? 'The control plane runs as startControlPlane() in its own process with the workers in its config; its built-in monitor polls.'
        : 'The server package was not available: the process runs Fleet.fromConfig(config).monitor({ intervalMs: 10000 }).',
      'CPU per worker per 10 s = (CPU share − the empty-registry baseline) × 10 s / workers. The first round probes ' +
        'every worker at once ("first health round": from startControlPlane resolving until no worker is left unknown); ' +
        'later rounds start 10 s apart and spread their probes evenly over the interval.',
      `The 0-worker row is the same control plane with an empty registry, measured over ${BASELINE_WINDOW_MS / 1000} s: ` +
        'its RSS is the fixed cost (modules, embedded store). "JS heap live after GC" is heapUsed right after a forced ' +
        'full GC at the end of the window (the host runs with --expose-gc); "external" is ' +
        'process.memoryUsage().external (buffers outside the JS heap).',
      postgresNote,
      'Fake workers: 2,500 per child process; each child raises its open-file soft limit to the hard limit ' +
        `(${largest.openFileLimit ?? 'unknown'}), and so does the control plane process (a connection per probe in flight).`,
    ],
    data: measurements,
  };
}
