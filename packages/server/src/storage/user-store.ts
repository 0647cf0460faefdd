import type { Kysely } from 'kysely';
import type { DialectSql, Tables } from './schema.js';
import { changes, jsonOrNull, type Row, readRow, type StoreRun } from './sql-values.js';
import { type ControlPlaneStore, type StoredUser, type StoredUserPatch, StoreError } from './types.js';

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

/** Control-plane users over the store's database. */
export function createSqlUserStore(
  db: Kysely<Tables>,
  run: StoreRun,
  d: DialectSql,
): ControlPlaneStore['users'] {
  return {
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
  };
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

const USER_FIELDS = {
  username: 'text',
  password_hash: 'text',
  role: 'text',
  scope_workers: 'json',
  scope_labels: 'json',
  sessions_not_before: 'timestamp?',
  created_at: 'timestamp',
  updated_at: 'timestamp',
} as const;

function toStoredUser(row: Row): StoredUser {
  return readRow<StoredUser>(row, USER_FIELDS);
}
