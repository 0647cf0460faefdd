import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-context.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { SESSION_COOKIE, SESSION_HINT_COOKIE, setSessionCookies } from '../auth/middleware.js';
import { ROLES } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import { clientAddress } from '../http/client-address.js';
import { createApiApp, route, validBody } from '../http/openapi-route.js';
import { isSameOriginRequest } from '../http/security.js';

export const LoginBodySchema = z.object({
  username: z.string().min(1, { error: 'username is required' }).max(256),
  password: z.string().min(1, { error: 'password is required' }).max(4096),
});

const LoginResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number().int(),
});

const ScopeSchema = z
  .object({ workers: z.array(z.string()).optional(), labels: z.record(z.string(), z.string()).optional() })
  .nullable();

const MeResponseSchema = z.object({
  subject: z.string(),
  role: z.enum(ROLES),
  scope: ScopeSchema,
  token_kind: z.enum(['master_key', 'session']),
  expires_at: z.string().nullable(),
  permissions: z.object({ write: z.boolean(), admin: z.boolean() }),
});

/** Secure cookies over https, including behind a TLS-terminating proxy when control_plane_url says https. */
export function isHttps(deps: AppDeps, context: { req: { url: string } }): boolean {
  const publicUrl = deps.config.general_settings?.control_plane_url;
  return new URL(context.req.url).protocol === 'https:' || (publicUrl?.startsWith('https:') ?? false);
}

/**
 * Route middleware of the login: a cross-site form could otherwise log a victim's browser into the
 * attacker's account, so a foreign `Origin` is refused before the body is read.
 */
function sameOriginLogin(trustedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  return (context, next) => {
    if (context.req.header('origin') !== undefined) {
      const request = { url: context.req.url, header: (name: string) => context.req.header(name) };
      if (!isSameOriginRequest(request, trustedOrigins)) {
        throw new ApiError('csrf_refused', 'Cross-site login refused');
      }
    }
    return next();
  };
}

/** POST /api/v1/auth/login: public; failures are throttled per username and address (see login-throttle.ts). */
export function loginRoutes(
  deps: AppDeps,
  options: { authenticator: Authenticator; throttle: LoginThrottle; trustedOrigins: readonly string[] },
): OpenAPIHono<AppEnv> {
  const app = createApiApp();
  route(
    app,
    {
      method: 'post',
      path: '/api/v1/auth/login',
      tag: 'auth',
      auth: false,
      summary: 'Log in with a username and password',
      description:
        'The admin logs in as `admin` (or UI_USERNAME) with the master key (or UI_PASSWORD); stored users with ' +
        'their password. Sets the HttpOnly `cp_session` cookie and returns the same token for bearer use. ' +
        'Only failures count, per username and client address: from the third on, the next attempt must wait ' +
        '(429 `rate_limited` with Retry-After, doubling each time), and the tenth within five minutes locks ' +
        'the username for 15 minutes on every replica (429 `login_locked`) until it ends or an admin lifts it.',
      middleware: [sameOriginLogin(options.trustedOrigins)],
      body: LoginBodySchema,
      response: LoginResponseSchema,
    },
    async (context) => {
      const body = validBody(context, LoginBodySchema);
      const client = clientAddress(context);
      const requestId = context.get('requestId');
      const session = await options.throttle.attempt(body.username, client, requestId, () =>
        options.authenticator.login(body.username, body.password),
      );
      if (session === null) {
        deps.logger.info('login failed', { request_id: requestId, client });
        throw new ApiError('unauthorized', 'Invalid username or password');
      }
      setSessionCookies(context, session, isHttps(deps, context));
      deps.logger.info('login', {
        subject: session.claims.sub,
        role: session.claims.role,
        request_id: context.get('requestId'),
      });
      const response: z.infer<typeof LoginResponseSchema> = {
        access_token: session.token,
        token_type: 'bearer',
        expires_in: session.expiresIn,
      };
      return context.json(response);
    },
  );
  return app;
}

/** GET /api/v1/auth/me and POST /api/v1/auth/logout (authenticated). */
export function sessionRoutes(deps: AppDeps, options: { authenticator: Authenticator }): OpenAPIHono<AppEnv> {
  const app = createApiApp();
  route(
    app,
    {
      method: 'get',
      path: '/api/v1/auth/me',
      tag: 'auth',
      summary: 'Who the caller is, with role, scope and permissions',
      response: MeResponseSchema,
    },
    (context) => {
      const principal = context.get('principal');
      const body: z.infer<typeof MeResponseSchema> = {
        subject: principal.subject,
        role: principal.role,
        scope: principal.scope,
        token_kind: principal.tokenKind,
        expires_at: principal.expiresAt === undefined ? null : new Date(principal.expiresAt).toISOString(),
        permissions: { write: principal.role !== 'viewer', admin: principal.role === 'admin' },
      };
      return context.json(body);
    },
  );
  route(
    app,
    {
      method: 'post',
      path: '/api/v1/auth/logout',
      tag: 'auth',
      summary: 'Revoke the current session and clear the cookie',
      response: z.object({ logged_out: z.literal(true) }),
    },
    async (context) => {
      await options.authenticator.logout(context.get('principal'));
      deleteCookie(context, SESSION_COOKIE, {
        path: '/',
        secure: isHttps(deps, context),
        httpOnly: true,
        sameSite: 'Strict',
      });
      deleteCookie(context, SESSION_HINT_COOKIE, {
        path: '/',
        secure: isHttps(deps, context),
        sameSite: 'Strict',
      });
      return context.json({ logged_out: true as const });
    },
  );
  return app;
}
