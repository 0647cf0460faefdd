/** Fixed-window counter of failed attempts per client, kept inside one app instance. */
export type AttemptLimiter = {
  /** Seconds to wait when the client is over the limit, otherwise 0. */
  retryAfterSeconds(client: string): number;
  recordFailure(client: string): void;
  /** Takes back one recorded failure (an attempt counted up front that turned out to succeed). */
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
  const windows = new Map<string, { startedAt: number; failures: number }>();

  const current = (client: string) => {
    const window = windows.get(client);
    if (window && options.now() - window.startedAt >= windowMs) {
      windows.delete(client);
      return undefined;
    }
    return window;
  };

  const prune = () => {
    const now = options.now();
    for (const [client, window] of windows) {
      if (now - window.startedAt >= windowMs) windows.delete(client);
    }
    // Still full: drop the oldest entries (Map keeps insertion order).
    for (const client of windows.keys()) {
      if (windows.size < maxClients) break;
      windows.delete(client);
    }
  };

  return {
    retryAfterSeconds(client) {
      const window = current(client);
      if (!window || window.failures < maxAttempts) return 0;
      return Math.max(1, Math.ceil((window.startedAt + windowMs - options.now()) / 1000));
    },
    recordFailure(client) {
      const window = current(client);
      if (window) {
        window.failures += 1;
        return;
      }
      if (windows.size >= maxClients) prune();
      windows.set(client, { startedAt: options.now(), failures: 1 });
    },
    forgive(client) {
      const window = current(client);
      if (window) window.failures = Math.max(0, window.failures - 1);
    },
    reset(client) {
      windows.delete(client);
    },
  };
}
