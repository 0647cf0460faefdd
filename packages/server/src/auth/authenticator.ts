import { randomUUID } from 'node:crypto';
import type { ControlPlaneConfig } from '@llm-control-plane/core';
import type { ControlPlaneStore } from '../storage/types.js';
import { verifyPassword } from '../users/passwords.js';
import type { Principal, Scope } from './principal.js';
import { type CachedPrincipal, createSessionCache } from './session-cache.js';
import {
  deriveSessionKey,
  looksLikeSessionToken,
  type SessionClaims,
  secretsEqual,
  signSession,
  verifySession,
} from './tokens.js';

/** Default session lifetime: 12 hours. */
const DEFAULT_SESSION_TTL_SECONDS = 43_200;

/**
 * A well-formed hash at the default cost (SCRYPT_PARAMETERS) that no password matches in practice; verified
 * against for unknown usernames.
 */
const UNKNOWN_USER_HASH =
  'scrypt$32768$8$3$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * True when a session predates the user's `sessions_not_before` (set when the password changes). The
 * millisecond issue time is compared when the token carries it, so that a login in the same second as
 * the change stays valid while the sessions from before it end.
 */
function issuedBefore(claims: SessionClaims, notBefore: string | null | undefined): boolean {
  if (notBefore === null || notBefore === undefined) return false;
  const limit = Date.parse(notBefore);
  return Number.isFinite(limit) && (claims.iat_ms ?? claims.iat * 1000) < limit;
}

export type AuthSettings = {
  masterKey: string;
  adminUsername: string;
  /** The configured UI password, or the master key when none is set (as in LiteLLM). */
  adminPassword: string;
  sessionTtlSeconds: number;
};

/** Reads the auth settings; the UI_* environment variables win over the config, as in LiteLLM. */
export function resolveAuthSettings(
  config: ControlPlaneConfig,
  env: Record<string, string | undefined>,
): AuthSettings | { problem: string } {
  const settings = config.general_settings ?? {};
  const masterKey = settings.master_key ?? env.LITELLM_MASTER_KEY;
  if (masterKey === undefined || masterKey === '') {
    return {
      problem:
        'general_settings.master_key is not set. The control plane needs it to authenticate admins and sign ' +
        'sessions: add `master_key: os.environ/LITELLM_MASTER_KEY` under general_settings, or set LITELLM_MASTER_KEY.',
    };
  }
  const nonEmpty = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  return {
    masterKey,
    adminUsername: nonEmpty(env.UI_USERNAME) ?? settings.ui_username ?? 'admin',
    adminPassword: nonEmpty(env.UI_PASSWORD) ?? settings.ui_password ?? masterKey,
    sessionTtlSeconds: settings.session_ttl_seconds ?? DEFAULT_SESSION_TTL_SECONDS,
  };
}

type IssuedSession = { token: string; claims: SessionClaims; expiresIn: number };

export type Authenticator = {
  /** Resolves the principal of a bearer credential or session cookie value; null when invalid. */
  principalFor(credential: string, via: Principal['via']): Promise<Principal | null>;
  /** Checks login credentials; null when they are wrong. */
  login(username: string, password: string): Promise<IssuedSession | null>;
  /** Issues a session for a user the identity provider vouched for, with the mapped role and scope. */
  issueSso(subject: string, role: Principal['role'], scope: Scope): IssuedSession;
  /** Revokes a session until it would have expired anyway. */
  logout(principal: Principal): Promise<void>;
  /** Forgets the cached sessions of a stored user whose password, role or scope changed, or who was deleted. */
  forgetUser(username: string): void;
  readonly settings: AuthSettings;
};

export function createAuthenticator(options: {
  settings: AuthSettings;
  store: ControlPlaneStore;
  now: () => number;
  /**
   * How long a verified session is reused without checking it again (signature, revocation, the user's
   * record). Changes through this process apply at once; another replica's within this time. @default 0
   */
  sessionCacheMs?: number;
}): Authenticator {
  const { settings, store, now } = options;
  const key = deriveSessionKey(settings.masterKey);
  const cache = createSessionCache({ ttlMs: options.sessionCacheMs ?? 0, now });

  const scopeOf = (workers: string[] | null, labels: Record<string, string> | null): Scope => {
    if ((workers === null || workers.length === 0) && (labels === null || Object.keys(labels).length === 0)) {
      return null;
    }
    const scope: NonNullable<Scope> = {};
    if (workers !== null && workers.length > 0) scope.workers = workers;
    if (labels !== null && Object.keys(labels).length > 0) scope.labels = labels;
    return scope;
  };

  const issue = (claims: Omit<SessionClaims, 'sid' | 'iat' | 'iat_ms' | 'exp'>): IssuedSession => {
    const issuedAtMs = now();
    const issuedAt = Math.floor(issuedAtMs / 1000);
    const full: SessionClaims = {
      ...claims,
      sid: randomUUID(),
      iat: issuedAt,
      iat_ms: Math.floor(issuedAtMs),
      exp: issuedAt + settings.sessionTtlSeconds,
    };
    return { token: signSession(full, key), claims: full, expiresIn: settings.sessionTtlSeconds };
  };

  return {
    settings,
    async principalFor(credential, via) {
      if (looksLikeSessionToken(credential)) {
        const cached = cache.get(credential);
        if (cached !== undefined) return { ...cached, via };
        const generation = cache.generation();
        const principal = await verifiedSession(credential);
        if (principal === null) return null;
        cache.set(credential, principal, generation);
        return { ...principal, via };
      }
      if (secretsEqual(credential, settings.masterKey)) {
        return { subject: settings.adminUsername, role: 'admin', scope: null, tokenKind: 'master_key', via };
      }
      return null;
    },
    async login(username, password) {
      const usernameMatches = secretsEqual(username, settings.adminUsername);
      const passwordMatches = secretsEqual(password, settings.adminPassword);
      if (usernameMatches && passwordMatches) {
        return issue({ sub: settings.adminUsername, role: 'admin', scope: null, kind: 'admin' });
      }
      if (usernameMatches) return null;
      const user = await store.users.get(username);
      if (user === null) {
        // The same scrypt work as for a real user, so the response time does not reveal which names exist.
        await verifyPassword(password, UNKNOWN_USER_HASH);
        return null;
      }
      if (!(await verifyPassword(password, user.password_hash))) return null;
      return issue({
        sub: user.username,
        role: user.role,
        scope: scopeOf(user.scope_workers, user.scope_labels),
        kind: 'user',
      });
    },
    issueSso(subject, role, scope) {
      return issue({ sub: subject, role, scope, kind: 'sso' });
    },
    async logout(principal) {
      if (principal.tokenKind !== 'session' || principal.sessionId === undefined) return;
      const expiresAt = new Date(principal.expiresAt ?? now() + settings.sessionTtlSeconds * 1000);
      await store.sessions.revoke(principal.sessionId, expiresAt);
      cache.forgetSession(principal.sessionId);
    },
    forgetUser(username) {
      cache.forgetSubject(username);
    },
  };

  async function verifiedSession(token: string): Promise<CachedPrincipal | null> {
    const claims = verifySession(token, key, Math.floor(now() / 1000));
    if (claims === null) return null;
    if (await store.sessions.isRevoked(claims.sid)) return null;
    const base = { tokenKind: 'session' as const, sessionId: claims.sid, expiresAt: claims.exp * 1000 };
    if (claims.kind === 'admin') {
      return { subject: claims.sub, role: 'admin', scope: null, ...base };
    }
    if (claims.kind === 'sso') {
      return { subject: claims.sub, role: claims.role, scope: claims.scope, ...base };
    }
    // Stored users are re-read so that a removed user or a changed role takes effect at once.
    const user = await store.users.get(claims.sub);
    if (user === null) return null;
    if (issuedBefore(claims, user.sessions_not_before)) return null;
    return {
      subject: user.username,
      role: user.role,
      scope: scopeOf(user.scope_workers, user.scope_labels),
      ...base,
    };
  }
}
