import type { FieldDiff } from '../plan/types.js';
import type { SerializedError, WorkerSelector } from '../types.js';
import type { AdminKind } from './kinds.js';

export type AdminObject = Record<string, unknown>;

/**
 * How one worker answered: `unavailable` when its LiteLLM lacks the feature (an older release or the
 * community edition), with its version when the worker told it.
 */
export type AdminWorkerOutcome = {
  workerId: string;
  status: 'ok' | 'unavailable' | 'error';
  litellmVersion?: string;
  /** For `unavailable`: `not_found` (no such route) or `enterprise` (needs a licence). */
  reason?: 'not_found' | 'enterprise';
  error?: SerializedError;
};

export type AdminQueryOptions = { workers?: WorkerSelector; timeoutMs?: number; signal?: AbortSignal };

export type AdminListResult = {
  kind: AdminKind;
  workers: (AdminWorkerOutcome & { items?: AdminObject[] })[];
};

export type AdminSearchOptions = AdminQueryOptions & { match?: 'exact' | 'contains' };

export type AdminSearchResult = {
  kind: AdminKind;
  matches: { workerId: string; item: AdminObject }[];
  workers: AdminWorkerOutcome[];
};

export type AdminDriftOptions = AdminQueryOptions & {
  /** Compare with this worker's objects; by default each object is compared with its most common form. */
  baseline?: string;
  /** Only these object names. */
  names?: string[];
};

export type AdminObjectDrift = {
  name: string;
  /** The worker whose version the others are compared with. */
  reference: string;
  presentOn: string[];
  missingOn: string[];
  differing: { workerId: string; fields: FieldDiff[] }[];
  inSync: boolean;
  /** "guardrail `pii-mask` is on 7 of 9 workers; its settings differ on 2" */
  summary: string;
};

export type AdminDriftReport = {
  kind: AdminKind;
  generatedAt: string;
  baseline?: string;
  objects: AdminObjectDrift[];
  workers: AdminWorkerOutcome[];
};

export type AdminPlanAction = 'create' | 'update' | 'noop' | 'unavailable' | 'error';

export type AdminWorkerPlan = {
  workerId: string;
  action: AdminPlanAction;
  /** The worker's own id of the object when it exists. */
  targetId?: string;
  diff?: FieldDiff[];
  note?: string;
  litellmVersion?: string;
  error?: SerializedError;
};

/** A plan never holds a secret: secret fields read `[redacted]` and are never written by apply. */
export type AdminPlan = {
  id: string;
  kind: AdminKind;
  name: string;
  createdAt: string;
  object: AdminObject;
  /** Secret fields left as they are on every worker. */
  secretFields: string[];
  workers: AdminWorkerPlan[];
  summary: { create: number; update: number; noop: number; unavailable: number; failed: number };
};

export type AdminPlanOptions = AdminQueryOptions;

export type AdminApplyStatus = 'applied' | 'unchanged' | 'unavailable' | 'failed' | 'skipped';

export type AdminWorkerApplyOutcome = {
  workerId: string;
  status: AdminApplyStatus;
  action?: AdminPlanAction;
  note?: string;
  litellmVersion?: string;
  error?: SerializedError;
  durationMs: number;
};

export type AdminApplyResult = {
  planId: string;
  kind: AdminKind;
  name: string;
  status: 'applied' | 'unchanged' | 'partial' | 'failed';
  workers: AdminWorkerApplyOutcome[];
  summary: Record<AdminApplyStatus, number>;
};

export type AdminApplyOptions = { timeoutMs?: number; signal?: AbortSignal; maxParallel?: number };
