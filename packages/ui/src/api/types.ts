/** Shapes of the control-plane HTTP API (`/api/v1`). Unknown fields are kept by every consumer. */

export type HealthStatus = 'healthy' | 'degraded' | 'unreachable' | 'unknown';

/** The signal that set a worker's status: a health probe, or a call the control plane made to it. */
export type HealthSource = 'probe' | 'relay' | 'fan-out' | 'overview';

export type WorkerHealthView = {
  worker_id?: string;
  status: HealthStatus;
  latency_ms: number | null;
  version: string | null;
  db?: string | null;
  checked_at?: string | null;
  last_seen_at: string | null;
  since?: string;
  reason?: string | null;
  source?: HealthSource;
  error?: { kind: string; message: string };
};

export type WorkerView = {
  worker_id: string;
  name: string;
  url: string;
  region?: string | null;
  labels?: Record<string, string> | null;
  source?: 'config' | 'runtime';
  has_credential: boolean;
  health: WorkerHealthView | null;
};

export type OverviewWorker = {
  worker_id: string;
  name: string;
  region?: string | null;
  labels?: Record<string, string> | null;
  has_credential: boolean;
  status: HealthStatus;
  latency_ms: number | null;
  version: string | null;
  last_seen_at: string | null;
  checked_at: string | null;
  /** When the worker entered its status, why it is not healthy, and which signal said so. */
  since?: string | null;
  reason?: string | null;
  source?: HealthSource | null;
  counts: { keys: number; teams: number; users: number } | null;
  spend: number | null;
  stale: boolean;
  error?: { kind: string; message: string };
};

export type FleetOverview = { workers: OverviewWorker[]; generated_at: string };

export type Role = 'admin' | 'operator' | 'viewer';

/** A username refused at sign-in after repeated failures from one address. */
export type LoginLockout = {
  username: string;
  address: string;
  failures: number;
  locked_at: string;
  locked_until: string;
};

export type Principal = {
  subject: string;
  role: Role;
  scope: { workers?: string[]; labels?: Record<string, string> } | null;
  token_kind: 'master_key' | 'session';
  expires_at: string | null;
  permissions: { write: boolean };
};

export type SerializedError = { kind: string; message: string; status?: number; code?: string };

export type SearchType = 'all' | 'key' | 'user' | 'team';

export type FleetSearchResult = {
  matches: { worker_id: string; type: 'key' | 'user' | 'team'; item: Record<string, unknown> }[];
  failures: { worker_id: string; error: SerializedError }[];
};

export type SpendGroupBy = 'worker' | 'team' | 'model';

export type FleetSpendReport = {
  start: string;
  end: string;
  group_by: SpendGroupBy;
  total: number;
  currency: string;
  rows: { key: string; label: string; spend: number; worker_ids: string[] }[];
  workers: { worker_id: string; spend: number; as_of: string }[];
  missing: { worker_id: string; error: SerializedError }[];
};

export type FieldDiff = { field: string; from?: unknown; to?: unknown };

export type PlanChange = {
  resource: string;
  action: 'create' | 'update' | 'noop' | 'delete' | string;
  id: string;
  before?: unknown;
  after?: unknown;
  diff?: FieldDiff[];
  /** Why a difference is not acted on (config-file model, ...). */
  note?: string;
};

export type PlanWorker = {
  workerId?: string;
  worker_id?: string;
  changes: PlanChange[];
  error?: SerializedError | string | null;
};

export type FleetPlan = {
  id: string;
  createdAt?: string;
  created_at?: string;
  desired: unknown;
  workers: PlanWorker[];
  [field: string]: unknown;
};

export type AuditEntry = {
  id: string;
  at: string;
  actor: string;
  worker_id?: string | null;
  workerId?: string | null;
  action: string;
  method?: string;
  path?: string;
  target?: string | null;
  status: number;
  request_id?: string;
  requestId?: string;
  detail?: unknown;
};

export type AuditPage = { entries: AuditEntry[]; next_cursor: string | null };

export type AuditFilter = {
  worker_id?: string;
  actor?: string;
  action?: string;
  status?: string;
  since?: string;
  until?: string;
  limit?: number;
  cursor?: string;
};

/** A LiteLLM record as a worker returns it: known fields are read defensively. */
export type WorkerRecord = Record<string, unknown>;
