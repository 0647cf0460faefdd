import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { CONTROL_PLANE_MASTER_KEY, registryEntries, startWorkerPool } from './fixtures.js';
import { type BenchPostgres, startBenchPostgres } from './postgres.js';
import { sourceExecArgv } from './processes.js';
import { median, now, round, sleep } from './statistics.js';
import { type BenchmarkContext, type BenchmarkResult, BenchmarkSkipped } from './types.js';

const WORKERS = 1_000;
/**
 * Alternating fresh (empty data directory) and restart (same data directory) starts. Five pairs: on a shared
 * 2-core virtual machine one start in three or four can take 100 ms longer than the rest, which a median of
 * two follows.
 */
const PAIRS = 5;
const POLL_MS = 5;
const GIVE_UP_MS = 45_000;

const LISTENING = /listening on http:\/\/[^\s:]+:(\d+)/;

/** The port the CLI says it listens on, once it has said so. */
function listeningPort(output: string): number | undefined {
  const match = LISTENING.exec(output);
  return match ? Number(match[1]) : undefined;
}

function readinessStatus(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: '/health/readiness', agent: false, timeout: 1_000 },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? null);
      },
    );
    request.once('error', () => resolve(null));
    request.once('timeout', () => {
      request.destroy();
      resolve(null);
    });
  });
}

type Start = { readyMs: number; exitCode: number | null; peakRssMb: number | null };

/** Peak resident memory of a process so far (VmHWM), from /proc; null where there is no /proc. */
async function peakRssMb(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) / 1024 : null;
}

/** Spawns the CLI and returns the time from spawn until /health/readiness first answers 200. */
async function timeToReady(
  command: string[],
  directory: string,
  configPath: string,
  dataDirectory: string,
): Promise<Start> {
  const output: string[] = [];
  let port: number | undefined;
  const started = now();
  const child = spawn(
    command[0]!,
    [
      ...command.slice(1),
      '--config',
      configPath,
      // Port 0: the operating system picks a free port at listen time, so nothing can take it in between;
      // the CLI prints the address it got.
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data-dir',
      dataDirectory,
      '--log-level',
      'warn',
    ],
    {
      cwd: directory,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  let exitCode: number | null = null;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      exited = true;
      resolve();
    }),
  );
  try {
    while (now() - started < GIVE_UP_MS) {
      if (exited)
        throw new Error(`the control plane exited with code ${exitCode}: ${output.join('').slice(-2_000)}`);
      port ??= listeningPort(output.join(''));
      if (port !== undefined && (await readinessStatus(port)) === 200) {
        const readyMs = now() - started;
        return { readyMs, exitCode, peakRssMb: await peakRssMb(child.pid) };
      }
      await sleep(POLL_MS);
    }
    throw new Error(`not ready within ${GIVE_UP_MS} ms: ${output.join('').slice(-2_000)}`);
  } finally {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exit;
    clearTimeout(killer);
  }
}

async function nodeBaseline(flags: string[]): Promise<number> {
  const started = now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, '-e', '0'], { stdio: 'ignore' });
    child.once('exit', () => resolve());
    child.once('error', reject);
  });
  return now() - started;
}

/** Time from spawning the control plane CLI, with 1,000 workers in its config, until it reports ready. */
export async function run(context: BenchmarkContext): Promise<BenchmarkResult> {
  const serverRoot = path.join(context.repositoryRoot, 'packages/server');
  const built = path.join(serverRoot, 'dist/cli.js');
  const source = path.join(serverRoot, 'src/cli.ts');
  let command: string[];
  let variant: string;
  let baselineFlags: string[] = [];
  if (existsSync(built)) {
    command = [process.execPath, built];
    variant = 'built CLI (packages/server/dist/cli.js)';
  } else if (existsSync(source)) {
    command = [process.execPath, ...sourceExecArgv, source];
    baselineFlags = sourceExecArgv;
    variant = 'CLI from source through tsx (packages/server/src/cli.ts; no dist build found)';
  } else {
    throw new BenchmarkSkipped('packages/server has neither dist/cli.js nor src/cli.ts yet');
  }

  await using pool = await startWorkerPool(WORKERS);
  const directory = await mkdtemp(path.join(os.tmpdir(), 'cp-bench-coldstart-'));
  try {
    const configPath = path.join(directory, 'cp_config.yaml');
    const config = {
      general_settings: { master_key: CONTROL_PLANE_MASTER_KEY },
      worker_registry: registryEntries(pool.urls),
    };
    // JSON is valid YAML; the file is parsed by the same loader as a hand-written cp_config.yaml.
    await writeFile(configPath, JSON.stringify(config, null, 2));
    context.log(`coldstart: ${variant}`);

    // The quick-start case: one worker in the config.
    const oneWorkerConfigPath = path.join(directory, 'cp_config_one.yaml');
    await writeFile(
      oneWorkerConfigPath,
      JSON.stringify({ ...config, worker_registry: config.worker_registry.slice(0, 1) }, null, 2),
    );
    const oneFresh: Start[] = [];
    const oneRestarts: Start[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      const dataDirectory = path.join(directory, `data-one-${pair}`);
      oneFresh.push(await timeToReady(command, directory, oneWorkerConfigPath, dataDirectory));
      oneRestarts.push(await timeToReady(command, directory, oneWorkerConfigPath, dataDirectory));
    }
    const oneFreshMs = median(oneFresh.map((start) => start.readyMs));
    const oneRestartMs = median(oneRestarts.map((start) => start.readyMs));
    const oneRssMb = median(oneFresh.map((start) => start.peakRssMb ?? Number.NaN));
    context.log(
      `coldstart: 1 worker: fresh ${round(oneFreshMs, 1)} ms (peak RSS ${round(oneRssMb, 0)} MB), restart ${round(oneRestartMs, 1)} ms`,
    );

    const baselines: number[] = [];
    const fresh: number[] = [];
    const restarts: number[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      const dataDirectory = path.join(directory, `data-${pair}`);
      baselines.push(await nodeBaseline(baselineFlags));
      fresh.push((await timeToReady(command, directory, configPath, dataDirectory)).readyMs);
      restarts.push((await timeToReady(command, directory, configPath, dataDirectory)).readyMs);
      context.log(
        `coldstart: pair ${pair + 1}: fresh ${round(fresh[pair]!, 1)} ms, restart ${round(restarts[pair]!, 1)} ms`,
      );
    }
    // The same starts with the PostgreSQL store: a new empty database per pair, then a restart on it.
    const postgresFresh: number[] = [];
    const postgresRestarts: number[] = [];
    let postgresNote: string;
    const started = await startBenchPostgres();
    if ('unavailable' in started) {
      postgresNote = `PostgreSQL store not measured: ${started.unavailable}.`;
    } else {
      const postgres: BenchPostgres = started;
      postgresNote =
        `The postgres rows set general_settings.database_url to a new empty database on a local ${postgres.version} ` +
        'cluster started by the benchmark (the embedded data directory is then unused).';
      try {
        for (let pair = 0; pair < PAIRS; pair++) {
          const databaseUrl = await postgres.createDatabase(`cp_bench_coldstart_${pair}`);
          const postgresConfigPath = path.join(directory, `cp_config_postgres_${pair}.yaml`);
          await writeFile(
            postgresConfigPath,
            JSON.stringify(
              { ...config, general_settings: { ...config.general_settings, database_url: databaseUrl } },
              null,
              2,
            ),
          );
          const dataDirectory = path.join(directory, `data-postgres-${pair}`);
          postgresFresh.push(
            (await timeToReady(command, directory, postgresConfigPath, dataDirectory)).readyMs,
          );
          postgresRestarts.push(
            (await timeToReady(command, directory, postgresConfigPath, dataDirectory)).readyMs,
          );
          context.log(
            `coldstart: postgres pair ${pair + 1}: fresh ${round(postgresFresh[pair]!, 1)} ms, restart ${round(postgresRestarts[pair]!, 1)} ms`,
          );
        }
      } finally {
        await postgres.stop();
      }
    }
    const freshMedian = median(fresh);
    const restart = median(restarts);
    const baseline = median(baselines);
    const postgresRows =
      postgresFresh.length === 0
        ? []
        : [
            {
              start: `postgres store: first start, empty database (median of ${PAIRS})`,
              'spawn → ready (ms)': round(median(postgresFresh), 1),
              'minus node startup (ms)': round(median(postgresFresh) - baseline, 1),
            },
            {
              start: `postgres store: restart, migrated database (median of ${PAIRS})`,
              'spawn → ready (ms)': round(median(postgresRestarts), 1),
              'minus node startup (ms)': round(median(postgresRestarts) - baseline, 1),
            },
          ];
    const postgresTargets =
      postgresFresh.length === 0
        ? []
        : [
            {
              name: 'first start (postgres store)',
              target: '≤ 1,000 ms',
              actual: `${round(median(postgresFresh), 1)} ms`,
              met: median(postgresFresh) <= 1_000,
            },
            {
              name: 'restart (postgres store)',
              target: '≤ 1,000 ms',
              actual: `${round(median(postgresRestarts), 1)} ms`,
              met: median(postgresRestarts) <= 1_000,
            },
          ];
    return {
      name: 'coldstart',
      title: `Cold start with 1 and with ${WORKERS.toLocaleString('en')} workers in the config`,
      rows: [
        {
          start: `1 worker, embedded store: first start, empty data directory (median of ${PAIRS})`,
          'spawn → ready (ms)': round(oneFreshMs, 1),
          'minus node startup (ms)': round(oneFreshMs - baseline, 1),
          'peak RSS (MB)': round(oneRssMb, 0),
        },
        {
          start: `1 worker, embedded store: restart (median of ${PAIRS})`,
          'spawn → ready (ms)': round(oneRestartMs, 1),
          'minus node startup (ms)': round(oneRestartMs - baseline, 1),
          'peak RSS (MB)': round(median(oneRestarts.map((start) => start.peakRssMb ?? Number.NaN)), 0),
        },
        {
          start: `embedded store: first start, empty data directory (median of ${PAIRS})`,
          'spawn → ready (ms)': round(freshMedian, 1),
          'minus node startup (ms)': round(freshMedian - baseline, 1),
        },
        {
          start: `embedded store: restart, existing data directory (median of ${PAIRS})`,
          'spawn → ready (ms)': round(restart, 1),
          'minus node startup (ms)': round(restart - baseline, 1),
        },
        ...postgresRows,
        {
          start: baselineFlags.length > 0 ? 'node with the tsx loader, -e 0 (floor)' : 'node -e 0 (floor)',
          'spawn → ready (ms)': round(baseline, 1),
          'minus node startup (ms)': 0,
        },
      ],
      targets: [
        {
          name: '1 worker, fresh data directory: time to listening',
          target: '≤ 1,000 ms',
          actual: `${round(oneFreshMs, 1)} ms`,
          met: oneFreshMs <= 1_000,
        },
        {
          name: '1 worker, fresh data directory: resident memory (peak)',
          target: '≤ 150 MB',
          actual: `${round(oneRssMb, 0)} MB`,
          met: Number.isFinite(oneRssMb) ? oneRssMb <= 150 : null,
        },
        {
          name: '1 worker, restart on the existing data directory',
          target: '≤ 500 ms',
          actual: `${round(oneRestartMs, 1)} ms`,
          met: oneRestartMs <= 500,
        },
        {
          name: `${WORKERS.toLocaleString('en')} workers: first start (embedded store)`,
          target: '≤ 1,000 ms',
          actual: `${round(freshMedian, 1)} ms`,
          met: freshMedian <= 1_000,
        },
        {
          name: 'restart (embedded store)',
          target: '≤ 1,000 ms',
          actual: `${round(restart, 1)} ms`,
          met: restart <= 1_000,
        },
        ...postgresTargets,
      ],
      notes: [
        `${variant}; \`--config cp_config.yaml --port <free port> --host 127.0.0.1 --data-dir <dir> --log-level warn\`.`,
        `Ready = first HTTP 200 from GET /health/readiness, polled every ${POLL_MS} ms with a new connection each time. ` +
          'Peak RSS = VmHWM of the control plane process from /proc, read when it first answered ready.',
        `The ${WORKERS} workers are live fake workers in child processes.`,
        postgresNote,
      ],
      data: { fresh, restarts, postgresFresh, postgresRestarts, baselines, variant },
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
