import type { FieldDiff, PlannedChange, WorkerApplyOutcome, WorkerPlan } from '@llm-control-plane/sdk';

const SYMBOL: Record<PlannedChange['action'], string> = { create: '+', update: '~', noop: '=' };
const SINGULAR: Record<PlannedChange['resource'], string> = {
  teams: 'team',
  models: 'model',
  budgets: 'budget',
  keyPolicies: 'key policy',
};

function value(raw: unknown): string {
  if (raw === undefined) return '(unset)';
  const text = JSON.stringify(raw);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function diffLine(diff: FieldDiff): string {
  return `      ${diff.field}: ${value(diff.from)} → ${value(diff.to)}`;
}

/** The per-worker diff, in the order of the workers; unchanged objects are counted, not listed. */
export function formatPlan(workers: readonly (WorkerPlan & { targets: string[] })[]): string {
  const lines: string[] = [];
  for (const worker of workers) {
    lines.push(`worker ${worker.workerId}  (${worker.targets.join(', ')})`);
    if (worker.error) {
      lines.push(`  ! could not be planned: ${worker.error.kind}: ${worker.error.message}`);
      continue;
    }
    const changed = worker.changes.filter((change) => change.action !== 'noop');
    for (const change of changed) {
      lines.push(
        `  ${SYMBOL[change.action]} ${SINGULAR[change.resource]} ${change.id}${change.note ? `  (${change.note})` : ''}`,
      );
      for (const diff of change.diff ?? []) lines.push(diffLine(diff));
    }
    const unchanged = worker.changes.length - changed.length;
    if (changed.length === 0) lines.push(`  no changes (${unchanged} up to date)`);
    else if (unchanged > 0) lines.push(`  ${unchanged} up to date`);
  }
  return lines.join('\n');
}

export type PlanCounts = { create: number; update: number; noop: number; failedWorkers: number };

export function countPlan(workers: readonly WorkerPlan[]): PlanCounts {
  const counts = { create: 0, update: 0, noop: 0, failedWorkers: 0 };
  for (const worker of workers) {
    if (worker.error) counts.failedWorkers += 1;
    for (const change of worker.changes) counts[change.action] += 1;
  }
  return counts;
}

export function formatPlanSummary(counts: PlanCounts, workers: number): string {
  const failed = counts.failedWorkers > 0 ? `, ${counts.failedWorkers} worker(s) could not be planned` : '';
  return `Plan: ${counts.create} to create, ${counts.update} to update, ${counts.noop} up to date on ${workers} worker(s)${failed}.`;
}

/** One line per worker once its changes are done. */
export function formatOutcome(outcome: WorkerApplyOutcome): string {
  const count = (status: string) => outcome.changes.filter((change) => change.status === status).length;
  const error = outcome.error ? `  ${outcome.error.kind}: ${outcome.error.message}` : '';
  const failures = outcome.changes
    .filter((change) => change.status === 'failed')
    .map(
      (change) => `\n    ✗ ${SINGULAR[change.resource]} ${change.id}: ${change.error?.message ?? 'failed'}`,
    )
    .join('');
  return (
    `${outcome.status.padEnd(9)} ${outcome.workerId}  applied ${count('applied')}, unchanged ${count('unchanged')}, ` +
    `failed ${count('failed')}, skipped ${count('skipped')} (${outcome.durationMs} ms)${error}${failures}`
  );
}
