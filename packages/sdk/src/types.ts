import type {
  WorkerClient,
  WorkerClientOptions,
  WorkerError,
  WorkerRegistryEntry,
} from '@llm-control-plane/core';
import type { Dispatcher } from 'undici';

/** A registry entry as the fleet exposes it: the credential is never part of it. */
export type PublicWorkerEntry = Omit<WorkerRegistryEntry, 'api_key' | 'ui_password'> & {
  has_credential: boolean;
};

export type CredentialProvider = (
  entry: WorkerRegistryEntry,
) => string | undefined | Promise<string | undefined>;

export type FleetOptions = {
  /** Supplies a worker's management credential (a vault, a secret store). Called at most once per worker
   *  entry and cached; a result of `undefined` falls back to the entry's `api_key`. */
  credentials?: CredentialProvider;
  /** Default per-worker deadline of multi-worker operations; an entry's `timeout_ms` overrides it. */
  timeoutMs?: number;
  /** Maximum number of workers a fan-out talks to at the same time. */
  concurrency?: number;
  dispatcher?: Dispatcher;
  clientOptions?: Partial<WorkerClientOptions>;
  circuit?: { failureThreshold?: number };
  /** A readiness answer slower than this marks the worker `degraded`. Off when unset. */
  degradedLatencyMs?: number;
};

/** Selects workers: a list of ids, or a filter where every given criterion must hold. */
export type WorkerSelector =
  | { ids?: string[]; labels?: Record<string, string>; regions?: string[] }
  | string[];

export type FleetResult<T> =
  | { workerId: string; ok: true; value: T; durationMs: number }
  | { workerId: string; ok: false; error: WorkerError | Error; durationMs: number };

export type WorkerContext = { entry: PublicWorkerEntry; client: WorkerClient; signal: AbortSignal };

export type EachOptions = {
  workers?: WorkerSelector;
  concurrency?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** When false, workers without a credential are called too (their client sends no key). Default true. */
  requireCredential?: boolean;
  /** When false, an open circuit does not short-circuit the call (used by health probes). Default true. */
  respectCircuit?: boolean;
  /**
   * What the calls are, for the workers' status: each call's outcome feeds it (a connection failure or
   * timeout marks the worker at once, an answer restores it). Default `'fan-out'`.
   */
  source?: CallSource;
};

export type HealthStatus = 'healthy' | 'degraded' | 'unreachable';

/** Kinds of calls whose outcome feeds a worker's status besides health probes. */
export type CallSource = 'relay' | 'fan-out' | 'overview';

/** Which signal set a worker's current status. */
export type HealthSource = 'probe' | CallSource;

export type WorkerHealth = {
  workerId: string;
  status: HealthStatus;
  latencyMs: number | null;
  version: string | null;
  db: string | null;
  /** When the latest signal (probe or call) arrived. */
  checkedAt: string;
  lastSeenAt: string | null;
  /** When the worker entered its current status. */
  since: string;
  /** Why the worker is not healthy, in words; null when healthy. */
  reason: string | null;
  /** The signal that set the status: a probe, or a relayed call, fan-out or overview that failed or answered. */
  source: HealthSource;
  error?: { kind: string; message: string };
};

export type CircuitState = 'closed' | 'open' | 'half-open';

export type HealthChange = {
  workerId: string;
  previous: WorkerHealth | null;
  current: WorkerHealth;
  circuit: { previous: CircuitState; current: CircuitState };
};

export type SerializedError = { kind: string; message: string; status?: number; code?: string };

export type SearchOptions = {
  workers?: WorkerSelector;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** `exact` (default) or `contains` for aliases and e-mail addresses. */
  match?: 'exact' | 'contains';
  /** Cap on matches taken from one worker. Default 100. */
  limitPerWorker?: number;
};

export type SearchResult<T> = {
  matches: { workerId: string; item: T }[];
  failures: { workerId: string; error: WorkerError | Error }[];
};

export type SpendGroupBy = 'worker' | 'team' | 'model';

export type SpendQuery = {
  start: string;
  end: string;
  groupBy?: SpendGroupBy;
  workers?: WorkerSelector;
  timeoutMs?: number;
  signal?: AbortSignal;
};

export type SpendRow = { key: string; label: string; spend: number; workerIds: string[] };

export type SpendReport = {
  start: string;
  end: string;
  groupBy: SpendGroupBy;
  total: number;
  currency: 'USD';
  rows: SpendRow[];
  workers: { workerId: string; spend: number; asOf: string }[];
  missing: { workerId: string; error: SerializedError }[];
};
