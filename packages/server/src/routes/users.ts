import type { OpenAPIHono } from '@hono/zod-openapi';
import { isWorkerId } from '@llm-control-plane/core';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-context.js';
import { ApiError } from '../errors.js';
import { auditedAdminWrite } from '../http/audited.js';
import { createApiApp, route, validBody, validParams } from '../http/openapi-route.js';
import { adminsOnly } from '../http/route-access.js';
import type { StoredUser, StoredUserPatch } from '../storage/types.js';
import { USER_ROLES } from '../storage/types.js';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../users/passwords.js';

/** Letters, digits and `._@+-`, so that an e-mail address works as a username and paths need no encoding. */
const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/;

const UsernameSchema = z.string().regex(USERNAME_PATTERN, {
  error: 'username must be 1 to 64 characters: letters, digits and "._@+-", starting with a letter or digit',
});

const PasswordSchema = z
  .string()
  .refine((value) => [...value].length >= PASSWORD_MIN_LENGTH, {
    error: `password must be at least ${PASSWORD_MIN_LENGTH} characters long`,
  })
  .refine((value) => value.length <= PASSWORD_MAX_LENGTH, {
    error: `password must be at most ${PASSWORD_MAX_LENGTH} characters long`,
  });

const RoleSchema = z.enum(USER_ROLES as ['admin', 'operator', 'viewer']);

const UserScopeSchema = z
  .strictObject({
    workers: z
      .array(z.string().refine(isWorkerId, { error: 'not a valid worker id' }))
      .max(1000)
      .optional(),
    labels: z.record(z.string().min(1).max(63), z.string().max(256)).optional(),
  })
  .nullable();

const UserViewSchema = z.object({
  username: z.string(),
  role: RoleSchema,
  scope: z
    .object({ workers: z.array(z.string()).optional(), labels: z.record(z.string(), z.string()).optional() })
    .nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

type UserView = z.infer<typeof UserViewSchema>;

const CreateUserBodySchema = z.strictObject({
  username: UsernameSchema,
  password: PasswordSchema,
  role: RoleSchema,
  /** Limits an operator or viewer to listed workers, or to workers carrying all listed labels. */
  scope: UserScopeSchema.optional(),
});

const UpdateUserBodySchema = z
  .strictObject({
    password: PasswordSchema.optional(),
    role: RoleSchema.optional(),
    scope: UserScopeSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    error: 'send at least one of password, role, scope',
  });

const UsernameParamsSchema = z.object({ username: UsernameSchema });

const DeleteUserResponseSchema = z.object({ username: z.string(), deleted: z.literal(true) });

export type UserRouteOptions = {
  /**
   * Names stored users may not take: the built-in admin's login name. @default general_settings.ui_username
   * or 'admin' (pass the effective name when UI_USERNAME overrides it).
   */
  reservedUsernames?: readonly string[];
  /** scrypt cost for new password hashes. @default SCRYPT_PARAMETERS */
  passwordParameters?: { N: number; r: number; p: number };
  /**
   * Called after a user's password, role or scope changed or the user was deleted, so that cached
   * sessions of that user are dropped (see Authenticator.forgetUser).
   */
  onUserChanged?: (username: string) => void;
};

type ScopeColumns = Pick<StoredUser, 'scope_workers' | 'scope_labels'>;

function scopeView(columns: ScopeColumns): UserView['scope'] {
  const scope: NonNullable<UserView['scope']> = {};
  if (columns.scope_workers !== null && columns.scope_workers.length > 0)
    scope.workers = columns.scope_workers;
  if (columns.scope_labels !== null && Object.keys(columns.scope_labels).length > 0)
    scope.labels = columns.scope_labels;
  return Object.keys(scope).length === 0 ? null : scope;
}

/** The public view: never the password hash. */
function userView(user: StoredUser): UserView {
  return {
    username: user.username,
    role: user.role,
    scope: scopeView(user),
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}

function scopeColumns(scope: z.infer<typeof UserScopeSchema> | undefined): ScopeColumns {
  const workers = scope?.workers ?? [];
  const labels = scope?.labels ?? {};
  return {
    scope_workers: workers.length > 0 ? [...new Set(workers)] : null,
    scope_labels: Object.keys(labels).length > 0 ? labels : null,
  };
}

function hasScope(columns: ScopeColumns): boolean {
  return columns.scope_workers !== null || columns.scope_labels !== null;
}

type UserWrites = {
  reserved: ReadonlySet<string>;
  hash: (password: string) => Promise<string>;
  /** Told after a user changed or was deleted, so cached sessions are read again. */
  onUserChanged: (username: string) => void;
};

/** GET /api/v1/users and GET /api/v1/users/:username */
function readUserRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    {
      method: 'get',
      path: '/api/v1/users',
      tag: 'users',
      summary: 'Control-plane users (admin)',
      middleware: [adminsOnly(deps)],
      response: z.object({ users: z.array(UserViewSchema) }),
    },
    async (context) => {
      const users = await deps.store.users.list();
      return context.json({ users: users.map(userView) });
    },
  );

  route(
    app,
    {
      method: 'get',
      path: '/api/v1/users/:username',
      tag: 'users',
      summary: 'One control-plane user (admin)',
      middleware: [adminsOnly(deps)],
      params: UsernameParamsSchema,
      response: UserViewSchema,
    },
    async (context) => {
      const { username } = validParams(context, UsernameParamsSchema);
      const user = await deps.store.users.get(username);
      if (user === null) throw new ApiError('not_found', `Unknown user '${username}'`);
      return context.json(userView(user));
    },
  );
}

/** POST /api/v1/users */
function createUserRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps, { reserved, hash }: UserWrites): void {
  route(
    app,
    {
      method: 'post',
      path: '/api/v1/users',
      tag: 'users',
      summary: 'Create a control-plane user (admin)',
      description:
        `Roles: admin (everything), operator (writes within its scope), viewer (reads within its scope). ` +
        `Passwords need at least ${PASSWORD_MIN_LENGTH} characters and are stored as scrypt hashes.`,
      middleware: [auditedAdminWrite(deps, 'user.create', 'username')],
      body: CreateUserBodySchema,
      response: UserViewSchema,
      status: 201,
    },
    async (context) => {
      const audit = context.get('audit');
      const { detail } = audit;
      const body = validBody(context, CreateUserBodySchema);
      audit.target = body.username;
      if (reserved.has(body.username.toLowerCase())) {
        throw new ApiError('conflict', `The username '${body.username}' is reserved for the built-in admin`);
      }
      const scope = scopeColumns(body.scope);
      if (body.role === 'admin' && hasScope(scope)) {
        throw new ApiError('invalid_request', 'An admin is not limited by a scope: use operator or viewer');
      }
      Object.assign(detail, { role: body.role, scope: scopeView(scope) });
      const user = await deps.store.users.insert({
        username: body.username,
        password_hash: await hash(body.password),
        role: body.role,
        ...scope,
      });
      return context.json(userView(user), 201);
    },
  );
}

/** PATCH /api/v1/users/:username */
function updateUserRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps, { hash, onUserChanged }: UserWrites): void {
  route(
    app,
    {
      method: 'patch',
      path: '/api/v1/users/:username',
      tag: 'users',
      summary: 'Change a user’s password, role or scope (admin)',
      description:
        'A new password ends the sessions the user already has; a role or scope change applies to them at once. ' +
        '`scope: null` removes the limit.',
      middleware: [auditedAdminWrite(deps, 'user.update', 'username')],
      params: UsernameParamsSchema,
      body: UpdateUserBodySchema,
      response: UserViewSchema,
    },
    async (context) => {
      const { detail } = context.get('audit');
      const { username } = validParams(context, UsernameParamsSchema);
      const body = validBody(context, UpdateUserBodySchema);
      const existing = await deps.store.users.get(username);
      if (existing === null) throw new ApiError('not_found', `Unknown user '${username}'`);
      const patch: StoredUserPatch = {};
      if (body.role !== undefined) patch.role = body.role;
      if (body.scope !== undefined) Object.assign(patch, scopeColumns(body.scope));
      const role = patch.role ?? existing.role;
      const scope = {
        scope_workers: patch.scope_workers === undefined ? existing.scope_workers : patch.scope_workers,
        scope_labels: patch.scope_labels === undefined ? existing.scope_labels : patch.scope_labels,
      };
      if (role === 'admin' && hasScope(scope)) {
        throw new ApiError(
          'invalid_request',
          'An admin is not limited by a scope: send scope: null with role admin, or use operator or viewer',
        );
      }
      if (body.password !== undefined) {
        patch.password_hash = await hash(body.password);
        patch.sessions_not_before = new Date(deps.now()).toISOString();
      }
      Object.assign(detail, {
        changed: Object.keys(body).filter((key) => body[key as keyof typeof body] !== undefined),
        ...(body.role === undefined ? {} : { role: body.role }),
        ...(body.scope === undefined ? {} : { scope: scopeView(scope) }),
      });
      const updated = await deps.store.users.update(username, patch);
      onUserChanged(username);
      if (updated === null) throw new ApiError('not_found', `Unknown user '${username}'`);
      return context.json(userView(updated));
    },
  );
}

/** DELETE /api/v1/users/:username */
function deleteUserRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps, { onUserChanged }: UserWrites): void {
  route(
    app,
    {
      method: 'delete',
      path: '/api/v1/users/:username',
      tag: 'users',
      summary: 'Delete a control-plane user (admin)',
      description: 'Their sessions stop working on the next request.',
      middleware: [auditedAdminWrite(deps, 'user.delete', 'username')],
      params: UsernameParamsSchema,
      response: DeleteUserResponseSchema,
    },
    async (context) => {
      const { username } = validParams(context, UsernameParamsSchema);
      const removed = await deps.store.users.remove(username);
      onUserChanged(username);
      if (!removed) throw new ApiError('not_found', `Unknown user '${username}'`);
      return context.json({ username, deleted: true as const });
    },
  );
}

/**
 * GET/POST /api/v1/users, GET/PATCH/DELETE /api/v1/users/:username: control-plane users (admins only).
 * Passwords are hashed with scrypt; hashes never leave the store; every write is audited.
 */
export function userRoutes(deps: AppDeps, options: UserRouteOptions = {}): OpenAPIHono<AppEnv> {
  const app = createApiApp();
  const writes: UserWrites = {
    reserved: new Set(
      (options.reservedUsernames ?? [deps.config.general_settings?.ui_username ?? 'admin']).map((name) =>
        name.toLowerCase(),
      ),
    ),
    hash: (password) => hashPassword(password, options.passwordParameters),
    onUserChanged: (username) => options.onUserChanged?.(username),
  };
  readUserRoutes(app, deps);
  createUserRoute(app, deps, writes);
  updateUserRoute(app, deps, writes);
  deleteUserRoute(app, deps, writes);
  return app;
}
