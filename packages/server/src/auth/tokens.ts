import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLES } from './principal.js';

/** Prefix of session tokens; bumping it invalidates every outstanding session. */
export const TOKEN_PREFIX = 'cp1';

/** Claims carried by a session token. */
const SessionClaimsSchema = z.object({
  sid: z.string().min(1),
  sub: z.string().min(1),
  role: z.enum(ROLES),
  scope: z
    .object({ workers: z.array(z.string()).optional(), labels: z.record(z.string(), z.string()).optional() })
    .nullable(),
  /**
   * 'admin' is the configured administrator; 'user' is a stored user whose record is re-read per request;
   * 'sso' is an identity-provider user whose role and scope were mapped at sign-in and live in the token.
   */
  kind: z.enum(['admin', 'user', 'sso']),
  iat: z.number().int(),
  /** Issue time in milliseconds, compared with a user's `sessions_not_before`. */
  iat_ms: z.number().int().optional(),
  exp: z.number().int(),
});

export type SessionClaims = z.infer<typeof SessionClaimsSchema>;

/**
 * Derives the signing key from the master key, so every replica with the same master key accepts the
 * same sessions and they survive restarts, while the master key itself is never used as an HMAC key.
 */
export function deriveSessionKey(masterKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, 'llm-control-plane', 'session-token-v1', 32));
}

function encode(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(`${TOKEN_PREFIX}.${payload}`).digest();
}

/** Signs claims into `cp1.<payload>.<mac>`. */
export function signSession(claims: SessionClaims, key: Buffer): string {
  const payload = encode(JSON.stringify(claims));
  return `${TOKEN_PREFIX}.${payload}.${encode(mac(key, payload))}`;
}

export function looksLikeSessionToken(value: string): boolean {
  return value.startsWith(`${TOKEN_PREFIX}.`);
}

/** Returns the claims of a valid, unexpired token; `null` for anything else. `nowSeconds` is epoch seconds. */
export function verifySession(token: string, key: Buffer, nowSeconds: number): SessionClaims | null {
  if (token.length > 8192) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX) return null;
  const payload = parts[1] ?? '';
  const given = Buffer.from(parts[2] ?? '', 'base64url');
  const expected = mac(key, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = SessionClaimsSchema.safeParse(decoded);
  if (!parsed.success) return null;
  if (parsed.data.exp <= nowSeconds) return null;
  return parsed.data;
}

/** Compares two secrets in constant time regardless of their lengths. */
export function secretsEqual(given: string, expected: string): boolean {
  const left = createHash('sha256').update(given).digest();
  const right = createHash('sha256').update(expected).digest();
  return timingSafeEqual(left, right);
}
