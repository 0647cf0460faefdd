import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-context.js';
import { ApiError, toApiError } from '../errors.js';
import { createApiApp, route, validParams } from '../http/openapi-route.js';
import { adminsOnly } from '../http/route-access.js';
import { LoginBodySchema } from './auth.js';

const LoginLockoutSchema = z.object({
  username: z.string(),
  address: z.string(),
  failures: z.number().int(),
  locked_at: z.string(),
  locked_until: z.string(),
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: a username with control characters cannot exist
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

const LockoutParamsSchema = z.object({
  username: LoginBodySchema.shape.username.refine((name) => !CONTROL_CHARACTERS.test(name), {
    error: 'username must not contain control characters',
  }),
});

/** GET /api/v1/auth/lockouts and DELETE /api/v1/auth/lockouts/:username: sign-in lock-outs (admins only). */
export function lockoutRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createApiApp();
  route(
    app,
    {
      method: 'get',
      path: '/api/v1/auth/lockouts',
      tag: 'auth',
      summary: 'Usernames locked out of sign-in after repeated failures (admin)',
      middleware: [adminsOnly(deps)],
      response: z.object({ lockouts: z.array(LoginLockoutSchema) }),
    },
    async (context) => {
      const lockouts = await deps.store.logins.lockouts(new Date(deps.now()));
      return context.json({ lockouts });
    },
  );
  route(
    app,
    {
      method: 'delete',
      path: '/api/v1/auth/lockouts/:username',
      tag: 'auth',
      summary: "Lift a username's sign-in lock-out and forget its failures (admin, audited)",
      params: LockoutParamsSchema,
      response: z.object({ username: z.string(), unlocked: z.literal(true) }),
    },
    async (context) => {
      const principal = context.get('principal');
      const { username } = validParams(context, LockoutParamsSchema);
      // A refused caller is audited without the username it named.
      let target: string | null = null;
      const record = (status: number, detail: Record<string, unknown>) =>
        deps.audit.record({
          actor: principal.subject,
          workerId: null,
          action: 'login_unlock',
          method: 'DELETE',
          path: new URL(context.req.url).pathname,
          target,
          status,
          requestId: context.get('requestId'),
          detail,
        });
      try {
        deps.access.requireAdmin(principal);
        target = username;
        if (!(await deps.store.logins.unlock(username, new Date(deps.now())))) {
          throw new ApiError('not_found', `No sign-in lock-out for '${username}'`);
        }
      } catch (error) {
        const apiError = toApiError(error);
        await record(apiError.status, { error: apiError.code });
        throw error;
      }
      await record(200, {});
      return context.json({ username, unlocked: true as const });
    },
  );
  return app;
}
