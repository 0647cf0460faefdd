import { randomUUID } from 'node:crypto';
import { type WorkerClient, WorkerFeatureUnavailableError } from '@llm-control-plane/core';
import { serializeError } from '../errors.js';
import type { Fleet } from '../fleet.js';
import { diffFields, diffProjections, isObject, normalise } from '../plan/compare.js';
import type { FleetResult } from '../types.js';
import { describeKind, type KindDescriptor } from './kinds.js';
import { isMaskedValue, REDACTED, redactFieldDiffs, redactObject, writableObject } from './secrets.js';
import type {
  AdminApplyOptions,
  AdminApplyResult,
  AdminApplyStatus,
  AdminDriftOptions,
  AdminDriftReport,
  AdminListResult,
  AdminObject,
  AdminObjectDrift,
  AdminPlan,
  AdminPlanOptions,
  AdminQueryOptions,
  AdminSearchOptions,
  AdminSearchResult,
  AdminWorkerApplyOutcome,
  AdminWorkerOutcome,
  AdminWorkerPlan,
} from './types.js';

type Read =
  | { status: 'ok'; items: AdminObject[] }
  | { status: 'unavailable'; reason: 'not_found' | 'enterprise'; litellmVersion?: string };

const VERSION_LOOKUP_MS = 2_000;
const DEFAULT_APPLY_TIMEOUT_MS = 30_000;

/** The worker's LiteLLM version for a "not available" row; a worker that will not say gives none. */
async function workerVersion(client: WorkerClient, signal: AbortSignal): Promise<string | undefined> {
  try {
    const readiness = await client.health.readiness({ signal, timeoutMs: VERSION_LOOKUP_MS });
    return readiness.litellm_version ?? undefined;
  } catch {
    return undefined;
  }
}

async function readObjects(
  descriptor: KindDescriptor,
  client: WorkerClient,
  signal: AbortSignal,
): Promise<Read> {
  try {
    return { status: 'ok', items: await descriptor.list(client, { signal }) };
  } catch (error) {
    if (!WorkerFeatureUnavailableError.isInstance(error)) throw error;
    const litellmVersion = error.litellmVersion ?? (await workerVersion(client, signal));
    return { status: 'unavailable', reason: error.reason, ...(litellmVersion ? { litellmVersion } : {}) };
  }
}

function outcomeOf(result: FleetResult<Read>): AdminWorkerOutcome {
  if (!result.ok) return { workerId: result.workerId, status: 'error', error: serializeError(result.error) };
  if (result.value.status === 'ok') return { workerId: result.workerId, status: 'ok' };
  const { reason, litellmVersion } = result.value;
  return {
    workerId: result.workerId,
    status: 'unavailable',
    reason,
    ...(litellmVersion ? { litellmVersion } : {}),
  };
}

function readAll(fleet: Fleet, descriptor: KindDescriptor, options: AdminQueryOptions) {
  return fleet.each(({ client, signal }) => readObjects(descriptor, client, signal), {
    workers: options.workers,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
}

function nameOf(descriptor: KindDescriptor, item: AdminObject): string | undefined {
  const name = item[descriptor.identity];
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/**
 * The settings that make an object what it is: no ids, timestamps or health. Secrets stay as the worker
 * masked them, so a rotated one still shows as a difference; reports redact them (redactFieldDiffs).
 */
function comparable(descriptor: KindDescriptor, item: AdminObject): AdminObject {
  const kept: AdminObject = {};
  for (const [field, value] of Object.entries(item)) {
    if (field === descriptor.identity || descriptor.volatile.includes(field) || value === undefined) continue;
    kept[field] = value;
  }
  return normalise(kept) as AdminObject;
}

/** The worker's object with the desired fields laid over it, nested settings merged key by key. */
function mergedUpdate(descriptor: KindDescriptor, actual: AdminObject, desired: AdminObject): AdminObject {
  const merged = writableObject(actual);
  for (const field of descriptor.volatile) delete merged[field];
  for (const [field, value] of Object.entries(writableObject(desired))) {
    merged[field] = isObject(value) && isObject(merged[field]) ? { ...merged[field], ...value } : value;
  }
  return merged;
}

function publicItem(descriptor: KindDescriptor, item: AdminObject): AdminObject {
  return redactObject(descriptor, item).object;
}

export async function listObjects(
  fleet: Fleet,
  kind: string,
  options: AdminQueryOptions = {},
): Promise<AdminListResult> {
  const descriptor = describeKind(kind);
  const results = await readAll(fleet, descriptor, options);
  return {
    kind: descriptor.kind,
    workers: results.map((result) => {
      const outcome = outcomeOf(result);
      if (!result.ok || result.value.status !== 'ok') return outcome;
      return { ...outcome, items: result.value.items.map((item) => publicItem(descriptor, item)) };
    }),
  };
}

export async function searchObjects(
  fleet: Fleet,
  kind: string,
  query: string,
  options: AdminSearchOptions = {},
): Promise<AdminSearchResult> {
  const descriptor = describeKind(kind);
  if (typeof query !== 'string' || query.trim() === '')
    throw new TypeError('search query must be a non-empty string');
  const needle = query.trim().toLowerCase();
  const matches = (name: string) =>
    options.match === 'contains' ? name.toLowerCase().includes(needle) : name.toLowerCase() === needle;
  const results = await readAll(fleet, descriptor, options);
  const found: AdminSearchResult['matches'] = [];
  for (const result of results) {
    if (!result.ok || result.value.status !== 'ok') continue;
    for (const item of result.value.items) {
      const name = nameOf(descriptor, item);
      if (name !== undefined && matches(name))
        found.push({ workerId: result.workerId, item: publicItem(descriptor, item) });
    }
  }
  return { kind: descriptor.kind, matches: found, workers: results.map(outcomeOf) };
}

/** The most common form among the workers that have the object; ties go to the first in registry order. */
function mostCommon(forms: Map<string, AdminObject>): string {
  const counts = new Map<string, { count: number; workerId: string }>();
  for (const [workerId, form] of forms) {
    const key = JSON.stringify(form);
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { count: 1, workerId });
  }
  let best = { count: 0, workerId: '' };
  for (const entry of counts.values()) if (entry.count > best.count) best = entry;
  return best.workerId;
}

function driftSummary(
  label: string,
  name: string,
  drift: Omit<AdminObjectDrift, 'summary'>,
  answered: number,
): string {
  let text = `${label} \`${name}\` is on ${drift.presentOn.length} of ${answered} workers`;
  if (drift.differing.length > 0) text += `; its settings differ on ${drift.differing.length}`;
  return text;
}

export async function driftObjects(
  fleet: Fleet,
  kind: string,
  options: AdminDriftOptions = {},
): Promise<AdminDriftReport> {
  const descriptor = describeKind(kind);
  const generatedAt = new Date().toISOString();
  const results = await readAll(fleet, descriptor, options);
  const forms = new Map<string, Map<string, AdminObject>>();
  const answered: string[] = [];
  for (const result of results) {
    if (!result.ok || result.value.status !== 'ok') continue;
    answered.push(result.workerId);
    for (const item of result.value.items) {
      const name = nameOf(descriptor, item);
      if (name === undefined || (options.names && !options.names.includes(name))) continue;
      const byWorker = forms.get(name) ?? new Map<string, AdminObject>();
      if (!byWorker.has(result.workerId)) byWorker.set(result.workerId, comparable(descriptor, item));
      forms.set(name, byWorker);
    }
  }
  if (options.baseline !== undefined && !answered.includes(options.baseline)) {
    throw new TypeError(`baseline worker '${options.baseline}' is not among the workers that answered`);
  }
  const objects = [...forms.keys()].sort().map((name): AdminObjectDrift => {
    const byWorker = forms.get(name)!;
    const reference =
      options.baseline !== undefined && byWorker.has(options.baseline)
        ? options.baseline
        : mostCommon(byWorker);
    const expected = byWorker.get(reference)!;
    const differing: AdminObjectDrift['differing'] = [];
    for (const [workerId, form] of byWorker) {
      if (workerId === reference) continue;
      const fields = redactFieldDiffs(descriptor, diffProjections(expected, form));
      if (fields.length > 0) differing.push({ workerId, fields });
    }
    const presentOn = answered.filter((workerId) => byWorker.has(workerId));
    const missingOn = answered.filter((workerId) => !byWorker.has(workerId));
    const drift = {
      name,
      reference,
      presentOn,
      missingOn,
      differing,
      inSync: missingOn.length === 0 && differing.length === 0,
    };
    return { ...drift, summary: driftSummary(descriptor.label, name, drift, answered.length) };
  });
  return {
    kind: descriptor.kind,
    generatedAt,
    ...(options.baseline !== undefined ? { baseline: options.baseline } : {}),
    objects,
    workers: results.map(outcomeOf),
  };
}

/** Checks a desired object and drops what workers set themselves (ids, timestamps, health). */
function desiredObject(descriptor: KindDescriptor, object: unknown): { name: string; object: AdminObject } {
  if (!isObject(object)) throw new TypeError(`the desired ${descriptor.label} must be an object`);
  let copy: AdminObject;
  try {
    copy = JSON.parse(JSON.stringify(object)) as AdminObject;
  } catch {
    throw new TypeError(`the desired ${descriptor.label} must be plain JSON`);
  }
  const name = copy[descriptor.identity];
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(`the desired ${descriptor.label} needs ${descriptor.identity} (a non-empty string)`);
  }
  for (const field of descriptor.volatile) if (field !== descriptor.identity) delete copy[field];
  if (descriptor.idField !== descriptor.identity) delete copy[descriptor.idField];
  return { name, object: copy };
}

type Decision = Pick<AdminWorkerPlan, 'action' | 'targetId' | 'diff' | 'note'> & { actual?: AdminObject };

/** What this worker needs so that its object matches the desired one; secret fields are not compared. */
function decide(
  descriptor: KindDescriptor,
  name: string,
  object: AdminObject,
  items: AdminObject[],
): Decision {
  const actual = items.find((item) => nameOf(descriptor, item) === name);
  if (!actual) {
    if (descriptor.secretContainers?.some((field) => object[field] !== undefined)) {
      return {
        action: 'noop',
        note: `${descriptor.label} values are write-only; create it on this worker with its own secret`,
      };
    }
    return { action: 'create' };
  }
  const targetId = actual[descriptor.idField];
  const nested = Object.keys(object).filter((field) => isObject(object[field]));
  const wanted = redactObject(descriptor, object).object;
  const diff = diffFields(wanted, comparable(descriptor, actual), {
    identity: descriptor.identity,
    nested,
  }).filter((entry) => entry.to !== REDACTED && !isMaskedValue(entry.to));
  const decision: Decision = { action: diff.length > 0 ? 'update' : 'noop', actual };
  if (typeof targetId === 'string') decision.targetId = targetId;
  if (diff.length > 0) decision.diff = redactFieldDiffs(descriptor, diff);
  const readOnly = descriptor.readOnly?.(actual);
  if (readOnly && diff.length > 0) return { ...decision, action: 'noop', note: readOnly };
  return decision;
}

export async function planObject(
  fleet: Fleet,
  kind: string,
  desired: unknown,
  options: AdminPlanOptions = {},
): Promise<AdminPlan> {
  const descriptor = describeKind(kind);
  const { name, object } = desiredObject(descriptor, desired);
  const redacted = redactObject(descriptor, object);
  const results = await readAll(fleet, descriptor, options);
  const workers = results.map((result): AdminWorkerPlan => {
    const outcome = outcomeOf(result);
    if (!result.ok)
      return {
        workerId: result.workerId,
        action: 'error',
        ...(outcome.error ? { error: outcome.error } : {}),
      };
    if (result.value.status !== 'ok') {
      const { litellmVersion } = result.value;
      return {
        workerId: result.workerId,
        action: 'unavailable',
        ...(litellmVersion ? { litellmVersion } : {}),
      };
    }
    const { actual: _actual, ...decision } = decide(descriptor, name, object, result.value.items);
    return { workerId: result.workerId, ...decision };
  });
  const summary = { create: 0, update: 0, noop: 0, unavailable: 0, failed: 0 };
  for (const worker of workers) summary[worker.action === 'error' ? 'failed' : worker.action] += 1;
  return {
    id: randomUUID(),
    kind: descriptor.kind,
    name,
    createdAt: new Date().toISOString(),
    object: redacted.object,
    secretFields: redacted.secretFields,
    workers,
    summary,
  };
}

function validPlan(plan: unknown): AdminPlan {
  if (!isObject(plan)) throw new TypeError('plan must be an object');
  if (!Array.isArray(plan.workers) || !isObject(plan.object))
    throw new TypeError('plan needs workers and object');
  for (const [index, worker] of plan.workers.entries()) {
    if (!isObject(worker) || typeof worker.workerId !== 'string') {
      throw new TypeError(`plan.workers[${index}].workerId must be a string`);
    }
  }
  return plan as unknown as AdminPlan;
}

async function applyToWorker(
  descriptor: KindDescriptor,
  name: string,
  object: AdminObject,
  client: WorkerClient,
  signal: AbortSignal,
): Promise<Omit<AdminWorkerApplyOutcome, 'workerId' | 'durationMs'>> {
  const read = await readObjects(descriptor, client, signal);
  if (read.status !== 'ok') {
    return { status: 'unavailable', ...(read.litellmVersion ? { litellmVersion: read.litellmVersion } : {}) };
  }
  const decision = decide(descriptor, name, object, read.items);
  const note = decision.note ? { note: decision.note } : {};
  if (decision.action === 'noop')
    return { status: decision.note ? 'skipped' : 'unchanged', action: 'noop', ...note };
  if (decision.action === 'create') await descriptor.create(client, writableObject(object), { signal });
  else {
    // Replacing updates keep the worker's other settings; its masked secrets are left out, never echoed.
    const merged = mergedUpdate(descriptor, decision.actual ?? {}, object);
    await descriptor.update(client, decision.targetId ?? name, merged, { signal });
  }
  return { status: 'applied', action: decision.action, ...note };
}

/**
 * Applies a plan to the workers it lists. Each worker is read again and its action decided anew, so a
 * second apply, or one after someone made the change by hand, changes nothing.
 */
export async function applyObjectPlan(
  fleet: Fleet,
  planInput: AdminPlan,
  options: AdminApplyOptions = {},
): Promise<AdminApplyResult> {
  const plan = validPlan(planInput);
  const descriptor = describeKind(plan.kind);
  const { name, object } = desiredObject(descriptor, plan.object);
  const results = await fleet.each(
    async ({ client, signal }) => {
      const started = performance.now();
      const outcome = await applyToWorker(descriptor, name, object, client, signal);
      return { ...outcome, durationMs: Math.round(performance.now() - started) };
    },
    {
      workers: [...new Set(plan.workers.map((worker) => worker.workerId))],
      timeoutMs: options.timeoutMs ?? DEFAULT_APPLY_TIMEOUT_MS,
      concurrency: options.maxParallel,
      signal: options.signal,
    },
  );
  const workers = results.map(
    (result): AdminWorkerApplyOutcome =>
      result.ok
        ? { workerId: result.workerId, ...result.value }
        : {
            workerId: result.workerId,
            status: 'failed',
            error: serializeError(result.error),
            durationMs: Math.round(result.durationMs),
          },
  );
  const summary: Record<AdminApplyStatus, number> = {
    applied: 0,
    unchanged: 0,
    unavailable: 0,
    failed: 0,
    skipped: 0,
  };
  for (const worker of workers) summary[worker.status] += 1;
  const status =
    summary.failed > 0
      ? summary.applied > 0
        ? 'partial'
        : 'failed'
      : summary.applied > 0
        ? 'applied'
        : 'unchanged';
  return { planId: plan.id, kind: descriptor.kind, name, status, workers, summary };
}
