import type { SqlExecutor, SqlRow } from './sql.js';
import { isoString } from './sql-store.js';
import type { LoginLockout, LoginThrottleStore } from './types.js';

const LOCKOUT_COLUMNS = 'username, address, failures, locked_at, locked_until';

function toLockout(row: SqlRow): LoginLockout {
  return {
    username: String(row.username),
    address: String(row.address),
    failures: Number(row.failures),
    locked_at: isoString(row.locked_at),
    locked_until: isoString(row.locked_until),
  };
}

/**
 * Sign-in throttling over any SqlExecutor. Every statement is a single atomic one, so concurrent failures
 * on several replicas count exactly. `run` maps driver failures to StoreErrors.
 */
export function createSqlLoginStore(
  executor: SqlExecutor,
  run: <T>(operation: () => Promise<T>) => Promise<T>,
): LoginThrottleStore {
  return {
    standing: (username, address, since, now) =>
      run(async () => {
        const rows = await executor.query(
          `SELECT
             (SELECT failures FROM login_failures
               WHERE username = $1 AND address = $2 AND last_failure_at > $3::timestamptz) AS failures,
             (SELECT last_failure_at FROM login_failures
               WHERE username = $1 AND address = $2 AND last_failure_at > $3::timestamptz) AS last_failure_at,
             (SELECT locked_until FROM login_lockouts
               WHERE username = $1 AND locked_until > $4::timestamptz) AS locked_until`,
          [username, address, since.toISOString(), now.toISOString()],
        );
        const row = rows[0] ?? {};
        return {
          failures: row.failures === null || row.failures === undefined ? 0 : Number(row.failures),
          last_failure_at: row.last_failure_at == null ? null : isoString(row.last_failure_at),
          locked_until: row.locked_until == null ? null : isoString(row.locked_until),
        };
      }),
    recordFailure: (username, address, at, since) =>
      run(async () => {
        const rows = await executor.query(
          `INSERT INTO login_failures (username, address, failures, last_failure_at)
           VALUES ($1, $2, 1, $3::timestamptz)
           ON CONFLICT (username, address) DO UPDATE SET
             failures = CASE WHEN login_failures.last_failure_at > $4::timestamptz
                             THEN login_failures.failures + 1 ELSE 1 END,
             last_failure_at = EXCLUDED.last_failure_at
           RETURNING failures`,
          [username, address, at.toISOString(), since.toISOString()],
        );
        return Number(rows[0]?.failures ?? 1);
      }),
    clearFailures: (username, address) =>
      run(async () => {
        await executor.query('DELETE FROM login_failures WHERE username = $1 AND address = $2', [
          username,
          address,
        ]);
      }),
    lock: (lockout) =>
      run(async () => {
        await executor.query(
          `INSERT INTO login_lockouts (${LOCKOUT_COLUMNS})
           VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz)
           ON CONFLICT (username) DO UPDATE SET address = EXCLUDED.address, failures = EXCLUDED.failures,
             locked_at = EXCLUDED.locked_at, locked_until = EXCLUDED.locked_until`,
          [lockout.username, lockout.address, lockout.failures, lockout.locked_at, lockout.locked_until],
        );
      }),
    lockouts: (now) =>
      run(async () => {
        const rows = await executor.query(
          `SELECT ${LOCKOUT_COLUMNS} FROM login_lockouts WHERE locked_until > $1::timestamptz ORDER BY username`,
          [now.toISOString()],
        );
        return rows.map(toLockout);
      }),
    unlock: (username, now) =>
      run(() =>
        executor.transaction(async (transaction) => {
          const rows = await transaction.query(
            'DELETE FROM login_lockouts WHERE username = $1 RETURNING locked_until',
            [username],
          );
          await transaction.query('DELETE FROM login_failures WHERE username = $1', [username]);
          return rows.some((row) => new Date(isoString(row.locked_until)) > now);
        }),
      ),
    purgeExpired: (now, since) =>
      run(() =>
        executor.transaction(async (transaction) => {
          const lockouts = await transaction.query(
            'DELETE FROM login_lockouts WHERE locked_until <= $1::timestamptz RETURNING username',
            [now.toISOString()],
          );
          const failures = await transaction.query(
            'DELETE FROM login_failures WHERE last_failure_at <= $1::timestamptz RETURNING username',
            [since.toISOString()],
          );
          return lockouts.length + failures.length;
        }),
      ),
  };
}
