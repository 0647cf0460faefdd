import type { WorkerRegistryEntry } from '@llm-control-plane/core';
import { type DesiredState, Fleet, serializeError } from '@llm-control-plane/sdk';

export type ScriptOptions = {
  /** Workers to manage; ignored when `configPath` is given. */
  entries?: WorkerRegistryEntry[];
  /** A control-plane config file with a `worker_registry` section. */
  configPath?: string;
  log?: (line: string) => void;
  timeoutMs?: number;
};

export type ScriptSummary = {
  workers: number;
  healthy: string[];
  unreachable: string[];
  spendTotal: number;
  spendMissing: string[];
  applied: string;
  reapplied: string;
  driftFree: string[];
};

/** What this script keeps in place on every worker. */
export const DESIRED: DesiredState = {
  budgets: [{ budget_id: 'example-standard', max_budget: 25, budget_duration: '30d' }],
  teams: [{ team_alias: 'example-platform', max_budget: 100, budget_duration: '30d', models: [] }],
};

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A small fleet chore: check health, report the last 30 days of spend, make sure every worker has the
 * standard team and budget, and confirm nothing drifted. Unreachable workers are reported, never fatal.
 */
export async function main(options: ScriptOptions): Promise<ScriptSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const fleetOptions = { timeoutMs: options.timeoutMs ?? 5_000 };
  await using fleet = options.configPath
    ? await Fleet.load(options.configPath, fleetOptions)
    : new Fleet(options.entries ?? [], fleetOptions);

  const health = await fleet.health();
  for (const row of health) {
    log(
      `${row.workerId.padEnd(12)} ${row.status.padEnd(11)} ${row.latencyMs ?? '-'} ms ${row.error?.message ?? ''}`,
    );
  }
  const reachable = health.filter((row) => row.status !== 'unreachable').map((row) => row.workerId);

  const spend = await fleet.spend({ start: isoDate(-30), end: isoDate(0), groupBy: 'worker' });
  log(`spend over 30 days: ${spend.total.toFixed(4)} ${spend.currency}`);
  for (const missing of spend.missing) log(`  missing ${missing.workerId}: ${missing.error.message}`);

  const plan = await fleet.plan(DESIRED, { workers: reachable });
  log(
    `plan: ${plan.summary.create} to create, ${plan.summary.update} to update, ${plan.summary.noop} in place`,
  );
  const applied = await fleet.apply(plan, { onFailure: 'continue' });
  for (const worker of applied.workers) {
    if (worker.error) log(`  ${worker.workerId}: ${serializeError(worker.error).message}`);
  }
  const reapplied = await fleet.apply(plan, { onFailure: 'continue' });
  const drift = await fleet.drift({ baseline: DESIRED, resources: ['teams', 'budgets'], workers: reachable });
  const driftFree = drift.workers
    .filter(
      (worker) => worker.differences.every((difference) => difference.kind === 'extra') && !worker.error,
    )
    .map((worker) => worker.workerId);
  log(
    `apply: ${applied.status}, second apply: ${reapplied.status}, in line with the standard: ${driftFree.join(', ')}`,
  );

  return {
    workers: health.length,
    healthy: health.filter((row) => row.status === 'healthy').map((row) => row.workerId),
    unreachable: health.filter((row) => row.status === 'unreachable').map((row) => row.workerId),
    spendTotal: spend.total,
    spendMissing: spend.missing.map((row) => row.workerId),
    applied: applied.status,
    reapplied: reapplied.status,
    driftFree,
  };
}
