import { Fleet, type FleetResult } from '@llm-control-plane/sdk';
import { registryEntries, startWorkerPool } from './fixtures.js';
import { median, now, round } from './statistics.js';
import type { BenchmarkContext, BenchmarkResult } from './types.js';

const WORKERS = 100;
const HUNG_INDEX = 37;
const DEADLINE_MS = 1_000;
const LATENCY_MS = 50;
const RUNS = 3;

type Run = { wallMs: number; ok: number; timedOut: number; otherFailures: number };

async function fanOut(fleet: Fleet, concurrency: number, ids?: string[]): Promise<Run> {
  const started = now();
  const results: FleetResult<unknown>[] = await fleet.each(
    ({ client, signal }) => client.keys.list(undefined, { signal }),
    { concurrency, timeoutMs: DEADLINE_MS, ...(ids ? { workers: ids } : {}) },
  );
  const wallMs = now() - started;
  const timedOut = results.filter(
    (result) => !result.ok && (result.error as { kind?: string }).kind === 'timeout',
  ).length;
  const ok = results.filter((result) => result.ok).length;
  return { wallMs, ok, timedOut, otherFailures: results.length - ok - timedOut };
}

/** One worker that accepts the connection and never answers, among 100 healthy ones. */
export async function run(context: BenchmarkContext): Promise<BenchmarkResult> {
  await using pool = await startWorkerPool(WORKERS, {
    latencyMs: LATENCY_MS,
    keys: 5,
    faults: { [HUNG_INDEX]: 'hang' },
  });
  context.log(`hung: ${WORKERS} fake workers started, worker ${HUNG_INDEX} hangs`);
  const entries = registryEntries(pool.urls);
  // The circuit would open after a few timeouts and turn the hung worker into an instant failure: measure the
  // deadline itself, every run.
  await using fleet = Fleet.fromConfig(
    { worker_registry: entries, general_settings: {} },
    { circuit: { failureThreshold: 1_000 } },
  );
  const healthyIds = entries.filter((_, index) => index !== HUNG_INDEX).map((entry) => entry.worker_id);
  await fanOut(fleet, WORKERS, healthyIds);
  await fanOut(fleet, WORKERS, healthyIds);

  const settings = [
    { concurrency: WORKERS, runs: [] as Run[] },
    { concurrency: 32, runs: [] as Run[] },
  ];
  for (let index = 0; index < RUNS; index++) {
    for (const setting of settings) setting.runs.push(await fanOut(fleet, setting.concurrency));
  }
  const rows = settings.map((setting) => {
    const walls = setting.runs.map((entry) => entry.wallMs);
    const last = setting.runs[setting.runs.length - 1]!;
    return {
      concurrency: setting.concurrency,
      'deadline (ms)': DEADLINE_MS,
      'wall p50 (ms)': round(median(walls), 1),
      'wall max (ms)': round(Math.max(...walls), 1),
      'over deadline p50 (ms)': round(median(walls) - DEADLINE_MS, 1),
      'ok / timed out / other': `${last.ok}/${last.timedOut}/${last.otherFailures}`,
    };
  });
  const overMax = Math.max(...settings[0]!.runs.map((entry) => entry.wallMs)) - DEADLINE_MS;
  return {
    name: 'hung',
    title: 'One hung worker among 100: wall time against the per-worker deadline',
    rows,
    targets: [
      {
        name: 'wall ≤ deadline + 50 ms (worst of runs, concurrency 100)',
        target: `≤ ${DEADLINE_MS + 50} ms`,
        actual: `${round(overMax + DEADLINE_MS, 1)} ms`,
        met: overMax <= 50,
      },
    ],
    notes: [
      `${WORKERS - 1} workers answer after ${LATENCY_MS} ms; worker ${HUNG_INDEX} is in testkit fault mode 'hang'.`,
      `Per-worker deadline ${DEADLINE_MS} ms (fleet.each timeoutMs); circuit threshold raised so every run waits for the deadline.`,
      `${RUNS} runs per setting, interleaved, after 2 warm-up runs over the healthy workers.`,
      `With concurrency 32 the hung worker (index ${HUNG_INDEX}) only starts once a slot frees up, after about one ${LATENCY_MS} ms ` +
        'round, and its deadline counts from its own start: the expected wall time there is deadline + one round.',
    ],
    data: Object.fromEntries(settings.map((setting) => [`concurrency${setting.concurrency}`, setting.runs])),
  };
}
