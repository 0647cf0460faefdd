import { type Kysely, sql, type Transaction } from 'kysely';
import { AUDIT_CSV_COLUMNS } from './audit-export.js';
import { createSqlLoginStore } from './login-store.js';
import { dialectSql, type StoreDialect, type Tables } from './schema.js';
import {
  AUDIT_DEFAULT_LIMIT,
  AUDIT_MAX_LIMIT,
  type AuditEntry,
  type AuditFilter,
  type AuditInput,
  type AuditPage,
  type ControlPlaneStore,
  type StoredUser,
  type StoredUserPatch,
  type StoredWorker,
  type StoredWorkerPatch,
  StoreError,
  type UserRole,
} from './types.js';

export type SqlStoreOptions = {
  kind: ControlPlaneStore['kind'];
  dialect: StoreDialect;
  location: string;
  db: Kysely<Tables>;
  close(): Promise<void>;
  /** Turns a driver failure into a StoreError that names the store. */
  describeError(error: unknown): StoreError;
};

/** The audit table's columns are exactly the export's, in the same order. */
const AUDIT_COLUMNS = AUDIT_CSV_COLUMNS;
const WORKER_COLUMNS = [
  'worker_id',
  'name',
  'url',
  'region',
  'labels',
  'timeout_ms',
  'api_key_encrypted',
  'created_by',
  'created_at',
  'updated_at',
] as const;
const USER_COLUMNS = [
  'username',
  'password_hash',
  'role',
  'scope_workers',
  'scope_labels',
  'sessions_not_before',
  'created_at',
  'updated_at',
] as const;

type Row = Record<string, unknown>;

/** The store over Kysely: every query below compiles for PostgreSQL and for SQLite. */
export function createSqlStore(options: SqlStoreOptions): ControlPlaneStore {
  const { db } = options;
  const d = dialectSql(options.dialect);
  let closed = false;

  async function run<T>(operation: () => Promise<T>): Promise<T> {
    if (closed) throw new StoreError('unavailable', `the store at ${options.location} is closed`);
    try {
      return await operation();
    } catch (error) {
      if (StoreError.isInstance(error)) throw error;
      throw options.describeError(error);
    }
  }

  const auditWriter = groupCommit((entries: AuditInput[]) => run(() => insertAudit(db, entries)));

  return {
    kind: options.kind,
    location: options.location,

    audit: {
      append: (entry) => {
        if (closed) return run(() => Promise.reject(new Error('closed')));
        return auditWriter.submit(entry);
      },
      query: (filter = {}) => run(() => queryAudit(db, filter)),
    },

    workers: {
      list: () =>
        run(async () => {
          const rows = await db.selectFrom('workers').select(WORKER_COLUMNS).orderBy('worker_id').execute();
          return rows.map(toStoredWorker);
        }),
      get: (workerId) =>
        run(async () => {
          const row = await db
            .selectFrom('workers')
            .select(WORKER_COLUMNS)
            .where('worker_id', '=', workerId)
            .executeTakeFirst();
          return row === undefined ? null : toStoredWorker(row);
        }),
      insert: (worker) =>
        run(() =>
          db.transaction().execute(async (transaction) => {
            const row = await transaction
              .insertInto('workers')
              .values({
                worker_id: worker.worker_id,
                name: worker.name,
                url: worker.url,
                region: worker.region ?? null,
                labels: jsonOrNull(worker.labels),
                timeout_ms: worker.timeout_ms ?? null,
                api_key_encrypted: worker.api_key_encrypted ?? null,
                created_by: worker.created_by,
              })
              .onConflict((conflict) => conflict.column('worker_id').doNothing())
              .returning(WORKER_COLUMNS)
              .executeTakeFirst();
            if (row === undefined) {
              throw new StoreError('conflict', `a worker with id "${worker.worker_id}" already exists`);
            }
            await bumpRegistryVersion(transaction);
            return toStoredWorker(row);
          }),
        ),
      update: (workerId, patch) =>
        run(() =>
          db.transaction().execute(async (transaction) => {
            const row = await transaction
              .updateTable('workers')
              .set({ ...workerChanges(patch), updated_at: d.now() })
              .where('worker_id', '=', workerId)
              .returning(WORKER_COLUMNS)
              .executeTakeFirst();
            if (row === undefined) return null;
            await bumpRegistryVersion(transaction);
            return toStoredWorker(row);
          }),
        ),
      remove: (workerId) =>
        run(() =>
          db.transaction().execute(async (transaction) => {
            const row = await transaction
              .deleteFrom('workers')
              .where('worker_id', '=', workerId)
              .returning('worker_id')
              .executeTakeFirst();
            if (row === undefined) return false;
            await bumpRegistryVersion(transaction);
            return true;
          }),
        ),
      version: () =>
        run(async () => {
          const row = await db
            .selectFrom('registry_version')
            .select('version')
            .where(sql<boolean>`singleton`)
            .executeTakeFirst();
          return Number(row?.version ?? 0);
        }),
    },

    users: {
      list: () =>
        run(async () => {
          const rows = await db.selectFrom('users').select(USER_COLUMNS).orderBy('username').execute();
          return rows.map(toStoredUser);
        }),
      get: (username) =>
        run(async () => {
          const row = await db
            .selectFrom('users')
            .select(USER_COLUMNS)
            .where('username', '=', username)
            .executeTakeFirst();
          return row === undefined ? null : toStoredUser(row);
        }),
      insert: (user) =>
        run(async () => {
          const row = await db
            .insertInto('users')
            .values({
              username: user.username,
              password_hash: user.password_hash,
              role: user.role,
              scope_workers: jsonOrNull(user.scope_workers),
              scope_labels: jsonOrNull(user.scope_labels),
            })
            .onConflict((conflict) => conflict.column('username').doNothing())
            .returning(USER_COLUMNS)
            .executeTakeFirst();
          if (row === undefined) {
            throw new StoreError('conflict', `a user named "${user.username}" already exists`);
          }
          return toStoredUser(row);
        }),
      update: (username, patch) =>
        run(async () => {
          const row = await db
            .updateTable('users')
            .set({ ...userChanges(patch), updated_at: d.now() })
            .where('username', '=', username)
            .returning(USER_COLUMNS)
            .executeTakeFirst();
          return row === undefined ? null : toStoredUser(row);
        }),
      remove: (username) =>
        run(async () => {
          const row = await db
            .deleteFrom('users')
            .where('username', '=', username)
            .returning('username')
            .executeTakeFirst();
          return row !== undefined;
        }),
    },

    sessions: {
      revoke: (sessionId, expiresAt) =>
        run(() =>
          db.transaction().execute(async (transaction) => {
            await transaction
              .insertInto('revoked_sessions')
              .values({ sid: sessionId, expires_at: toTimestamp(expiresAt, 'expiresAt') })
              .onConflict((conflict) =>
                conflict.column('sid').doUpdateSet({
                  expires_at: d.greatest('revoked_sessions.expires_at', 'excluded.expires_at'),
                }),
              )
              .execute();
            // Revocations outlive nothing: once the session has expired it is refused anyway.
            await transaction.deleteFrom('revoked_sessions').where('expires_at', '<=', d.now()).execute();
          }),
        ),
      isRevoked: (sessionId) =>
        run(async () => {
          const row = await db
            .selectFrom('revoked_sessions')
            .select('sid')
            .where('sid', '=', sessionId)
            .where('expires_at', '>', d.now())
            .executeTakeFirst();
          return row !== undefined;
        }),
      purgeExpired: (now = new Date()) =>
        run(async () => {
          const rows = await db
            .deleteFrom('revoked_sessions')
            .where('expires_at', '<=', toTimestamp(now, 'now'))
            .returning('sid')
            .execute();
          return rows.length;
        }),
    },

    logins: createSqlLoginStore(db, run),

    ping: () =>
      run(async () => {
        await sql`SELECT 1`.execute(db);
      }),

    close: async () => {
      if (closed) return;
      closed = true;
      // Appends already accepted are committed before the database goes away.
      await auditWriter.drain();
      await options.close();
    },
  };
}

async function bumpRegistryVersion(transaction: Transaction<Tables>): Promise<void> {
  await sql`UPDATE registry_version SET version = version + 1 WHERE singleton`.execute(transaction);
}

/**
 * Writes audit entries. Several at once (concurrent requests) share one transaction, so one commit
 * (one fsync) makes all of them durable; each append still resolves only after its commit.
 */
async function insertAudit(db: Kysely<Tables>, entries: AuditInput[]): Promise<AuditEntry[]> {
  if (entries.length === 1) return [await insertAuditRow(db, entries[0] as AuditInput)];
  return db.transaction().execute(async (transaction) => {
    const written: AuditEntry[] = [];
    for (const entry of entries) written.push(await insertAuditRow(transaction, entry));
    return written;
  });
}

async function insertAuditRow(executor: Kysely<Tables>, entry: AuditInput): Promise<AuditEntry> {
  const row = await executor
    .insertInto('audit_log')
    .values({
      actor: entry.actor,
      worker_id: entry.workerId ?? null,
      action: entry.action,
      method: entry.method ?? null,
      path: entry.path ?? null,
      target: entry.target ?? null,
      status: entry.status,
      request_id: entry.requestId,
      correlation_id: entry.correlationId ?? null,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    })
    .returning(AUDIT_COLUMNS)
    .executeTakeFirst();
  if (row === undefined) throw new StoreError('unavailable', 'the database returned no row for an INSERT');
  return toAuditEntry(row);
}

type GroupCommit<Input, Output> = {
  submit(input: Input): Promise<Output>;
  /** Resolves once everything submitted so far is written (or failed). */
  drain(): Promise<void>;
};

/**
 * Group commit: the first submission is written at once; submissions arriving while a write is in
 * flight wait for it and are then written together. Idle, it adds no latency; busy, it turns N
 * commits into one. A failed batch is retried entry by entry so one bad entry fails only itself.
 */
function groupCommit<Input, Output>(
  write: (inputs: Input[]) => Promise<Output[]>,
): GroupCommit<Input, Output> {
  type Pending = { input: Input; resolve(output: Output): void; reject(error: unknown): void };
  let queue: Pending[] = [];
  let flushing: Promise<void> | undefined;

  async function settle(batch: Pending[]): Promise<void> {
    try {
      const outputs = await write(batch.map((pending) => pending.input));
      for (const [index, pending] of batch.entries()) pending.resolve(outputs[index] as Output);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const pending of batch) await settle([pending]);
    }
  }

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      await settle(batch);
    }
    flushing = undefined;
  }

  return {
    submit(input) {
      return new Promise<Output>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        flushing ??= flush();
      });
    },
    async drain() {
      await flushing;
    },
  };
}

async function queryAudit(db: Kysely<Tables>, filter: AuditFilter): Promise<AuditPage> {
  const limit = auditLimit(filter.limit);
  let query = db.selectFrom('audit_log').select(AUDIT_COLUMNS);
  if (filter.workerId !== undefined && filter.workerId !== '') {
    query = query.where('worker_id', '=', filter.workerId);
  }
  if (filter.actor !== undefined && filter.actor !== '') query = query.where('actor', '=', filter.actor);
  if (filter.action !== undefined && filter.action !== '') {
    if (filter.action.endsWith('*')) {
      // A prefix compared with substr, not LIKE: no wildcard escaping, and case-sensitive in SQLite too.
      const prefix = filter.action.slice(0, -1);
      query = query.where(sql<string>`substr(action, 1, ${[...prefix].length})`, '=', prefix);
    } else {
      query = query.where('action', '=', filter.action);
    }
  }
  if (filter.status !== undefined && filter.status !== '') {
    const [low, high] = statusRange(filter.status);
    query = query.where('status', '>=', low).where('status', '<=', high);
  }
  if (filter.since !== undefined && filter.since !== '') {
    query = query.where('at', '>=', toTimestamp(filter.since, 'since'));
  }
  if (filter.until !== undefined && filter.until !== '') {
    query = query.where('at', '<', toTimestamp(filter.until, 'until'));
  }
  if (filter.cursor !== undefined && filter.cursor !== null && filter.cursor !== '') {
    query = query.where('id', '<', decodeAuditCursor(filter.cursor));
  }
  // Ordered by id, the insertion order on the one database every replica shares; wall-clock time can
  // step backwards (clock adjustments, replicas' clocks), so `at` would not give a stable keyset.
  const rows = await query
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const entries = rows.slice(0, limit).map(toAuditEntry);
  const last = entries.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeAuditCursor(last) : null;
  return { entries, nextCursor };
}

type ColumnKind = 'plain' | 'json' | 'timestamp';

/** The columns a patch sets, encoded for the database; `undefined` fields are left out. */
function changes(
  patch: Record<string, unknown>,
  columns: Record<string, ColumnKind>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [column, kind] of Object.entries(columns)) {
    if (!Object.hasOwn(patch, column) || patch[column] === undefined) continue;
    const value = patch[column];
    if (kind === 'json') result[column] = jsonOrNull(value);
    else if (kind === 'timestamp')
      result[column] = value === null ? null : toTimestamp(value as string, column);
    else result[column] = value;
  }
  return result;
}

function workerChanges(patch: StoredWorkerPatch): Record<string, unknown> {
  return changes(patch, {
    name: 'plain',
    url: 'plain',
    region: 'plain',
    labels: 'json',
    timeout_ms: 'plain',
    api_key_encrypted: 'plain',
  });
}

function userChanges(patch: StoredUserPatch): Record<string, unknown> {
  return changes(patch, {
    password_hash: 'plain',
    role: 'plain',
    scope_workers: 'json',
    scope_labels: 'json',
    sessions_not_before: 'timestamp',
  });
}

function auditLimit(limit: number | undefined): number {
  if (limit === undefined) return AUDIT_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new StoreError('invalid', `limit must be a whole number from 1 to ${AUDIT_MAX_LIMIT}`);
  }
  return Math.min(limit, AUDIT_MAX_LIMIT);
}

function statusRange(status: number | string): [number, number] {
  const text = String(status).trim().toLowerCase();
  if (/^[1-5]xx$/.test(text)) {
    const hundred = Number(text[0]) * 100;
    return [hundred, hundred + 99];
  }
  if (/^\d{3}$/.test(text)) return [Number(text), Number(text)];
  throw new StoreError('invalid', 'status must be an HTTP status such as 404 or a class such as 4xx');
}

/** Opaque to clients: base64url of the last entry's id. */
function encodeAuditCursor(entry: Pick<AuditEntry, 'id'>): string {
  return Buffer.from(JSON.stringify({ id: entry.id }), 'utf8').toString('base64url');
}

function decodeAuditCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null) {
      const id = (value as { id?: unknown }).id;
      if (typeof id === 'string' && /^\d{1,18}$/.test(id)) return id;
    }
  } catch {
    // Reported below.
  }
  throw new StoreError('invalid', 'cursor is not valid: pass the next_cursor of a previous page unchanged');
}

function toTimestamp(value: string | Date, name: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new StoreError('invalid', `${name} must be an ISO 8601 date or timestamp`);
  }
  return date.toISOString();
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function isoString(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}

function stringOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function jsonValue(value: unknown): unknown {
  // Both drivers parse jsonb already; a string here is JSON text from a driver configured otherwise.
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value ?? null;
}

function toAuditEntry(row: Row): AuditEntry {
  return {
    id: String(row.id),
    at: isoString(row.at),
    actor: String(row.actor),
    workerId: stringOrNull(row.worker_id),
    action: String(row.action),
    method: stringOrNull(row.method),
    path: stringOrNull(row.path),
    target: stringOrNull(row.target),
    status: Number(row.status),
    requestId: String(row.request_id),
    correlationId: stringOrNull(row.correlation_id),
    detail: jsonValue(row.detail),
  };
}

function toStoredWorker(row: Row): StoredWorker {
  return {
    worker_id: String(row.worker_id),
    name: String(row.name),
    url: String(row.url),
    region: stringOrNull(row.region),
    labels: (jsonValue(row.labels) as Record<string, string> | null) ?? null,
    timeout_ms: row.timeout_ms === null || row.timeout_ms === undefined ? null : Number(row.timeout_ms),
    api_key_encrypted: stringOrNull(row.api_key_encrypted),
    created_by: String(row.created_by),
    created_at: isoString(row.created_at),
    updated_at: isoString(row.updated_at),
  };
}

function toStoredUser(row: Row): StoredUser {
  return {
    username: String(row.username),
    password_hash: String(row.password_hash),
    role: String(row.role) as UserRole,
    scope_workers: (jsonValue(row.scope_workers) as string[] | null) ?? null,
    scope_labels: (jsonValue(row.scope_labels) as Record<string, string> | null) ?? null,
    sessions_not_before:
      row.sessions_not_before === null || row.sessions_not_before === undefined
        ? null
        : isoString(row.sessions_not_before),
    created_at: isoString(row.created_at),
    updated_at: isoString(row.updated_at),
  };
}
