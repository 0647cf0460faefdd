/** What a LiteLLM UI token says about the session it opens. */
export type UiSession = {
  /** The bearer to send: the JWT's `key` claim (a session virtual key), or the token itself. */
  key: string;
  /** `user_email`, else `user_id`. */
  subject: string | null;
  /** From `exp`, when the token has one. */
  expiresAt: Date | null;
  /** `auth_header_name`: the header the worker reads keys from (`litellm_key_header_name`). */
  authHeaderName: string | null;
};

function claimsOf(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (payload === undefined || payload === '') return null;
  try {
    // atob and TextDecoder rather than Buffer: this module also runs in browsers.
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Reads LiteLLM's UI JWT without verifying it (only the worker, holding its master key, can): the
 * token came from the worker itself over the connection the client already trusts.
 */
export function sessionFromUiToken(token: string): UiSession {
  const claims = claimsOf(token) ?? {};
  return {
    key: text(claims.key) ?? token,
    subject: text(claims.user_email) ?? text(claims.user_id),
    expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
    authHeaderName: text(claims.auth_header_name),
  };
}
