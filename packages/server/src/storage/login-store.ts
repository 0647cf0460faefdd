import { type Kysely, sql } from 'kysely';
import type { Tables } from './schema.js';
import { isoString } from './sql-values.js';
import type { LoginLockout, LoginThrottleStore } from './types.js';

const LOCKOUT_COLUMNS = ['username', 'address', 'failures', 'locked_at', 'locked_until'] as const;

function toLockout(row: Record<(typeof LOCKOUT_COLUMNS)[number], unknown>): LoginLockout {
  return {
    username: String(row.username),
    address: String(row.address),
    failures: Number(row.failures),
    locked_at: isoString(row.locked_at),
    locked_until: isoString(row.locked_until),
  };
}

/**
 * Sign-in throttling over the store's Kysely database, for PostgreSQL and SQLite alike. Timestamps are
 * bound as ISO 8601 text: PostgreSQL casts them to `timestamptz`, SQLite compares the text, which orders
 * instants correctly because every value has the same Date#toISOString form. Counting a failure is one
 * atomic upsert, so concurrent failures on several replicas count exactly. `run` maps driver failures
 * to StoreErrors.
 */
export function createSqlLoginStore(
  db: Kysely<Tables>,
  run: <T>(operation: () => Promise<T>) => Promise<T>,
): LoginThrottleStore {
  return {
    standing: (username, address, since, now) =>
      run(async () => {
        const failure = await db
          .selectFrom('login_failures')
          .select(['failures', 'last_failure_at'])
          .where('username', '=', username)
          .where('address', '=', address)
          .where('last_failure_at', '>', since.toISOString())
          .executeTakeFirst();
        const lockout = await db
          .selectFrom('login_lockouts')
          .select('locked_until')
          .where('username', '=', username)
          .where('locked_until', '>', now.toISOString())
          .executeTakeFirst();
        return {
          failures: failure === undefined ? 0 : Number(failure.failures),
          last_failure_at: failure === undefined ? null : isoString(failure.last_failure_at),
          locked_until: lockout === undefined ? null : isoString(lockout.locked_until),
        };
      }),
    recordFailure: (username, address, at, since) =>
      run(async () => {
        const row = await db
          .insertInto('login_failures')
          .values({ username, address, failures: 1, last_failure_at: at.toISOString() })
          .onConflict((conflict) =>
            conflict.columns(['username', 'address']).doUpdateSet({
              // A failure after a quiet window starts the count again.
              failures: sql<number>`CASE WHEN login_failures.last_failure_at > ${since.toISOString()}
                THEN login_failures.failures + 1 ELSE 1 END`,
              last_failure_at: (eb) => eb.ref('excluded.last_failure_at'),
            }),
          )
          .returning('failures')
          .executeTakeFirst();
        return Number(row?.failures ?? 1);
      }),
    clearFailures: (username, address) =>
      run(async () => {
        await db
          .deleteFrom('login_failures')
          .where('username', '=', username)
          .where('address', '=', address)
          .execute();
      }),
    lock: (lockout) =>
      run(async () => {
        await db
          .insertInto('login_lockouts')
          .values({
            username: lockout.username,
            address: lockout.address,
            failures: lockout.failures,
            locked_at: new Date(lockout.locked_at).toISOString(),
            locked_until: new Date(lockout.locked_until).toISOString(),
          })
          .onConflict((conflict) =>
            conflict.column('username').doUpdateSet((eb) => ({
              address: eb.ref('excluded.address'),
              failures: eb.ref('excluded.failures'),
              locked_at: eb.ref('excluded.locked_at'),
              locked_until: eb.ref('excluded.locked_until'),
            })),
          )
          .execute();
      }),
    lockouts: (now) =>
      run(async () => {
        const rows = await db
          .selectFrom('login_lockouts')
          .select(LOCKOUT_COLUMNS)
          .where('locked_until', '>', now.toISOString())
          .orderBy('username')
          .execute();
        return rows.map(toLockout);
      }),
    unlock: (username, now) =>
      run(() =>
        db.transaction().execute(async (transaction) => {
          const rows = await transaction
            .deleteFrom('login_lockouts')
            .where('username', '=', username)
            .returning('locked_until')
            .execute();
          await transaction.deleteFrom('login_failures').where('username', '=', username).execute();
          return rows.some((row) => new Date(isoString(row.locked_until)) > now);
        }),
      ),
    purgeExpired: (now, since) =>
      run(() =>
        db.transaction().execute(async (transaction) => {
          const lockouts = await transaction
            .deleteFrom('login_lockouts')
            .where('locked_until', '<=', now.toISOString())
            .returning('username')
            .execute();
          const failures = await transaction
            .deleteFrom('login_failures')
            .where('last_failure_at', '<=', since.toISOString())
            .returning('username')
            .execute();
          return lockouts.length + failures.length;
        }),
      ),
  };
}
