import { createHmac } from 'node:crypto';
import type { RequestContext } from '../http/context.js';
import { proxyError } from '../http/errors.js';
import { secretsEqual, verifyPassword } from '../store/identifiers.js';
import { insertKey, UI_SESSION_TEAM_ID } from './keys.js';
import { insertUser } from './users.js';

/** LiteLLM's `LITELLM_UI_SESSION_DURATION` default. */
const UI_SESSION_DURATION = '24h';

export type UiTokenClaims = {
  user_id: string;
  key: string;
  user_email: string | null;
  user_role: string;
  login_method: 'username_password' | 'sso';
  premium_user: boolean;
  auth_header_name: string;
  disabled_non_admin_personal_key_creation: boolean;
  server_root_path: string;
};

/** HS256 JWT (the UI decodes it without verifying; LiteLLM signs with the master key). */
export function signJwt(claims: object, secret: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function invalidCredentials() {
  return proxyError(
    401,
    "Invalid credentials used to access UI.\nCheck 'UI_USERNAME', 'UI_PASSWORD' in .env file",
    'auth_error',
    'invalid_credentials',
  );
}

/**
 * `authenticate_user`: the UI admin credentials, else a DB user by email with its password. Mints a
 * session key (team `litellm-dashboard`) and returns the signed UI token.
 */
export function loginWithPassword(context: RequestContext, username: unknown, password: unknown): string {
  if (typeof username !== 'string' || typeof password !== 'string') throw invalidCredentials();
  const { settings, state } = context;
  let userId: string;
  let userRole: string;
  let userEmail: string | null = null;
  if (secretsEqual(username, settings.uiUsername) && secretsEqual(password, settings.uiPassword)) {
    userId = 'default_user_id';
    userRole = 'proxy_admin';
    // LiteLLM upserts the admin's user row on UI login so the session key resolves to proxy_admin.
    const admin =
      state.users.get(userId) ?? insertUser(state, { user_id: userId, user_role: userRole }, context.now);
    admin.user_role = userRole;
  } else {
    const user = state.userByEmail(username) ?? state.users.get(username);
    const hash = user ? state.passwordHashes.get(user.user_id) : undefined;
    if (!user || !hash || !verifyPassword(password, hash)) throw invalidCredentials();
    userId = user.user_id;
    userRole = user.user_role ?? 'internal_user';
    userEmail = user.user_email;
  }
  const session = insertKey(
    state,
    { user_id: userId, team_id: UI_SESSION_TEAM_ID, duration: UI_SESSION_DURATION, extraMetadata: {} },
    { createdBy: userId, now: context.now },
  );
  const claims: UiTokenClaims = {
    user_id: userId,
    key: session.rawKey,
    user_email: userEmail,
    user_role: userRole,
    login_method: 'username_password',
    premium_user: settings.premium,
    auth_header_name: settings.keyHeaderName ?? 'Authorization',
    disabled_non_admin_personal_key_creation: false,
    server_root_path: '/',
  };
  return signJwt(claims, settings.masterKey);
}
