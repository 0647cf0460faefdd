import { loginWithPassword } from '../domain/session.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { Reply, route } from '../http/context.js';
import { proxyError } from '../http/errors.js';
import { isJsonObject } from '../http/validate.js';
import { atLeast, V2_LOGIN_BODY_TOKEN_SINCE } from '../http/versions.js';
import { generateLoginCode } from '../store/identifiers.js';

/** `/v3/login` codes live for 60 seconds, like LiteLLM's cache TTL. */
const LOGIN_CODE_TTL_SECONDS = 60;

function tokenCookie(token: string): string {
  return `token=${token}; Path=/; SameSite=lax`;
}

function successRedirect(context: RequestContext): string {
  return `${context.baseUrl}/ui/?login=success`;
}

function cookieValue(context: RequestContext, name: string): string | undefined {
  const header = context.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator !== -1 && part.slice(0, separator).trim() === name) {
      return decodeURIComponent(part.slice(separator + 1).trim());
    }
  }
  return undefined;
}

function credentials(body: unknown): { username: unknown; password: unknown } {
  return isJsonObject(body)
    ? { username: body.username, password: body.password }
    : { username: undefined, password: undefined };
}

function formLogin(context: RequestContext): unknown {
  const { username, password } = credentials(context.body);
  const token = loginWithPassword(context, username, password);
  const returnTo = cookieValue(context, 'litellm_cp_return_to');
  const sameOrigin =
    returnTo !== undefined &&
    ((returnTo.startsWith('/') && !returnTo.startsWith('//')) || returnTo.startsWith(`${context.baseUrl}/`));
  const location = sameOrigin ? returnTo! : successRedirect(context);
  return new Reply(303, null, { headers: { location, 'set-cookie': tokenCookie(token) }, rawBody: '' });
}

function loginV2(context: RequestContext): unknown {
  const { username, password } = credentials(context.body);
  const token = loginWithPassword(context, username, password);
  // Before 1.83.10 the JWT came only in the cookie, which a browser on another origin cannot read.
  const body = atLeast(context.settings.parsedVersion, V2_LOGIN_BODY_TOKEN_SINCE)
    ? { redirect_url: successRedirect(context), token }
    : { redirect_url: successRedirect(context) };
  return new Reply(200, body, { headers: { 'set-cookie': tokenCookie(token) } });
}

function assertControlPlane(context: RequestContext) {
  if (!context.settings.controlPlaneUrl) {
    throw proxyError(
      404,
      'Not found: /v3/login is only available when general_settings.control_plane_url is configured.',
      'not_found_error',
      'control_plane_url',
    );
  }
}

function loginV3(context: RequestContext): unknown {
  assertControlPlane(context);
  const { username, password } = credentials(context.body);
  const token = loginWithPassword(context, username, password);
  const codes = context.state.loginCodes;
  for (const [code, entry] of codes) if (entry.expiresAt <= context.now) codes.delete(code);
  const code = generateLoginCode();
  codes.set(code, {
    token,
    redirectUrl: successRedirect(context),
    expiresAt: context.now + LOGIN_CODE_TTL_SECONDS * 1000,
  });
  return { code, expires_in: LOGIN_CODE_TTL_SECONDS };
}

function exchange(context: RequestContext): unknown {
  assertControlPlane(context);
  const code = isJsonObject(context.body) ? context.body.code : undefined;
  if (typeof code !== 'string' || code === '') {
    throw proxyError(400, "Missing 'code' parameter", 'bad_request_error', 'code');
  }
  // Take-and-delete in one synchronous step: a code can never be redeemed twice.
  const entry = context.state.loginCodes.get(code);
  context.state.loginCodes.delete(code);
  if (!entry || entry.expiresAt <= context.now) {
    throw proxyError(401, 'Invalid or expired login code', 'auth_error', 'code');
  }
  return new Reply(
    200,
    { token: entry.token, redirect_url: entry.redirectUrl },
    { headers: { 'set-cookie': tokenCookie(entry.token) } },
  );
}

const FALLBACK_LOGIN_PAGE = `<!DOCTYPE html>
<html><head><title>LiteLLM Login</title></head><body>
<form action="/login" method="post">
<label>Username <input type="text" name="username"></label>
<label>Password <input type="password" name="password"></label>
<button type="submit">Submit</button>
</form></body></html>`;

function uiConfig(): unknown {
  return {
    server_root_path: '/',
    proxy_base_url: null,
    auto_redirect_to_sso: false,
    admin_ui_disabled: false,
    sso_configured: false,
    hide_default_credentials_hint: false,
    is_control_plane: false,
    workers: [],
  };
}

export const loginRoutes: RouteDefinition[] = [
  route('GET', '/.well-known/litellm-ui-config', 'public', uiConfig),
  route('GET', '/litellm/.well-known/litellm-ui-config', 'public', uiConfig),
  route(
    'GET',
    '/fallback/login',
    'public',
    () => new Reply(200, null, { rawBody: FALLBACK_LOGIN_PAGE, contentType: 'text/html; charset=utf-8' }),
  ),
  route('POST', '/login', 'public', formLogin, { bodyKind: 'form' }),
  route('POST', '/v2/login', 'public', loginV2),
  route('POST', '/v3/login', 'public', loginV3),
  route('POST', '/v3/login/exchange', 'public', exchange),
];
