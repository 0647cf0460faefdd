/** Roles of control-plane users, from most to least powerful. */
export const ROLES = ['admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Limits a principal to some workers: a worker is in scope when its id is listed or when it carries every
 * listed label. `null` means every worker.
 */
export type Scope = { workers?: string[]; labels?: Record<string, string> } | null;

/** Who is calling, as established by the authentication middleware. */
export type Principal = {
  subject: string;
  role: Role;
  scope: Scope;
  tokenKind: 'master_key' | 'session';
  /** Present for session tokens; logout revokes it. */
  sessionId?: string;
  /** Session expiry in epoch milliseconds; absent for the master key. */
  expiresAt?: number;
  /** How the credential arrived: cookie-authenticated unsafe requests are checked against CSRF. */
  via: 'bearer' | 'cookie';
};
