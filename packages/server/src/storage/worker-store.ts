import { type Kysely, sql, type Transaction } from 'kysely';
import type { DialectSql, Tables } from './schema.js';
import { changes, jsonOrNull, type Row, readRow, type StoreRun } from './sql-values.js';
import { type ControlPlaneStore, type StoredWorker, type StoredWorkerPatch, StoreError } from './types.js';

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

/**
 * Runtime workers over the store's database. Every change bumps the registry version in the same
 * transaction, so a replica polling the version never misses one.
 */
export function createSqlWorkerStore(
  db: Kysely<Tables>,
  run: StoreRun,
  d: DialectSql,
): ControlPlaneStore['workers'] {
  return {
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
  };
}

async function bumpRegistryVersion(transaction: Transaction<Tables>): Promise<void> {
  await sql`UPDATE registry_version SET version = version + 1 WHERE singleton`.execute(transaction);
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

const WORKER_FIELDS = {
  worker_id: 'text',
  name: 'text',
  url: 'text',
  region: 'text?',
  labels: 'json',
  timeout_ms: 'number?',
  api_key_encrypted: 'text?',
  created_by: 'text',
  created_at: 'timestamp',
  updated_at: 'timestamp',
} as const;

function toStoredWorker(row: Row): StoredWorker {
  return readRow<StoredWorker>(row, WORKER_FIELDS);
}
