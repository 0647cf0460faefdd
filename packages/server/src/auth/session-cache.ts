import type { Principal } from './principal.js';

/** A verified session's principal, without how this request carried the token. */
export type CachedPrincipal = Omit<Principal, 'via'>;

export type SessionCache = {
  get(token: string): CachedPrincipal | undefined;
  /** Increases with every `forget*`: take it before verifying a session, pass it to `set`. */
  generation(): number;
  /** Keeps a principal verified since `generation`; ignored when something was forgotten meanwhile. */
  set(token: string, principal: CachedPrincipal, generation: number): void;
  /** Drops every entry of one session (logout). */
  forgetSession(sessionId: string): void;
  /** Drops every entry of one subject (password, role or scope changed; user deleted). */
  forgetSubject(subject: string): void;
};

/** Enough for every session a busy control plane sees within a few seconds. */
const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Verified sessions, kept for `ttlMs` so that a burst of requests with one token checks the signature and
 * reads the store once. Changes made through this process invalidate at once (the authenticator and the
 * user routes call `forget*`); a change made by another replica applies within `ttlMs`. With `ttlMs` 0
 * nothing is kept.
 */
export function createSessionCache(options: {
  ttlMs: number;
  now: () => number;
  maxEntries?: number;
}): SessionCache {
  const { ttlMs, now } = options;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const entries = new Map<string, { principal: CachedPrincipal; until: number }>();
  let generation = 0;

  const forgetWhere = (matches: (principal: CachedPrincipal) => boolean): void => {
    // A verification still in flight read the state from before this change: it must not be cached.
    generation += 1;
    for (const [token, entry] of entries) if (matches(entry.principal)) entries.delete(token);
  };

  return {
    get(token) {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      if (entry.until <= now()) {
        entries.delete(token);
        return undefined;
      }
      return entry.principal;
    },
    generation: () => generation,
    set(token, principal, verifiedAt) {
      if (ttlMs <= 0 || verifiedAt !== generation) return;
      if (entries.size >= maxEntries) {
        // Map order is insertion order: the oldest entry goes first.
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      const until = Math.min(now() + ttlMs, principal.expiresAt ?? Number.POSITIVE_INFINITY);
      entries.set(token, { principal, until });
    },
    forgetSession(sessionId) {
      forgetWhere((principal) => principal.sessionId === sessionId);
    },
    forgetSubject(subject) {
      forgetWhere((principal) => principal.subject === subject);
    },
  };
}
