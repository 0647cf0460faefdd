import type { Kysely } from 'kysely';
import type { DialectSql, Tables } from './schema.js';
import { changes, isoString, jsonOrNull, jsonValue, type Row, type StoreRun } from './sql-values.js';
import {
  type ControlPlaneStore,
  type StoredUser,
  type StoredUserPatch,
  StoreError,
  type UserRole,
} from './types.js';

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
