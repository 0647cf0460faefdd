import type { Kysely } from 'kysely';
import type { DialectSql, Tables } from './schema.js';
import { type StoreRun, toTimestamp } from './sql-values.js';
import type { ControlPlaneStore } from './types.js';

/** Revoked sessions over the store's database, kept until the session would have expired anyway. */
export function createSqlSessionStore(
  db: Kysely<Tables>,
  run: StoreRun,
  d: DialectSql,
): ControlPlaneStore['sessions'] {
  return {
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
  };
}
