import { parseArgs } from 'node:util';
import { ConfigError, loadFleetFile } from '@llm-control-plane/core';
import type { ApplyResult, Plan, WorkerApplyOutcome, WorkerPlan } from '@llm-control-plane/sdk';
import { configBackend, type FleetBackend, RemoteError, remoteBackend } from './backends.js';
import { countPlan, formatOutcome, formatPlan, formatPlanSummary } from './render.js';
import { groupTargets, TargetConflictError } from './targets.js';

const FLEET_USAGE = `Usage:
  control-plane plan  -f fleet.yaml (--url https://cp.example | --config cp_config.yaml [--data-dir DIR]) [--json]
  control-plane apply -f fleet.yaml (--url https://cp.example | --config cp_config.yaml [--data-dir DIR]) [--yes] [--json]

  -f, --file      The fleet file (desired teams, models, budgets, key policies per worker selector)
  --url           A running control plane; the token is read from CONTROL_PLANE_TOKEN
  --config        Talk to the workers directly, with their credentials: those of this cp_config.yaml and those
                  registered at run time in its store (database_url, else the embedded store in --data-dir).
                  An embedded store in use by a running control plane cannot be read: use --url then
  --data-dir      The embedded store's directory, as given to the server. Default ./.control-plane
  --json          Machine-readable output on stdout
  --yes, -y       (apply) Do not ask for confirmation

plan exits 0 when nothing would change, 2 when something would and 1 on error;
apply exits 0 when every worker is in the desired state and 1 otherwise.`;

export type FleetCommandIo = {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** Asks a yes/no question on the terminal; absent when input is not interactive. */
  confirm?: (question: string) => Promise<boolean>;
  env: Record<string, string | undefined>;
};

/** Workers applied at the same time. */
const APPLY_PARALLEL = 4;

class FleetUsageError extends Error {}

type PlannedWorker = WorkerPlan & { targets: string[]; plan: Plan };

function parse(argv: string[], env: FleetCommandIo['env']) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      file: { type: 'string', short: 'f' },
      url: { type: 'string' },
      config: { type: 'string', short: 'c' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (positionals.length > 0) throw new FleetUsageError(`Unexpected argument "${positionals[0]}"`);
  if (values.help) return { help: true as const };
  if (values.file === undefined) throw new FleetUsageError('-f/--file is required: the path of fleet.yaml');
  if ((values.url === undefined) === (values.config === undefined)) {
    throw new FleetUsageError(
      'Give exactly one of --url (a running control plane) or --config (cp_config.yaml)',
    );
  }
  if (values['data-dir'] !== undefined && values.config === undefined) {
    throw new FleetUsageError('--data-dir goes with --config (a running control plane knows its own store)');
  }
  const token = env.CONTROL_PLANE_TOKEN;
  if (values.url !== undefined && (token === undefined || token === '')) {
    throw new FleetUsageError(
      '--url needs the CONTROL_PLANE_TOKEN environment variable (an access token or the master key)',
    );
  }
  return {
    help: false as const,
    file: values.file,
    url: values.url,
    config: values.config,
    dataDir: values['data-dir'],
    token,
    json: values.json === true,
    yes: values.yes === true,
  };
}

async function planFleet(
  backend: FleetBackend,
  file: string,
  env: FleetCommandIo['env'],
): Promise<PlannedWorker[]> {
  const fleetFile = await loadFleetFile(file, { env });
  const workers = await backend.workers();
  const order = new Map(workers.map((worker, index) => [worker.worker_id, index]));
  const groups = groupTargets(fleetFile, workers);
  const plans = await Promise.all(groups.map((group) => backend.plan(group.desired, group.workerIds)));
  const rows = plans.flatMap((plan, index) =>
    plan.workers.map((worker) => ({
      ...worker,
      targets: (groups[index] as { targets: string[] }).targets,
      plan,
    })),
  );
  return rows.sort((left, right) => (order.get(left.workerId) ?? 0) - (order.get(right.workerId) ?? 0));
}

function hasChanges(worker: WorkerPlan): boolean {
  return worker.changes.some((change) => change.action !== 'noop');
}

function planJson(rows: PlannedWorker[]) {
  const counts = countPlan(rows);
  return {
    changes: rows.some(hasChanges),
    summary: {
      create: counts.create,
      update: counts.update,
      noop: counts.noop,
      failed_workers: counts.failedWorkers,
    },
    workers: rows.map((row) => ({
      worker_id: row.workerId,
      targets: row.targets,
      changes: row.changes.map(({ resource, action, id, diff, note }) => ({
        resource,
        action,
        id,
        ...(diff === undefined ? {} : { diff }),
        ...(note === undefined ? {} : { note }),
      })),
      ...(row.error === undefined ? {} : { error: { kind: row.error.kind, message: row.error.message } }),
    })),
  };
}

/** Applies worker by worker (a few at a time) so that progress can be shown as each one finishes. */
async function applyRows(
  backend: FleetBackend,
  rows: PlannedWorker[],
  onStart: (workerId: string) => void,
  onDone: (outcome: WorkerApplyOutcome) => void,
): Promise<WorkerApplyOutcome[]> {
  const outcomes: WorkerApplyOutcome[] = [];
  let next = 0;
  const runOne = async () => {
    while (next < rows.length) {
      const row = rows[next++] as PlannedWorker;
      onStart(row.workerId);
      const started = performance.now();
      let outcome: WorkerApplyOutcome;
      try {
        const { targets: _targets, plan, ...workerPlan } = row;
        const result: ApplyResult = await backend.apply({ ...plan, workers: [workerPlan] });
        outcome = result.workers[0] ?? {
          workerId: row.workerId,
          status: 'unchanged',
          changes: [],
          durationMs: 0,
        };
      } catch (error) {
        outcome = {
          workerId: row.workerId,
          status: 'failed',
          changes: [],
          durationMs: Math.round(performance.now() - started),
          error: { kind: 'apply_failed', message: (error as Error).message },
        };
      }
      outcomes.push(outcome);
      onDone(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(APPLY_PARALLEL, rows.length) }, runOne));
  return outcomes;
}

/** A status line rewritten in place on a terminal; finished workers are printed above it. */
function progressPrinter(io: FleetCommandIo, total: number, live: boolean) {
  const running = new Set<string>();
  let done = 0;
  const status = () =>
    `Applying: ${done}/${total} worker(s) done${running.size > 0 ? `; running ${[...running].join(', ')}` : ''}`;
  const redraw = () => {
    if (live) io.stdout.write(`\r\x1b[2K${status()}`);
  };
  return {
    start(workerId: string) {
      running.add(workerId);
      redraw();
    },
    done(outcome: WorkerApplyOutcome) {
      running.delete(outcome.workerId);
      done += 1;
      if (live) io.stdout.write('\r\x1b[2K');
      io.stdout.write(`${formatOutcome(outcome)}\n`);
      redraw();
    },
    end() {
      if (live) io.stdout.write('\r\x1b[2K');
    },
  };
}

async function runApply(
  backend: FleetBackend,
  rows: PlannedWorker[],
  options: { json: boolean; yes: boolean },
  io: FleetCommandIo,
): Promise<number> {
  const failedToPlan = rows.filter((row) => row.error !== undefined);
  const changing = rows.filter((row) => row.error === undefined && hasChanges(row));
  if (!options.json) {
    io.stdout.write(`${formatPlan(rows)}\n\n${formatPlanSummary(countPlan(rows), rows.length)}\n`);
  }
  const unchangedOutcomes = rows
    .filter((row) => row.error === undefined && !hasChanges(row))
    .map(
      (row): WorkerApplyOutcome => ({
        workerId: row.workerId,
        status: 'unchanged',
        changes: row.changes.map((change) => ({ ...change, status: 'unchanged' as const })),
        durationMs: 0,
      }),
    );
  const failedOutcomes = failedToPlan.map(
    (row): WorkerApplyOutcome => ({
      workerId: row.workerId,
      status: 'failed',
      changes: [],
      durationMs: 0,
      ...(row.error === undefined ? {} : { error: row.error }),
    }),
  );
  let applied: WorkerApplyOutcome[] = [];
  if (changing.length === 0) {
    if (!options.json)
      io.stdout.write('\nNo changes: every reachable worker already matches the fleet file.\n');
  } else {
    if (!options.yes) {
      if (io.confirm === undefined) {
        io.stderr.write('control-plane: apply needs confirmation: run it in a terminal or pass --yes\n');
        return 1;
      }
      const accepted = await io.confirm(
        `\nApply these changes to ${changing.length} worker(s)? Type "yes" to go on: `,
      );
      if (!accepted) {
        io.stderr.write('Apply cancelled; nothing was changed.\n');
        return 1;
      }
    }
    if (!options.json) io.stdout.write('\n');
    const progress = progressPrinter(io, changing.length, !options.json && io.stdout.isTTY === true);
    applied = await applyRows(
      backend,
      changing,
      (workerId) => progress.start(workerId),
      (outcome) => {
        if (!options.json) progress.done(outcome);
      },
    );
    progress.end();
  }
  const order = new Map(rows.map((row, index) => [row.workerId, index]));
  const outcomes = [...applied, ...unchangedOutcomes, ...failedOutcomes].sort(
    (left, right) => (order.get(left.workerId) ?? 0) - (order.get(right.workerId) ?? 0),
  );
  const ok = outcomes.every((outcome) => outcome.status === 'applied' || outcome.status === 'unchanged');
  if (options.json) {
    io.stdout.write(`${JSON.stringify(applyJson(outcomes, ok), null, 2)}\n`);
  } else {
    io.stdout.write(`\nSummary:\n${outcomes.map((outcome) => `  ${formatOutcome(outcome)}`).join('\n')}\n`);
  }
  return ok ? 0 : 1;
}

function applyJson(outcomes: WorkerApplyOutcome[], ok: boolean) {
  const summary = { applied: 0, unchanged: 0, failed: 0, skipped: 0 };
  for (const outcome of outcomes) {
    for (const change of outcome.changes) summary[change.status] += 1;
    if (outcome.error) summary.failed += 1;
  }
  return {
    status: ok ? (summary.applied > 0 ? 'applied' : 'unchanged') : summary.applied > 0 ? 'partial' : 'failed',
    summary,
    workers: outcomes.map((outcome) => ({
      worker_id: outcome.workerId,
      status: outcome.status,
      duration_ms: outcome.durationMs,
      changes: outcome.changes.map(({ resource, action, id, status, error }) => ({
        resource,
        action,
        id,
        status,
        ...(error === undefined ? {} : { error: { kind: error.kind, message: error.message } }),
      })),
      ...(outcome.error === undefined
        ? {}
        : { error: { kind: outcome.error.kind, message: outcome.error.message } }),
    })),
  };
}

function describeError(error: unknown): string {
  if (error instanceof FleetUsageError) return `${error.message}\n\n${FLEET_USAGE}`;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
    return `${(error as Error).message}\n\n${FLEET_USAGE}`;
  if (ConfigError.isInstance(error) || error instanceof RemoteError || error instanceof TargetConflictError) {
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** `control-plane plan|apply -f fleet.yaml ...`; resolves to the exit code. */
export async function runFleetCommand(
  command: 'plan' | 'apply',
  argv: string[],
  io: FleetCommandIo,
): Promise<number> {
  let backend: FleetBackend | undefined;
  try {
    const options = parse(argv, io.env);
    if (options.help) {
      io.stdout.write(`${FLEET_USAGE}\n`);
      return 0;
    }
    backend =
      options.url !== undefined
        ? remoteBackend(options.url, options.token as string)
        : await configBackend(options.config as string, io.env, options.dataDir);
    for (const note of backend.notes) io.stderr.write(`control-plane ${command}: ${note}\n`);
    const rows = await planFleet(backend, options.file, io.env);
    if (rows.length === 0) io.stderr.write('control-plane: no worker matches any target of the fleet file\n');
    if (command === 'apply') return await runApply(backend, rows, options, io);
    if (options.json) io.stdout.write(`${JSON.stringify(planJson(rows), null, 2)}\n`);
    else io.stdout.write(`${formatPlan(rows)}\n\n${formatPlanSummary(countPlan(rows), rows.length)}\n`);
    if (rows.some((row) => row.error !== undefined)) return 1;
    return rows.some(hasChanges) ? 2 : 0;
  } catch (error) {
    io.stderr.write(`control-plane ${command}: ${describeError(error)}\n`);
    return 1;
  } finally {
    await backend?.close();
  }
}
