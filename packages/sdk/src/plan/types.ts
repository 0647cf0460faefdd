import type { SerializedError, WorkerSelector } from '../types.js';

/** The access and spend settings teams and keys share in LiteLLM; any other field may be given too. */
type AccessSettings = {
  models?: string[];
  max_budget?: number | null;
  budget_duration?: string | null;
  tpm_limit?: number | null;
  rpm_limit?: number | null;
  max_parallel_requests?: number | null;
  blocked?: boolean;
  metadata?: Record<string, unknown>;
  [field: string]: unknown;
};

/** Any other team field LiteLLM's /team/new accepts may be given too. */
export type DesiredTeam = AccessSettings & { team_alias: string };

/** One deployment per `model_name`. Only models stored in the worker's database can be updated. */
export type DesiredModel = {
  model_name: string;
  litellm_params: { model: string; [param: string]: unknown };
  model_info?: Record<string, unknown>;
};

export type DesiredBudget = {
  budget_id: string;
  max_budget?: number | null;
  soft_budget?: number | null;
  budget_duration?: string | null;
  tpm_limit?: number | null;
  rpm_limit?: number | null;
  max_parallel_requests?: number | null;
  model_max_budget?: Record<string, unknown>;
  [field: string]: unknown;
};

/**
 * Settings enforced on the existing key with this alias. Key policies never create keys: a new key's
 * secret would have nowhere safe to go.
 */
export type DesiredKeyPolicy = AccessSettings & { key_alias: string };

/** Organizations are compared by `organization_alias` in drift reports; plans do not manage them. */
export type DesiredOrganization = {
  organization_alias: string;
  models?: string[];
  max_budget?: number | null;
  budget_duration?: string | null;
  tpm_limit?: number | null;
  rpm_limit?: number | null;
  [field: string]: unknown;
};

export type DesiredState = {
  teams?: DesiredTeam[];
  models?: DesiredModel[];
  budgets?: DesiredBudget[];
  keyPolicies?: DesiredKeyPolicy[];
  organizations?: DesiredOrganization[];
};

export type ResourceKind = 'teams' | 'models' | 'budgets' | 'keyPolicies' | 'organizations';
export type PlannedResource = Exclude<ResourceKind, 'organizations'>;

export type FieldDiff = { field: string; from: unknown; to: unknown };

export type PlannedChange = {
  resource: PlannedResource;
  action: 'create' | 'update' | 'noop';
  /** The identity within the desired state: team alias, model name, budget id or key alias. */
  id: string;
  /** The worker's own id of the object (team_id, model id, key token) when it exists. */
  targetId?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  diff?: FieldDiff[];
  /** Why a difference is not acted on (config-file model, no key with that alias, ...). */
  note?: string;
};

export type WorkerPlan = { workerId: string; changes: PlannedChange[]; error?: SerializedError };

export type PlanSummary = { create: number; update: number; noop: number; failedWorkers: number };

export type Plan = {
  id: string;
  createdAt: string;
  desired: DesiredState;
  workers: WorkerPlan[];
  summary: PlanSummary;
};

export type PlanOptions = { workers?: WorkerSelector; timeoutMs?: number; signal?: AbortSignal };

export type ChangeStatus = 'applied' | 'unchanged' | 'failed' | 'skipped';

export type ChangeOutcome = PlannedChange & { status: ChangeStatus; error?: SerializedError };

export type WorkerApplyStatus = 'applied' | 'unchanged' | 'partial' | 'failed' | 'skipped';

export type WorkerApplyOutcome = {
  workerId: string;
  status: WorkerApplyStatus;
  changes: ChangeOutcome[];
  durationMs: number;
  error?: SerializedError;
};

export type ApplyResult = {
  planId: string;
  startedAt: string;
  finishedAt: string;
  status: 'applied' | 'unchanged' | 'partial' | 'failed' | 'aborted';
  workers: WorkerApplyOutcome[];
  summary: { applied: number; unchanged: number; failed: number; skipped: number };
};

export type ApplyOptions = {
  /** Workers changed at the same time. Default 4. */
  maxParallel?: number;
  /** `stop` (default): after the first failed change no further change is started anywhere. */
  onFailure?: 'stop' | 'continue';
  signal?: AbortSignal;
  /** Deadline for all the changes of one worker. Default 60 000 ms. */
  timeoutMs?: number;
};

export type DriftDifference = {
  resource: ResourceKind;
  id: string;
  kind: 'missing' | 'extra' | 'changed';
  fields?: FieldDiff[];
};

export type WorkerDrift = {
  workerId: string;
  inSync: boolean;
  differences: DriftDifference[];
  error?: SerializedError;
};

export type DriftQuery = {
  baseline: string | DesiredState;
  resources?: ResourceKind[];
  workers?: WorkerSelector;
  timeoutMs?: number;
  signal?: AbortSignal;
};

export type DriftReport = {
  generatedAt: string;
  baseline: { kind: 'worker'; workerId: string } | { kind: 'desired' };
  resources: ResourceKind[];
  workers: WorkerDrift[];
};
