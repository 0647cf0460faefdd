import type { LoginResponse } from './schemas/auth.js';
import { sessionFromUiToken } from './session-token.js';
import type { SessionSource } from './transport.js';

/** A session is renewed this long before its `exp`, so no call goes out with a key about to lapse. */
const RENEW_BEFORE_MS = 60_000;

/**
 * Turns a UI login into bearers: logs in on first use, reuses the session key until shortly before
 * the JWT's `exp`, and logs in again after `invalidate`. Concurrent callers share one login.
 */
export function createUiSessionSource(
  login: (signal?: AbortSignal) => Promise<LoginResponse>,
  now: () => number = Date.now,
): SessionSource {
  let current: { key: string; header: string | undefined; renewAt: number } | undefined;
  let pending: Promise<{ key: string; header: string | undefined }> | undefined;
  return {
    current(signal) {
      if (current !== undefined && now() < current.renewAt) {
        return Promise.resolve({ key: current.key, header: current.header });
      }
      pending ??= login(signal)
        .then((response) => {
          const session = sessionFromUiToken(response.token);
          const header =
            session.authHeaderName === null || session.authHeaderName.toLowerCase() === 'authorization'
              ? undefined
              : session.authHeaderName;
          const renewAt =
            session.expiresAt === null
              ? Number.POSITIVE_INFINITY
              : session.expiresAt.getTime() - RENEW_BEFORE_MS;
          current = { key: session.key, header, renewAt };
          return { key: session.key, header };
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
    invalidate(key) {
      if (current?.key === key) current = undefined;
    },
  };
}
