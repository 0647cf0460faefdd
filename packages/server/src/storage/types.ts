/**
 * The control plane's own state: audit log, runtime worker registry, users, revoked sessions and sign-in
 * throttling.
 * Two implementations share one schema, one set of migrations and one set of queries (Kysely):
 * PostgreSQL (`pg`) for scale-out, and the embedded SQLite file (`node:sqlite`) for a single process
 * with no database server.
 */

export type UserRole = 'admin' | 'operator' | 'viewer';

export const USER_ROLES: readonly UserRole[] = ['admin', 'operator', 'viewer'];

/** One write made through the control plane. `detail` must already have secrets redacted. */
export type AuditInput = {
  actor: string;
  workerId: string | null;
  action: string;
  method?: string | null;
  path?: string | null;
  target?: string | null;
  status: number;
  requestId: string;
  /** Shared by every entry of one fan-out (bulk apply, fleet-wide operation). */
  correlationId?: string | null;
  detail?: unknown;
};

export type AuditEntry = {
  /** Decimal string of a database sequence: increasing in insertion order on one database. */
  id: string;
  /** ISO 8601 timestamp (millisecond precision) set by the database when the entry was written. */
  at: string;
  actor: string;
  workerId: string | null;
  action: string;
  method: string | null;
  path: string | null;
  target: string | null;
  status: number;
  requestId: string;
  correlationId: string | null;
  detail: unknown;
};

export type AuditFilter = {
  workerId?: string;
  actor?: string;
  action?: string;
  /** Exact HTTP status, or a class such as `'4xx'`. */
  status?: number | string;
  /** Inclusive lower bound (ISO string or Date). */
  since?: string | Date;
  /** Exclusive upper bound (ISO string or Date). */
  until?: string | Date;
  /** Page size, 1 to {@link AUDIT_MAX_LIMIT}; default {@link AUDIT_DEFAULT_LIMIT}. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
};

export type AuditPage = { entries: AuditEntry[]; nextCursor: string | null };

export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 1000;

/** A worker added at runtime. The credential is stored only encrypted (see registry/secrets.ts). */
export type StoredWorker = {
  worker_id: string;
  name: string;
  url: string;
  region: string | null;
  labels: Record<string, string> | null;
  timeout_ms: number | null;
  api_key_encrypted: string | null;
  created_by: string;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
};

/** What `workers.insert` takes; timestamps are set by the store. */
type NewStoredWorker = Omit<
  StoredWorker,
  'created_at' | 'updated_at' | 'region' | 'labels' | 'timeout_ms' | 'api_key_encrypted'
> & {
  region?: string | null;
  labels?: Record<string, string> | null;
  timeout_ms?: number | null;
  api_key_encrypted?: string | null;
};

/** Fields `workers.update` may change; `undefined` leaves a field as it is, `null` clears it. */
export type StoredWorkerPatch = Partial<
  Pick<StoredWorker, 'name' | 'url' | 'region' | 'labels' | 'timeout_ms' | 'api_key_encrypted'>
>;

export type StoredUser = {
  username: string;
  /** `scrypt$N$r$p$salt$hash` (see users/passwords.ts). */
  password_hash: string;
  role: UserRole;
  /** When set, the user may act only on these workers ... */
  scope_workers: string[] | null;
  /** ... or on workers carrying all of these labels. */
  scope_labels: Record<string, string> | null;
  /**
   * ISO 8601. Sessions issued before this instant are no longer valid (set when the password changes,
   * so a leaked session dies with the old password). Null when never set.
   */
  sessions_not_before?: string | null;
  created_at: string;
  updated_at: string;
};

type NewStoredUser = Omit<
  StoredUser,
  'created_at' | 'updated_at' | 'scope_workers' | 'scope_labels' | 'sessions_not_before'
> & {
  scope_workers?: string[] | null;
  scope_labels?: Record<string, string> | null;
};

export type StoredUserPatch = Partial<
  Pick<StoredUser, 'password_hash' | 'role' | 'scope_workers' | 'scope_labels' | 'sessions_not_before'>
>;

interface AuditStore {
  /** Resolves only once the entry is committed (for the embedded store: written to its log file). */
  append(entry: AuditInput): Promise<AuditEntry>;
  /** Newest first (by id, the insertion order); keyset pagination on the id. */
  query(filter?: AuditFilter): Promise<AuditPage>;
}

interface WorkerStore {
  list(): Promise<StoredWorker[]>;
  get(workerId: string): Promise<StoredWorker | null>;
  /** Throws a StoreError with code `conflict` when the worker id exists. Bumps the registry version. */
  insert(worker: NewStoredWorker): Promise<StoredWorker>;
  /** Returns null when the worker does not exist. Bumps the registry version. */
  update(workerId: string, patch: StoredWorkerPatch): Promise<StoredWorker | null>;
  /** Returns false when the worker did not exist. Bumps the registry version when it did. */
  remove(workerId: string): Promise<boolean>;
  /** A counter bumped by every registry change, cheap to poll from every replica. */
  version(): Promise<number>;
}

interface UserStore {
  list(): Promise<StoredUser[]>;
  get(username: string): Promise<StoredUser | null>;
  /** Throws a StoreError with code `conflict` when the username exists. */
  insert(user: NewStoredUser): Promise<StoredUser>;
  update(username: string, patch: StoredUserPatch): Promise<StoredUser | null>;
  remove(username: string): Promise<boolean>;
}

interface SessionStore {
  /** Marks a session id revoked until it would have expired anyway. */
  revoke(sessionId: string, expiresAt: Date): Promise<void>;
  isRevoked(sessionId: string): Promise<boolean>;
  /** Deletes revocations whose session has expired; returns how many were removed. */
  purgeExpired(now?: Date): Promise<number>;
}

/** A username refused at sign-in until `locked_until`, after `failures` failed attempts from `address`. */
export type LoginLockout = {
  username: string;
  /** The address whose failures triggered the lock-out. */
  address: string;
  failures: number;
  /** ISO 8601. */
  locked_at: string;
  /** ISO 8601. */
  locked_until: string;
};

/** What sign-in throttling knows about one username and address before checking a password. */
export type LoginStanding = {
  /** Failed attempts of this username from this address since the window start. */
  failures: number;
  /** ISO 8601 of the latest of those failures, null without any. */
  last_failure_at: string | null;
  /** ISO 8601 end of the username's lock-out, null when it is not locked. */
  locked_until: string | null;
};

/**
 * Failed sign-ins per username and address, and lock-outs per username. Shared by every replica, so a
 * lock-out set by one is honoured (and lifted) by all.
 */
export interface LoginThrottleStore {
  /** The pair's failures newer than `since`, and the username's lock-out if it lasts beyond `now`. */
  standing(username: string, address: string, since: Date, now: Date): Promise<LoginStanding>;
  /** Counts one failure at `at` (a count whose latest failure is not newer than `since` starts over); returns the count. */
  recordFailure(username: string, address: string, at: Date, since: Date): Promise<number>;
  /** Forgets the pair's failures (after a successful sign-in). */
  clearFailures(username: string, address: string): Promise<void>;
  /** Sets or extends the username's lock-out. */
  lock(lockout: LoginLockout): Promise<void>;
  /** Lock-outs lasting beyond `now`, by username. */
  lockouts(now: Date): Promise<LoginLockout[]>;
  /** Lifts the username's lock-out and forgets its failures; false when it was not locked. */
  unlock(username: string, now: Date): Promise<boolean>;
  /** Deletes lock-outs that ended and failures not newer than `since`; returns how many rows went. */
  purgeExpired(now: Date, since: Date): Promise<number>;
}

export interface ControlPlaneStore {
  readonly kind: 'embedded' | 'postgres';
  /** Where the state lives: the data directory, or the database URL with its password redacted. */
  readonly location: string;
  audit: AuditStore;
  workers: WorkerStore;
  users: UserStore;
  sessions: SessionStore;
  logins: LoginThrottleStore;
  /** Runs a trivial query; rejects with a StoreError when the store is unusable (for readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type OpenStoreOptions = {
  /** `postgres://` or `postgresql://` URL; PostgreSQL is used when set. */
  databaseUrl?: string;
  /** Directory of the embedded store when no databaseUrl is given; default `./.control-plane`. */
  dataDir?: string;
  /** Pool size for PostgreSQL; default 10. */
  maxConnections?: number;
  /** When an embedded-store commit is durable; ignored for PostgreSQL. Default `normal`. */
  durability?: EmbeddedStoreDurability;
};

/**
 * `normal`: a commit is in the store's log file before it returns, so it survives the process being killed;
 * a crash of the operating system or a power loss can lose the last commits (never corrupt the file).
 * `full`: the log is also flushed to the disk (fsync) before a commit returns, which survives a power loss.
 */
export type EmbeddedStoreDurability = 'normal' | 'full';

export type StoreErrorCode = 'unavailable' | 'corrupt' | 'unwritable' | 'migration' | 'conflict' | 'invalid';

const STORE_ERROR_MARKER = Symbol.for('llm-control-plane.StoreError');

/** A store failure. The message names the directory or the (redacted) URL, never a password. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  readonly [STORE_ERROR_MARKER] = true;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  static isInstance(value: unknown): value is StoreError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[STORE_ERROR_MARKER] === true
    );
  }
}
