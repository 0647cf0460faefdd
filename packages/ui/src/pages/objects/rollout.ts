import { useState } from 'react';
import type { ControlPlaneApi } from '../../api/client.js';
import type {
  AdminItem,
  ObjectApplyResult,
  ObjectApplyRow,
  ObjectKind,
  ObjectPlan,
  ObjectPlanRow,
} from '../../api/objects.js';
import { useAction } from '../../hooks/useAction.js';
import { showValue, unavailableText } from './shared.js';

/** `env=prod, region=eu` → `{ env: 'prod', region: 'eu' }`; undefined when a pair has no `=`. */
export function parseLabels(text: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const pair of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) return undefined;
    labels[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return labels;
}

/** What the plan does on one worker, in a line. */
export function planText(row: ObjectPlanRow): string {
  if (row.action === 'unavailable') return unavailableText(row);
  if (row.action === 'error') return `cannot plan: ${row.error?.message ?? 'no answer'}`;
  if (row.action === 'noop') return row.note ?? 'already as wanted';
  if (row.action === 'create') return 'will be created';
  return (row.diff ?? [])
    .map((diff) => `${diff.field}: ${showValue(diff.from)} → ${showValue(diff.to)}`)
    .join('; ');
}

/** What applying did on one worker, in a line. */
export function outcomeText(row: ObjectApplyRow): string {
  if (row.status === 'unavailable') return unavailableText(row);
  if (row.status === 'failed') return `failed: ${row.error?.message ?? 'no answer'}`;
  return row.note ? `${row.status} (${row.note})` : row.status;
}

/** Workers the plan creates or updates the object on. */
export function workersToChange(plan: ObjectPlan): number {
  return plan.workers.filter((row) => row.action === 'create' || row.action === 'update').length;
}

/** The plan and the outcome of one roll-out, and the calls that make them. */
export function useRollout(api: ControlPlaneApi, announce: (message: string) => void) {
  const [plan, setPlan] = useState<ObjectPlan>();
  const [result, setResult] = useState<ObjectApplyResult>();
  const action = useAction();
  const reset = () => {
    setPlan(undefined);
    setResult(undefined);
    action.clearError();
  };
  const preview = (kind: ObjectKind, object: AdminItem, labels: Record<string, string>) => {
    reset();
    return action.run(async () => setPlan(await api.objects.plan(kind, object, { labels })));
  };
  const apply = () =>
    action.run(async () => {
      if (!plan) return;
      const applied = await api.objects.apply(plan);
      setResult(applied);
      announce(`Roll-out of ${plan.name}: ${applied.status}`);
    });
  return { plan, result, busy: action.busy, failure: action.error, reset, preview, apply };
}
