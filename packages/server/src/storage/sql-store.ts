import { createSqlLoginStore } from './login-store.js';
import type { SqlExecutor, SqlRow } from './sql.js';
import {
  AUDIT_DEFAULT_LIMIT,
  AUDIT_MAX_LIMIT,
  type AuditEntry,
  type AuditFilter,
  type AuditInput,
  type AuditPage,
  type ControlPlaneStore,
  type NewStoredUser,
  type NewStoredWorker,
  type StoredUser,
  type StoredUserPatch,
  type StoredWorker,
  type StoredWorkerPatch,
  StoreError,
  type UserRole,
} from './types.js';

export type SqlStoreOptions = {
  kind: ControlPlaneStore['kind'];
  location: string;
  executor: SqlExecutor;
  close(): Promise<void>;
  /** Turns a driver failure into a StoreError that names the store. */
  describeError(error: unknown): StoreError;
};

const AUDIT_COLUMNS =
  'id::text AS id, at, actor, worker_id, action, method, path, target, status, request_id, correlation_id, detail';
const WORKER_COLUMNS =
  'worker_id, name, url, region, labels, timeout_ms, api_key_encrypted, created_by, created_at, updated_at';
const USER_COLUMNS =
  'username, password_hash, role, scope_workers, scope_labels, sessions_not_before, created_at, updated_at';
const NOW = "date_trunc('milliseconds', clock_timestamp())";

/** The store over any SqlExecutor: every statement below runs unchanged on PostgreSQL and PGlite. */
export function createSqlStore(options: SqlStoreOptions): ControlPlaneStore {
  const { executor } = options;
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

  async function bumpRegistryVersion(transaction: SqlExecutor): Promise<void> {
    await transaction.query('UPDATE registry_version SET version = version + 1 WHERE singleton');
  }

  return {
    kind: options.kind,
    location: options.location,

    audit: {
      append: (entry) =>
        run(async () => {
          const rows = await executor.query(
            `INSERT INTO audit_log (actor, worker_id, action, method, path, target, status, request_id, correlation_id, detail)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
             RETURNING ${AUDIT_COLUMNS}`,
            auditParameters(entry),
          );
          return toAuditEntry(firstRow(rows));
        }),
      query: (filter = {}) => run(() => queryAudit(executor, filter)),
    },

    workers: {
      list: () =>
        run(async () => {
          const rows = await executor.query(`SELECT ${WORKER_COLUMNS} FROM workers ORDER BY worker_id`);
          return rows.map(toStoredWorker);
        }),
      get: (workerId) =>
        run(async () => {
          const rows = await executor.query(`SELECT ${WORKER_COLUMNS} FROM workers WHERE worker_id = $1`, [
            workerId,
          ]);
          return rows[0] === undefined ? null : toStoredWorker(rows[0]);
        }),
      insert: (worker) =>
        run(() =>
          executor.transaction(async (transaction) => {
            const rows = await transaction.query(
              `INSERT INTO workers (worker_id, name, url, region, labels, timeout_ms, api_key_encrypted, created_by)
               VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)
               ON CONFLICT (worker_id) DO NOTHING
               RETURNING ${WORKER_COLUMNS}`,
              workerInsertParameters(worker),
            );
            if (rows[0] === undefined) {
              throw new StoreError('conflict', `a worker with id "${worker.worker_id}" already exists`);
            }
            await bumpRegistryVersion(transaction);
            return toStoredWorker(rows[0]);
          }),
        ),
      update: (workerId, patch) =>
        run(() =>
          executor.transaction(async (transaction) => {
            const { assignments, parameters } = workerAssignments(patch);
            const rows = await transaction.query(
              `UPDATE workers SET ${[...assignments, `updated_at = ${NOW}`].join(', ')}
               WHERE worker_id = $${parameters.length + 1}
               RETURNING ${WORKER_COLUMNS}`,
              [...parameters, workerId],
            );
            if (rows[0] === undefined) return null;
            await bumpRegistryVersion(transaction);
            return toStoredWorker(rows[0]);
          }),
        ),
      remove: (workerId) =>
        run(() =>
          executor.transaction(async (transaction) => {
            const rows = await transaction.query(
              'DELETE FROM workers WHERE worker_id = $1 RETURNING worker_id',
              [workerId],
            );
            if (rows.length === 0) return false;
            await bumpRegistryVersion(transaction);
            return true;
          }),
        ),
      version: () =>
        run(async () => {
          const rows = await executor.query(
            'SELECT version::text AS version FROM registry_version WHERE singleton',
          );
          return Number(rows[0]?.version ?? 0);
        }),
    },

    users: {
      list: () =>
        run(async () => {
          const rows = await executor.query(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`);
          return rows.map(toStoredUser);
        }),
      get: (username) =>
        run(async () => {
          const rows = await executor.query(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [
            username,
          ]);
          return rows[0] === undefined ? null : toStoredUser(rows[0]);
        }),
      insert: (user) =>
        run(async () => {
          const rows = await executor.query(
            `INSERT INTO users (username, password_hash, role, scope_workers, scope_labels)
             VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)
             ON CONFLICT (username) DO NOTHING
             RETURNING ${USER_COLUMNS}`,
            userInsertParameters(user),
          );
          if (rows[0] === undefined) {
            throw new StoreError('conflict', `a user named "${user.username}" already exists`);
          }
          return toStoredUser(rows[0]);
        }),
      update: (username, patch) =>
        run(async () => {
          const { assignments, parameters } = userAssignments(patch);
          const rows = await executor.query(
            `UPDATE users SET ${[...assignments, `updated_at = ${NOW}`].join(', ')}
             WHERE username = $${parameters.length + 1}
             RETURNING ${USER_COLUMNS}`,
            [...parameters, username],
          );
          return rows[0] === undefined ? null : toStoredUser(rows[0]);
        }),
      remove: (username) =>
        run(async () => {
          const rows = await executor.query('DELETE FROM users WHERE username = $1 RETURNING username', [
            username,
          ]);
          return rows.length > 0;
        }),
    },

    sessions: {
      revoke: (sessionId, expiresAt) =>
        run(() =>
          executor.transaction(async (transaction) => {
            await transaction.query(
              `INSERT INTO revoked_sessions (sid, expires_at) VALUES ($1, $2::timestamptz)
               ON CONFLICT (sid) DO UPDATE SET expires_at = GREATEST(revoked_sessions.expires_at, EXCLUDED.expires_at)`,
              [sessionId, toTimestamp(expiresAt, 'expiresAt')],
            );
            // Revocations outlive nothing: once the session has expired it is refused anyway.
            await transaction.query('DELETE FROM revoked_sessions WHERE expires_at <= now()');
          }),
        ),
      isRevoked: (sessionId) =>
        run(async () => {
          const rows = await executor.query(
            'SELECT 1 AS revoked FROM revoked_sessions WHERE sid = $1 AND expires_at > now()',
            [sessionId],
          );
          return rows.length > 0;
        }),
      purgeExpired: (now = new Date()) =>
        run(async () => {
          const rows = await executor.query(
            'DELETE FROM revoked_sessions WHERE expires_at <= $1::timestamptz RETURNING sid',
            [toTimestamp(now, 'now')],
          );
          return rows.length;
        }),
    },

    logins: createSqlLoginStore(executor, run),

    ping: () =>
      run(async () => {
        await executor.query('SELECT 1 AS ok');
      }),

    close: async () => {
      if (closed) return;
      closed = true;
      await options.close();
    },
  };
}

async function queryAudit(executor: SqlExecutor, filter: AuditFilter): Promise<AuditPage> {
  const limit = auditLimit(filter.limit);
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const parameter = (value: unknown): string => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  if (filter.workerId !== undefined && filter.workerId !== '') {
    conditions.push(`worker_id = ${parameter(filter.workerId)}`);
  }
  if (filter.actor !== undefined && filter.actor !== '')
    conditions.push(`actor = ${parameter(filter.actor)}`);
  if (filter.action !== undefined && filter.action !== '') {
    if (filter.action.endsWith('*')) {
      const prefix = filter.action.slice(0, -1).replace(/[\\%_]/g, (character) => `\\${character}`);
      conditions.push(`action LIKE ${parameter(`${prefix}%`)}`);
    } else {
      conditions.push(`action = ${parameter(filter.action)}`);
    }
  }
  if (filter.status !== undefined && filter.status !== '') {
    const [low, high] = statusRange(filter.status);
    conditions.push(`status BETWEEN ${parameter(low)} AND ${parameter(high)}`);
  }
  if (filter.since !== undefined && filter.since !== '') {
    conditions.push(`at >= ${parameter(toTimestamp(filter.since, 'since'))}::timestamptz`);
  }
  if (filter.until !== undefined && filter.until !== '') {
    conditions.push(`at < ${parameter(toTimestamp(filter.until, 'until'))}::timestamptz`);
  }
  if (filter.cursor !== undefined && filter.cursor !== null && filter.cursor !== '') {
    conditions.push(`id < ${parameter(decodeAuditCursor(filter.cursor))}::bigint`);
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  // Qualified: the bare name would sort by the text alias of the select list.
  // Ordered by id, the insertion order on the one database every replica shares; wall-clock time can
  // step backwards (clock adjustments, replicas' clocks), so `at` would not give a stable keyset.
  const rows = await executor.query(
    `SELECT ${AUDIT_COLUMNS} FROM audit_log ${where} ORDER BY audit_log.id DESC LIMIT ${parameter(limit + 1)}`,
    parameters,
  );
  const entries = rows.slice(0, limit).map(toAuditEntry);
  const last = entries.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeAuditCursor(last) : null;
  return { entries, nextCursor };
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
export function encodeAuditCursor(entry: Pick<AuditEntry, 'id'>): string {
  return Buffer.from(JSON.stringify({ id: entry.id }), 'utf8').toString('base64url');
}

export function decodeAuditCursor(cursor: string): string {
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

export function toTimestamp(value: string | Date, name: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new StoreError('invalid', `${name} must be an ISO 8601 date or timestamp`);
  }
  return date.toISOString();
}

function auditParameters(entry: AuditInput): unknown[] {
  return [
    entry.actor,
    entry.workerId ?? null,
    entry.action,
    entry.method ?? null,
    entry.path ?? null,
    entry.target ?? null,
    entry.status,
    entry.requestId,
    entry.correlationId ?? null,
    entry.detail === undefined ? null : JSON.stringify(entry.detail),
  ];
}

function workerInsertParameters(worker: NewStoredWorker): unknown[] {
  return [
    worker.worker_id,
    worker.name,
    worker.url,
    worker.region ?? null,
    jsonOrNull(worker.labels),
    worker.timeout_ms ?? null,
    worker.api_key_encrypted ?? null,
    worker.created_by,
  ];
}

function userInsertParameters(user: NewStoredUser): unknown[] {
  return [
    user.username,
    user.password_hash,
    user.role,
    jsonOrNull(user.scope_workers),
    jsonOrNull(user.scope_labels),
  ];
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

type Assignments = { assignments: string[]; parameters: unknown[] };

type ColumnType = 'plain' | 'json' | 'timestamp';

function assignments(patch: Record<string, unknown>, columns: Record<string, ColumnType>): Assignments {
  const result: Assignments = { assignments: [], parameters: [] };
  for (const [column, type] of Object.entries(columns)) {
    if (!Object.hasOwn(patch, column) || patch[column] === undefined) continue;
    const value = patch[column];
    if (type === 'json') result.parameters.push(jsonOrNull(value));
    else if (type === 'timestamp')
      result.parameters.push(value === null ? null : toTimestamp(value as string, column));
    else result.parameters.push(value);
    const cast = type === 'json' ? '::jsonb' : type === 'timestamp' ? '::timestamptz' : '';
    result.assignments.push(`${column} = $${result.parameters.length}${cast}`);
  }
  return result;
}

function workerAssignments(patch: StoredWorkerPatch): Assignments {
  return assignments(patch, {
    name: 'plain',
    url: 'plain',
    region: 'plain',
    labels: 'json',
    timeout_ms: 'plain',
    api_key_encrypted: 'plain',
  });
}

function userAssignments(patch: StoredUserPatch): Assignments {
  return assignments(patch, {
    password_hash: 'plain',
    role: 'plain',
    scope_workers: 'json',
    scope_labels: 'json',
    sessions_not_before: 'timestamp',
  });
}

function firstRow(rows: SqlRow[]): SqlRow {
  const row = rows[0];
  if (row === undefined) throw new StoreError('unavailable', 'the database returned no row for an INSERT');
  return row;
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

function toAuditEntry(row: SqlRow): AuditEntry {
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

function toStoredWorker(row: SqlRow): StoredWorker {
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

function toStoredUser(row: SqlRow): StoredUser {
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
