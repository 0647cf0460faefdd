import { type Kysely, sql } from 'kysely';
import { AUDIT_CSV_COLUMNS } from './audit-export.js';
import type { Tables } from './schema.js';
import { type Row, readRow, type StoreRun, toTimestamp } from './sql-values.js';
import {
  AUDIT_DEFAULT_LIMIT,
  AUDIT_MAX_LIMIT,
  type AuditEntry,
  type AuditFilter,
  type AuditInput,
  type AuditPage,
  type ControlPlaneStore,
  StoreError,
} from './types.js';

/** The audit table's columns are exactly the export's, in the same order. */
const AUDIT_COLUMNS = AUDIT_CSV_COLUMNS;

/**
 * The audit log over the store's database. Appends are group-committed; `drain` resolves once every
 * append accepted so far is committed, so closing the store loses none.
 */
export function createSqlAuditStore(
  db: Kysely<Tables>,
  run: StoreRun,
): { audit: ControlPlaneStore['audit']; drain(): Promise<void> } {
  const writer = groupCommit((entries: AuditInput[]) => run(() => insertAudit(db, entries)));
  return {
    audit: {
      append: (entry) => writer.submit(entry),
      query: (filter = {}) => run(() => queryAudit(db, filter)),
    },
    drain: () => writer.drain(),
  };
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

const AUDIT_FIELDS = {
  id: 'text',
  at: 'timestamp',
  actor: 'text',
  workerId: ['worker_id', 'text?'],
  action: 'text',
  method: 'text?',
  path: 'text?',
  target: 'text?',
  status: 'number',
  requestId: ['request_id', 'text'],
  correlationId: ['correlation_id', 'text?'],
  detail: 'json',
} as const;

function toAuditEntry(row: Row): AuditEntry {
  return readRow<AuditEntry>(row, AUDIT_FIELDS);
}
