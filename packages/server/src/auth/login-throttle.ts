import type { AuditLog } from '../app-context.js';
import { ApiError } from '../errors.js';
import type { LoginStanding, LoginThrottleStore } from '../storage/types.js';

export type LoginThrottleOptions = {
  /** Failed sign-ins of one username from one address that lock the username. @default 10 */
  maxFailures?: number;
  /** How long a failure counts. @default 300_000 (5 minutes) */
  windowMs?: number;
  /** How long a lock-out lasts unless an admin lifts it. @default 900_000 (15 minutes) */
  lockoutMs?: number;
  /**
   * Wait imposed after the third failure of a pair, doubling with each further one up to `maxDelayMs`;
   * the first two failures (typos) cost nothing. 0 turns the delay off. @default 500
   */
  delayMs?: number;
  /** @default 30_000 */
  maxDelayMs?: number;
};

/** Failures that are free of any delay: a typo or two should never make a person wait. */
const FREE_FAILURES = 2;

/**
 * Sign-in throttling that tells users from attackers: only failures count, per username and address, so
 * a crowd behind one proxy signing in correctly is never slowed; a pair that keeps failing waits longer
 * and longer, and its tenth failure locks the username on every replica (the store is shared).
 */
export type LoginThrottle = {
  /**
   * Runs `verify` (the password check) unless the username is locked (`login_locked`) or the pair must
   * still wait (`rate_limited`, with Retry-After), and records its outcome: null counts as a failure and
   * may lock the username, a success forgets the pair's failures. Attempts of one pair take turns, so a
   * concurrent burst of wrong passwords cannot check more than the limit, while a burst of right ones
   * merely queues and all succeed.
   */
  attempt<T>(
    username: string,
    address: string,
    requestId: string,
    verify: () => Promise<T | null>,
  ): Promise<T | null>;
  /** Deletes ended lock-outs and expired failures. */
  purge(): Promise<number>;
};

export function createLoginThrottle(dependencies: {
  store: LoginThrottleStore;
  audit: AuditLog;
  now: () => number;
  options?: LoginThrottleOptions;
}): LoginThrottle {
  const { store, audit, now } = dependencies;
  const maxFailures = dependencies.options?.maxFailures ?? 10;
  const windowMs = dependencies.options?.windowMs ?? 300_000;
  const lockoutMs = dependencies.options?.lockoutMs ?? 900_000;
  const delayMs = dependencies.options?.delayMs ?? 500;
  const maxDelayMs = dependencies.options?.maxDelayMs ?? 30_000;

  const delayAfter = (failures: number) =>
    failures <= FREE_FAILURES ? 0 : Math.min(delayMs * 2 ** (failures - FREE_FAILURES - 1), maxDelayMs);
  const seconds = (milliseconds: number) => Math.max(1, Math.ceil(milliseconds / 1000));

  async function check(username: string, address: string): Promise<LoginStanding> {
    const at = now();
    const standing = await store.standing(username, address, new Date(at - windowMs), new Date(at));
    if (standing.locked_until !== null) {
      const wait = seconds(Date.parse(standing.locked_until) - at);
      throw new ApiError(
        'login_locked',
        `Sign-in for this username is locked after repeated failures; retry in ${wait} s or ask an admin to lift the lock`,
        { headers: { 'Retry-After': String(wait) } },
      );
    }
    if (standing.last_failure_at !== null) {
      const remaining = Date.parse(standing.last_failure_at) + delayAfter(standing.failures) - at;
      if (remaining > 0) {
        const wait = seconds(remaining);
        throw new ApiError(
          'rate_limited',
          `Too many failed sign-ins for this username from this address; retry in ${wait} s`,
          { headers: { 'Retry-After': String(wait) } },
        );
      }
    }
    return standing;
  }

  async function recordFailure(username: string, address: string, requestId: string): Promise<void> {
    const at = now();
    const failures = await store.recordFailure(username, address, new Date(at), new Date(at - windowMs));
    if (failures < maxFailures) return;
    const lockout = {
      username,
      address,
      failures,
      locked_at: new Date(at).toISOString(),
      locked_until: new Date(at + lockoutMs).toISOString(),
    };
    await store.lock(lockout);
    await audit.record({
      actor: 'system',
      workerId: null,
      action: 'login_lock',
      target: username,
      status: 429,
      requestId,
      detail: { address, failures, locked_until: lockout.locked_until },
    });
  }

  // The tail of each pair's queue of attempts; an entry lives only while attempts of its pair run.
  const lanes = new Map<string, Promise<unknown>>();

  return {
    attempt(username, address, requestId, verify) {
      const lane = JSON.stringify([username, address]);
      const run = async () => {
        const standing = await check(username, address);
        const outcome = await verify();
        if (outcome === null) await recordFailure(username, address, requestId);
        else if (standing.failures > 0) await store.clearFailures(username, address);
        return outcome;
      };
      const result = (lanes.get(lane) ?? Promise.resolve()).then(run, run);
      const tail = result.catch(() => undefined);
      lanes.set(lane, tail);
      void tail.then(() => {
        if (lanes.get(lane) === tail) lanes.delete(lane);
      });
      return result;
    },
    purge() {
      const at = now();
      return store.purgeExpired(new Date(at), new Date(at - windowMs));
    },
  };
}
