import { serializeError } from '../errors.js';
import type { Fleet } from '../fleet.js';
import type { FleetResult } from '../types.js';
import { diffFields, diffProjections, isObject, isSecretParam, normalise } from './compare.js';
import { identityField, validateDesired } from './desired.js';
import { readSnapshot, type Snapshot, type SnapshotNeeds } from './snapshot.js';
import type {
  DesiredState,
  DriftDifference,
  DriftQuery,
  DriftReport,
  ResourceKind,
  WorkerDrift,
} from './types.js';

type JsonObject = Record<string, unknown>;

const ALL_RESOURCES: ResourceKind[] = ['models', 'teams', 'budgets', 'organizations', 'keyPolicies'];
const DEFAULT_RESOURCES: ResourceKind[] = ['models', 'teams', 'budgets'];

const LIMIT_FIELDS = ['max_budget', 'budget_duration', 'tpm_limit', 'rpm_limit', 'max_parallel_requests'];
const COMPARED_FIELDS: Record<Exclude<ResourceKind, 'models' | 'organizations'>, string[]> = {
  teams: ['models', ...LIMIT_FIELDS, 'blocked'],
  budgets: [...LIMIT_FIELDS, 'soft_budget', 'model_max_budget'],
  keyPolicies: ['models', ...LIMIT_FIELDS, 'blocked'],
};

/** The comparable settings of a worker object: no ids, timestamps, spend or secrets. */
function project(resource: ResourceKind, item: JsonObject): JsonObject {
  if (resource === 'models') {
    const params = isObject(item.litellm_params) ? item.litellm_params : {};
    const kept = Object.fromEntries(
      Object.entries(params).filter(
        ([key, value]) =>
          !isSecretParam(key) && !(typeof value === 'string' && value.startsWith('os.environ/')),
      ),
    );
    return { litellm_params: normalise(kept) };
  }
  if (resource === 'organizations') {
    const budget = isObject(item.litellm_budget_table) ? item.litellm_budget_table : {};
    const projection: JsonObject = { models: normalise(item.models ?? []) };
    for (const field of ['max_budget', 'budget_duration', 'tpm_limit', 'rpm_limit']) {
      projection[field] = normalise(budget[field] ?? item[field]);
    }
    return projection;
  }
  const projection: JsonObject = {};
  for (const field of COMPARED_FIELDS[resource]) projection[field] = normalise(item[field]);
  // LiteLLM reports "never set" as null and "not blocked" as false; both mean the same.
  if ('blocked' in projection) projection.blocked = projection.blocked === true;
  if ('models' in projection && projection.models === null) projection.models = [];
  return projection;
}

function itemsOf(snapshot: Snapshot, resource: ResourceKind): JsonObject[] {
  switch (resource) {
    case 'teams':
      return snapshot.teams ?? [];
    case 'models':
      return snapshot.models ?? [];
    case 'budgets':
      return snapshot.budgets ?? [];
    case 'organizations':
      return snapshot.organizations ?? [];
    case 'keyPolicies':
      return snapshot.keys ?? [];
  }
}

/** First object per identity; objects without one (teams without an alias) cannot be matched. */
function byIdentity(snapshot: Snapshot, resource: ResourceKind): Map<string, JsonObject> {
  const field = identityField(resource);
  const map = new Map<string, JsonObject>();
  for (const item of itemsOf(snapshot, resource)) {
    const id = item[field];
    if (typeof id === 'string' && id !== '' && !map.has(id)) map.set(id, item);
  }
  return map;
}

function compareWithWorker(
  baseline: Snapshot,
  target: Snapshot,
  resources: ResourceKind[],
): DriftDifference[] {
  const differences: DriftDifference[] = [];
  for (const resource of resources) {
    const expected = byIdentity(baseline, resource);
    const actual = byIdentity(target, resource);
    for (const [id, item] of expected) {
      const found = actual.get(id);
      if (!found) {
        differences.push({ resource, id, kind: 'missing' });
        continue;
      }
      const fields = diffProjections(project(resource, item), project(resource, found));
      if (fields.length > 0) differences.push({ resource, id, kind: 'changed', fields });
    }
    for (const id of actual.keys()) if (!expected.has(id)) differences.push({ resource, id, kind: 'extra' });
  }
  return differences;
}

function compareWithDesired(
  desired: DesiredState,
  target: Snapshot,
  resources: ResourceKind[],
): DriftDifference[] {
  const differences: DriftDifference[] = [];
  for (const resource of resources) {
    const items = (desired as Record<string, JsonObject[] | undefined>)[resource];
    if (!items) continue;
    const field = identityField(resource);
    const actual = byIdentity(target, resource);
    const nested = resource === 'models' ? ['litellm_params', 'model_info'] : ['metadata'];
    for (const item of items) {
      const id = item[field] as string;
      const found = actual.get(id);
      if (!found) {
        differences.push({ resource, id, kind: 'missing' });
        continue;
      }
      const comparable = resource === 'organizations' ? { ...found, ...project(resource, found) } : found;
      const fields = diffFields(item, comparable, { identity: field, nested });
      if (fields.length > 0) differences.push({ resource, id, kind: 'changed', fields });
    }
    // Key policies cover chosen keys only, so other keys are not "extra".
    if (resource === 'keyPolicies') continue;
    const wanted = new Set(items.map((item) => item[field]));
    for (const id of actual.keys()) if (!wanted.has(id)) differences.push({ resource, id, kind: 'extra' });
  }
  return differences;
}

function needsFor(resources: ResourceKind[], keyAliases: string[] | 'all'): SnapshotNeeds {
  return {
    teams: resources.includes('teams'),
    models: resources.includes('models'),
    budgets: resources.includes('budgets'),
    organizations: resources.includes('organizations'),
    keyAliases: resources.includes('keyPolicies') ? keyAliases : [],
  };
}

/** Per-worker differences against a baseline worker or a desired state. */
/** A worker that could not be read is reported out of sync, with the reason, rather than left out. */
function driftRow(
  result: FleetResult<Snapshot>,
  compare: (snapshot: Snapshot) => DriftDifference[],
): WorkerDrift {
  if (!result.ok) {
    return { workerId: result.workerId, inSync: false, differences: [], error: serializeError(result.error) };
  }
  const differences = compare(result.value);
  return { workerId: result.workerId, inSync: differences.length === 0, differences };
}

export async function detectDrift(fleet: Fleet, query: DriftQuery): Promise<DriftReport> {
  const generatedAt = new Date().toISOString();
  const eachOptions = { timeoutMs: query.timeoutMs, signal: query.signal };
  if (typeof query.baseline === 'string') {
    const baselineId = query.baseline;
    const resources = query.resources ?? DEFAULT_RESOURCES;
    for (const resource of resources) {
      if (!ALL_RESOURCES.includes(resource)) throw new TypeError(`Unknown resource '${resource}'`);
    }
    const needs = needsFor(resources, 'all');
    const [baselineResult] = await fleet.each(({ client, signal }) => readSnapshot(client, needs, signal), {
      ...eachOptions,
      workers: [baselineId],
    });
    if (!baselineResult?.ok) throw baselineResult?.error ?? new Error('No baseline');
    const baseline = baselineResult.value;
    const targets = fleet.workers(query.workers).filter((entry) => entry.worker_id !== baselineId);
    const results = await fleet.each(({ client, signal }) => readSnapshot(client, needs, signal), {
      ...eachOptions,
      workers: targets.map((entry) => entry.worker_id),
    });
    return {
      generatedAt,
      baseline: { kind: 'worker', workerId: baselineId },
      resources,
      workers: results.map((result) =>
        driftRow(result, (snapshot) => compareWithWorker(baseline, snapshot, resources)),
      ),
    };
  }
  const desired = validateDesired(query.baseline);
  const resources =
    query.resources ??
    ALL_RESOURCES.filter((resource) => (desired as Record<string, unknown>)[resource] !== undefined);
  const keyAliases = (desired.keyPolicies ?? []).map((policy) => policy.key_alias);
  const needs = needsFor(resources, keyAliases);
  const results = await fleet.each(({ client, signal }) => readSnapshot(client, needs, signal), {
    ...eachOptions,
    workers: query.workers,
  });
  return {
    generatedAt,
    baseline: { kind: 'desired' },
    resources,
    workers: results.map((result) =>
      driftRow(result, (snapshot) => compareWithDesired(desired, snapshot, resources)),
    ),
  };
}
