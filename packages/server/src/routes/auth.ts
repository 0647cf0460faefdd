import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-context.js';
import type { Authenticator } from '../auth/authenticator.js';
import { SESSION_COOKIE } from '../auth/middleware.js';
import { ROLES } from '../auth/principal.js';
import type { AttemptLimiter } from '../auth/rate-limit.js';
import { ApiError } from '../errors.js';
import { clientAddress } from '../http/client-address.js';
import { type RouteDocs, route } from '../http/route-docs.js';
import { isSameOriginRequest } from '../http/security.js';
import { parseJsonBody } from '../http/validate.js';

const LoginBodySchema = z.object({
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

/** POST /api/v1/auth/login: public, rate-limited per client address. */
export function loginRoutes(
  deps: AppDeps,
  docs: RouteDocs,
  options: { authenticator: Authenticator; limiter: AttemptLimiter; trustedOrigins: readonly string[] },
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  route(
    app,
    docs,
    {
      method: 'post',
      path: '/api/v1/auth/login',
      tag: 'auth',
      auth: false,
      summary: 'Log in with a username and password',
      description:
        'The admin logs in as `admin` (or UI_USERNAME) with the master key (or UI_PASSWORD); stored users with ' +
        'their password. Sets the HttpOnly `cp_session` cookie and returns the same token for bearer use. ' +
        'Ten failed attempts per client address in five minutes answer 429.',
      body: LoginBodySchema,
      response: LoginResponseSchema,
    },
    async (context) => {
      const origin = context.req.header('origin');
      // A cross-site form could otherwise log a victim's browser into the attacker's account.
      if (origin !== undefined) {
        const request = { url: context.req.url, header: (name: string) => context.req.header(name) };
        if (!isSameOriginRequest(request, options.trustedOrigins)) {
          throw new ApiError('csrf_refused', 'Cross-site login refused');
        }
      }
      const body = await parseJsonBody(context, LoginBodySchema);
      const client = clientAddress(context);
      const wait = options.limiter.retryAfterSeconds(client);
      if (wait > 0) {
        throw new ApiError('rate_limited', `Too many failed login attempts; retry in ${wait} s`, {
          headers: { 'Retry-After': String(wait) },
        });
      }
      // Counted as a failure before the (slow) password check and taken back on success, so a concurrent
      // burst cannot start more checks than the limit allows.
      options.limiter.recordFailure(client);
      const session = await options.authenticator.login(body.username, body.password);
      if (session === null) {
        deps.logger.info('login failed', { request_id: context.get('requestId'), client });
        throw new ApiError('unauthorized', 'Invalid username or password');
      }
      // Only this attempt is forgiven: a valid account must not wash out guesses at other accounts.
      options.limiter.forgive(client);
      setCookie(context, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: isHttps(deps, context),
        maxAge: session.expiresIn,
      });
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
export function sessionRoutes(
  deps: AppDeps,
  docs: RouteDocs,
  options: { authenticator: Authenticator },
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  route(
    app,
    docs,
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
    docs,
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
      return context.json({ logged_out: true as const });
    },
  );
  return app;
}
