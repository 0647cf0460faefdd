import type { FleetFile, FleetTarget } from '@llm-control-plane/core';
import { type DesiredState, matchesSelector } from '@llm-control-plane/sdk';
import type { SelectableWorker } from './backends.js';

/** Workers that share the same targets, and so the same desired state. */
export type TargetGroup = { targets: string[]; workerIds: string[]; desired: DesiredState };

const RESOURCES = [
  ['teams', 'teams', 'team_alias'],
  ['models', 'models', 'model_name'],
  ['budgets', 'budgets', 'budget_id'],
  ['key_policies', 'keyPolicies', 'key_alias'],
] as const;

export class TargetConflictError extends Error {
  override readonly name = 'TargetConflictError';
}

function targetName(target: FleetTarget, index: number): string {
  return target.name ?? `targets[${index}]`;
}

/** Merges the targets of one group; one object declared by two of them is a conflict, not an override. */
function mergeTargets(targets: { target: FleetTarget; name: string }[], workerIds: string[]): DesiredState {
  const desired: Record<string, Record<string, unknown>[]> = {};
  for (const [fileKey, desiredKey, identity] of RESOURCES) {
    const owners = new Map<unknown, string>();
    for (const { target, name } of targets) {
      for (const item of (target[fileKey] ?? []) as Record<string, unknown>[]) {
        const owner = owners.get(item[identity]);
        if (owner !== undefined) {
          throw new TargetConflictError(
            `${identity} "${String(item[identity])}" is declared by both "${owner}" and "${name}", which both select ` +
              `worker ${workerIds[0]}; declare it once`,
          );
        }
        owners.set(item[identity], name);
        desired[desiredKey] ??= [];
        desired[desiredKey].push(item);
      }
    }
  }
  return desired as DesiredState;
}

/** Resolves the selectors against the registry: one group per distinct set of matching targets. */
export function groupTargets(fleet: FleetFile, workers: readonly SelectableWorker[]): TargetGroup[] {
  const groups = new Map<string, { indexes: number[]; workerIds: string[] }>();
  for (const worker of workers) {
    const entry = { ...worker, name: worker.worker_id, url: 'http://unused' };
    const indexes = fleet.targets.flatMap((target, index) =>
      matchesSelector(entry, target.workers) ? [index] : [],
    );
    if (indexes.length === 0) continue;
    const key = indexes.join(',');
    const group = groups.get(key) ?? { indexes, workerIds: [] };
    group.workerIds.push(worker.worker_id);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ indexes, workerIds }) => {
    const targets = indexes.map((index) => ({
      target: fleet.targets[index] as FleetTarget,
      name: targetName(fleet.targets[index] as FleetTarget, index),
    }));
    return {
      targets: targets.map((target) => target.name),
      workerIds,
      desired: mergeTargets(targets, workerIds),
    };
  });
}
