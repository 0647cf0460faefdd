import type { Budget, Deployment, KeyObject, Team, WorkerClient } from '@llm-control-plane/core';
import { isMarked, mark } from '../errors.js';
import { diffFields, isObject, pick, redact, redactDiffs, topLevelFields } from './compare.js';
import type { Snapshot, SnapshotNeeds } from './snapshot.js';
import type {
  DesiredBudget,
  DesiredModel,
  DesiredState,
  DesiredTeam,
  PlannedChange,
  PlannedResource,
} from './types.js';

type JsonObject = Record<string, unknown>;

/** Raised for a desired state or plan that is not well formed (the server answers 400). */
const INVALID_DESIRED_STATE = Symbol.for('@llm-control-plane/sdk.InvalidDesiredStateError');

export class InvalidDesiredStateError extends TypeError {
  override readonly name = 'InvalidDesiredStateError';
  readonly kind = 'invalid_desired_state';

  constructor(message: string) {
    super(message);
    mark(this, INVALID_DESIRED_STATE);
  }

  static isInstance(value: unknown): value is InvalidDesiredStateError {
    return isMarked(value, INVALID_DESIRED_STATE);
  }
}

const IDENTITY: Record<PlannedResource | 'organizations', string> = {
  teams: 'team_alias',
  models: 'model_name',
  budgets: 'budget_id',
  keyPolicies: 'key_alias',
  organizations: 'organization_alias',
};

export function identityField(resource: PlannedResource | 'organizations'): string {
  return IDENTITY[resource];
}

const NESTED: Record<PlannedResource, string[]> = {
  teams: ['metadata'],
  models: ['litellm_params', 'model_info'],
  budgets: [],
  keyPolicies: ['metadata'],
};

/** Apply order: budgets may be referenced by teams and keys, models by teams and keys. */
const APPLY_ORDER: PlannedResource[] = ['budgets', 'models', 'teams', 'keyPolicies'];

/** Checks the shape and returns a JSON-clean deep copy (it travels through plans and HTTP). */
export function validateDesired(desired: unknown): DesiredState {
  if (!isObject(desired)) throw new InvalidDesiredStateError('desired must be an object');
  let copy: DesiredState;
  try {
    copy = JSON.parse(JSON.stringify(desired)) as DesiredState;
  } catch {
    throw new InvalidDesiredStateError('desired must be plain JSON');
  }
  for (const resource of [...APPLY_ORDER, 'organizations'] as const) {
    const items = (copy as Record<string, unknown>)[resource];
    if (items === undefined) continue;
    if (!Array.isArray(items)) throw new InvalidDesiredStateError(`desired.${resource} must be an array`);
    const identity = IDENTITY[resource];
    const seen = new Set<string>();
    items.forEach((item: unknown, index) => {
      if (!isObject(item))
        throw new InvalidDesiredStateError(`desired.${resource}[${index}] must be an object`);
      const id = item[identity];
      if (typeof id !== 'string' || id === '') {
        throw new InvalidDesiredStateError(
          `desired.${resource}[${index}].${identity} must be a non-empty string`,
        );
      }
      if (seen.has(id)) throw new InvalidDesiredStateError(`desired.${resource} names '${id}' twice`);
      seen.add(id);
      if (resource === 'models') {
        const params = item.litellm_params;
        if (!isObject(params) || typeof params.model !== 'string' || params.model === '') {
          throw new InvalidDesiredStateError(
            `desired.models[${index}].litellm_params.model must be a string`,
          );
        }
        if (item.model_info !== undefined && !isObject(item.model_info)) {
          throw new InvalidDesiredStateError(`desired.models[${index}].model_info must be an object`);
        }
      }
    });
  }
  return copy;
}

export function snapshotNeeds(desired: DesiredState): SnapshotNeeds {
  return {
    teams: desired.teams !== undefined && desired.teams.length > 0,
    models: desired.models !== undefined && desired.models.length > 0,
    budgets: desired.budgets !== undefined && desired.budgets.length > 0,
    keyAliases: (desired.keyPolicies ?? []).map((policy) => policy.key_alias),
  };
}

type Actual = { target: JsonObject; targetId?: string; note?: string; editable: boolean };

function findActual(resource: PlannedResource, id: string, snapshot: Snapshot): Actual | undefined {
  switch (resource) {
    case 'teams': {
      const matches = (snapshot.teams ?? []).filter((team: Team) => team.team_alias === id);
      const first = matches[0];
      if (!first) return undefined;
      const note =
        matches.length > 1 ? `${matches.length} teams share this alias; the first is managed` : undefined;
      return { target: first, targetId: first.team_id, note, editable: true };
    }
    case 'budgets': {
      const budget = (snapshot.budgets ?? []).find((item: Budget) => item.budget_id === id);
      return budget ? { target: budget, targetId: id, editable: true } : undefined;
    }
    case 'models': {
      const matches = (snapshot.models ?? []).filter((model: Deployment) => model.model_name === id);
      if (matches.length === 0) return undefined;
      const editable = matches.find((model) => model.model_info?.db_model === true);
      const chosen = editable ?? matches[0]!;
      const note = editable
        ? matches.length > 1
          ? `${matches.length} deployments share this model_name; the first stored in the database is managed`
          : undefined
        : 'defined in the worker config file; not editable through the API';
      return {
        target: chosen,
        targetId: chosen.model_info?.id ?? undefined,
        note,
        editable: Boolean(editable),
      };
    }
    case 'keyPolicies': {
      const key = (snapshot.keys ?? []).find((item: KeyObject) => item.key_alias === id);
      return key ? { target: key, targetId: key.token ?? undefined, editable: true } : undefined;
    }
  }
}

function desiredItems(desired: DesiredState, resource: PlannedResource): JsonObject[] {
  return ((desired as Record<string, unknown>)[resource] as JsonObject[] | undefined) ?? [];
}

/** The changes that would bring this worker to the desired state. */
export function computeChanges(desired: DesiredState, snapshot: Snapshot): PlannedChange[] {
  const changes: PlannedChange[] = [];
  for (const resource of APPLY_ORDER) {
    const identity = IDENTITY[resource];
    for (const item of desiredItems(desired, resource)) {
      const id = item[identity] as string;
      const actual = findActual(resource, id, snapshot);
      if (!actual) {
        if (resource === 'keyPolicies') {
          changes.push({ resource, action: 'noop', id, note: 'no key with this alias on this worker' });
        } else {
          changes.push({ resource, action: 'create', id, after: redact(item) });
        }
        continue;
      }
      const diff = diffFields(item, actual.target, { identity, nested: NESTED[resource] });
      const fields = topLevelFields(diff);
      const change: PlannedChange = {
        resource,
        action: diff.length > 0 && actual.editable ? 'update' : 'noop',
        id,
        ...(actual.targetId !== undefined ? { targetId: actual.targetId } : {}),
      };
      if (diff.length > 0) {
        change.before = redact(pick(actual.target, fields));
        change.after = redact(pick(item, fields));
        change.diff = redactDiffs(diff);
      }
      if (actual.note) change.note = actual.note;
      changes.push(change);
    }
  }
  return changes;
}

function mergedMetadata(desired: JsonObject, actual: JsonObject): Record<string, unknown> | undefined {
  if (!isObject(desired.metadata)) return undefined;
  // LiteLLM replaces metadata wholesale, so keys this state does not manage are carried over.
  return { ...(isObject(actual.metadata) ? actual.metadata : {}), ...desired.metadata };
}

/** Carries out one create or update against the worker. */
export async function executeChange(
  client: WorkerClient,
  change: PlannedChange,
  desired: DesiredState,
  snapshot: Snapshot,
  signal: AbortSignal,
): Promise<void> {
  const identity = IDENTITY[change.resource];
  const item = desiredItems(desired, change.resource).find((candidate) => candidate[identity] === change.id);
  if (!item) throw new InvalidDesiredStateError(`'${change.id}' is not in desired.${change.resource}`);
  const options = { signal };
  const actual = findActual(change.resource, change.id, snapshot)?.target ?? {};
  const fields = topLevelFields(change.diff ?? []);
  const changed = pick(item, fields);
  const metadata = fields.includes('metadata') ? mergedMetadata(item, actual) : undefined;
  if (metadata) changed.metadata = metadata;
  switch (change.resource) {
    case 'budgets': {
      const budget = item as DesiredBudget;
      if (change.action === 'create') await client.budgets.create({ ...budget }, options);
      else await client.budgets.update({ ...changed, budget_id: budget.budget_id }, options);
      return;
    }
    case 'models': {
      const model = item as unknown as DesiredModel;
      if (change.action === 'create') {
        await client.models.create(
          {
            model_name: model.model_name,
            litellm_params: model.litellm_params,
            model_info: model.model_info ?? {},
          },
          options,
        );
      } else {
        await client.models.update(
          {
            model_name: model.model_name,
            litellm_params: { ...model.litellm_params },
            model_info: { ...(model.model_info ?? {}), id: change.targetId ?? '' },
          },
          options,
        );
      }
      return;
    }
    case 'teams': {
      const team = item as DesiredTeam;
      if (change.action === 'create') await client.teams.create({ ...team }, options);
      else await client.teams.update({ ...changed, team_id: change.targetId ?? '' }, options);
      return;
    }
    case 'keyPolicies': {
      if (change.action !== 'update' || !change.targetId) return;
      const { key_alias: _alias, ...rest } = changed;
      await client.keys.update({ ...rest, key: change.targetId }, options);
      return;
    }
  }
}
