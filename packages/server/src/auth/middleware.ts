import type { Context, MiddlewareHandler } from 'hono';
import { setCookie } from 'hono/cookie';
import { parse } from 'hono/utils/cookie';
import type { AppEnv } from '../app-context.js';
import { ApiError } from '../errors.js';
import { isSafeMethod, isSameOriginRequest } from '../http/security.js';
import type { Authenticator } from './authenticator.js';
import type { Principal } from './principal.js';

export const SESSION_COOKIE = 'cp_session';

/**
 * Set beside the session cookie with the same lifetime, readable by the UI: it holds no secret ('1') and
 * authenticates nothing. It only tells the UI whether asking who is signed in can succeed, so a signed-out
 * first load shows the login form without a request that would fail with 401.
 */
export const SESSION_HINT_COOKIE = 'cp_signed_in';

/** Sets the session cookie and its readable hint; password and single sign-on logins end the same way. */
export function setSessionCookies(
  context: Context,
  session: { token: string; expiresIn: number },
  secure: boolean,
): void {
  const common = { sameSite: 'Strict', path: '/', secure, maxAge: session.expiresIn } as const;
  setCookie(context, SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  setCookie(context, SESSION_HINT_COOKIE, '1', common);
}

const UNAUTHORIZED_HEADERS = { 'WWW-Authenticate': 'Bearer realm="control-plane"' };

/**
 * Establishes `principal` from `Authorization: Bearer <master key | access token>` or the session cookie.
 * Cookie-authenticated unsafe requests must also be same-origin (CSRF); bearer requests cannot be forged
 * by a browser and are exempt.
 */
export function authenticationMiddleware(
  authenticator: Authenticator,
  trustedOrigins: readonly string[],
): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const principal = await authenticatedPrincipal(authenticator, {
      get: (name) => context.req.header(name),
    });
    if (principal.via === 'cookie' && !isSafeMethod(context.req.method)) {
      const request = { url: context.req.url, header: (name: string) => context.req.header(name) };
      if (!isSameOriginRequest(request, trustedOrigins)) {
        throw new ApiError(
          'csrf_refused',
          'Cross-site request refused: cookie-authenticated writes must come from the control plane origin',
        );
      }
    }
    context.set('principal', principal);
    return next();
  };
}

/**
 * The principal of a request's `Authorization` header, or of its session cookie when it has none; throws
 * `unauthorized` without a valid credential. Same-origin checks of unsafe requests are the caller's.
 */
export async function authenticatedPrincipal(
  authenticator: Authenticator,
  headers: { get(name: 'authorization' | 'cookie'): string | undefined },
): Promise<Principal> {
  const authorization = headers.get('authorization');
  let credential: string | undefined;
  let via: Principal['via'] = 'bearer';
  if (authorization !== undefined) {
    const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization);
    if (!match?.[1]) {
      throw new ApiError('unauthorized', 'Authorization header must be "Bearer <token>"', {
        headers: UNAUTHORIZED_HEADERS,
      });
    }
    credential = match[1];
  } else {
    const cookie = headers.get('cookie');
    credential = cookie ? parse(cookie, SESSION_COOKIE)[SESSION_COOKIE] : undefined;
    via = 'cookie';
  }
  if (credential === undefined || credential === '') {
    throw new ApiError(
      'unauthorized',
      'Authentication required: log in or send Authorization: Bearer <token>',
      {
        headers: UNAUTHORIZED_HEADERS,
      },
    );
  }
  const principal = await authenticator.principalFor(credential, via);
  if (principal === null) {
    throw new ApiError('unauthorized', 'The token is invalid, expired or revoked; log in again', {
      headers: UNAUTHORIZED_HEADERS,
    });
  }
  return principal;
}
