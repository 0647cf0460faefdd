/**
 * Sliding-window counter of failed attempts per client, kept inside one app instance. A sliding window
 * (rather than fixed windows) means a burst straddling a window boundary still counts as one burst.
 */
export type AttemptLimiter = {
  /** Seconds to wait when the client is over the limit, otherwise 0. */
  retryAfterSeconds(client: string): number;
  recordFailure(client: string): void;
  /** Takes back the latest recorded failure (an attempt counted up front that turned out to succeed). */
  forgive(client: string): void;
  reset(client: string): void;
};

export type AttemptLimiterOptions = {
  /** @default 10 */
  maxAttempts?: number;
  /** @default 300_000 (5 minutes) */
  windowMs?: number;
  now: () => number;
  /** Bound on tracked clients so a flood of addresses cannot grow memory without limit. @default 10_000 */
  maxClients?: number;
};

export function createAttemptLimiter(options: AttemptLimiterOptions): AttemptLimiter {
  const maxAttempts = options.maxAttempts ?? 10;
  const windowMs = options.windowMs ?? 300_000;
  const maxClients = options.maxClients ?? 10_000;
  // Failure times per client, oldest first; at most maxAttempts are kept.
  const failures = new Map<string, number[]>();

  const recent = (client: string): number[] | undefined => {
    const times = failures.get(client);
    if (times === undefined) return undefined;
    const cutoff = options.now() - windowMs;
    while (times.length > 0 && (times[0] ?? 0) <= cutoff) times.shift();
    if (times.length === 0) {
      failures.delete(client);
      return undefined;
    }
    return times;
  };

  const prune = () => {
    for (const client of [...failures.keys()]) recent(client);
    // Still full: drop the clients tracked longest (Map keeps insertion order).
    for (const client of failures.keys()) {
      if (failures.size < maxClients) break;
      failures.delete(client);
    }
  };

  return {
    retryAfterSeconds(client) {
      const times = recent(client);
      if (times === undefined || times.length < maxAttempts) return 0;
      const oldest = times[times.length - maxAttempts] ?? options.now();
      return Math.max(1, Math.ceil((oldest + windowMs - options.now()) / 1000));
    },
    recordFailure(client) {
      let times = recent(client);
      if (times === undefined) {
        if (failures.size >= maxClients) prune();
        times = [];
        failures.set(client, times);
      }
      times.push(options.now());
      if (times.length > maxAttempts) times.splice(0, times.length - maxAttempts);
    },
    forgive(client) {
      const times = recent(client);
      times?.pop();
      if (times !== undefined && times.length === 0) failures.delete(client);
    },
    reset(client) {
      failures.delete(client);
    },
  };
}
