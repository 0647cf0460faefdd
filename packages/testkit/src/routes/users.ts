import { actorOf, budgetResetAt, isoTime, sortOrderParameter, sortRows } from '../domain/common.js';
import {
  checkKeyFields,
  generateKeyResponse,
  insertKey,
  isSessionKey,
  readKeyFields,
} from '../domain/keys.js';
import { addTeamToUser, insertUser, keyCount, removeTeamFromUser } from '../domain/users.js';
import { canReadAll, isProxyAdmin } from '../http/auth.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import {
  detailError,
  HttpError,
  missingFieldError,
  proxyError,
  validationError,
  wrappedError,
} from '../http/errors.js';
import type { JsonObject } from '../http/validate.js';
import { BodyReader, isJsonObject, paginate, queryInteger, queryList } from '../http/validate.js';
import { generateId, hashPassword } from '../store/identifiers.js';
import type { UserRecord } from '../store/records.js';

const ASSIGNABLE_ROLES = [
  'proxy_admin',
  'proxy_admin_viewer',
  'internal_user',
  'internal_user_viewer',
  'org_admin',
] as const;
const ADMIN_ROLES = new Set(['proxy_admin', 'proxy_admin_viewer']);

function readPassword(reader: BodyReader): string | null | undefined {
  const password = reader.string('password');
  if (typeof password === 'string' && (password.length < 8 || password.length > 128)) {
    throw validationError([
      {
        type: password.length < 8 ? 'string_too_short' : 'string_too_long',
        loc: ['body', 'password'],
        msg:
          password.length < 8
            ? 'String should have at least 8 characters'
            : 'String should have at most 128 characters',
        input: '********',
        ctx: password.length < 8 ? { min_length: 8 } : { max_length: 128 },
      },
    ]);
  }
  return password;
}

type TeamJoin = { team_id: string; role: 'admin' | 'user'; max_budget_in_team: number | null };

function readTeams(value: unknown): TeamJoin[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw validationError([
      { type: 'list_type', loc: ['body', 'teams'], msg: 'Input should be a valid list', input: value },
    ]);
  }
  return value.map((item, index) => {
    if (typeof item === 'string') return { team_id: item, role: 'user', max_budget_in_team: null };
    if (isJsonObject(item) && typeof item.team_id === 'string') {
      return {
        team_id: item.team_id,
        role: item.user_role === 'admin' ? 'admin' : 'user',
        max_budget_in_team: typeof item.max_budget_in_team === 'number' ? item.max_budget_in_team : null,
      };
    }
    throw validationError([
      {
        type: 'string_type',
        loc: ['body', 'teams', index],
        msg: 'Input should be a valid string',
        input: item,
      },
    ]);
  });
}

function create(context: RequestContext): unknown {
  const reader = new BodyReader(context.body ?? {});
  const keyFields = readKeyFields(reader);
  const userEmail = reader.string('user_email');
  const userAlias = reader.string('user_alias');
  const userRole = reader.oneOf('user_role', ASSIGNABLE_ROLES);
  const organizations = reader.stringArray('organizations');
  const autoCreateKey = reader.boolean('auto_create_key');
  const ssoUserId = reader.string('sso_user_id');
  const password = readPassword(reader);
  reader.done();
  const teams = readTeams(reader.body.teams);
  if (keyFields.team_id) teams.push({ team_id: keyFields.team_id, role: 'user', max_budget_in_team: null });
  checkKeyFields(keyFields, context);
  const { state, principal } = context;
  if (!isProxyAdmin(principal) && userRole && ADMIN_ROLES.has(userRole)) {
    throw proxyError(
      403,
      `Only proxy admins can create users with role=${userRole}.`,
      'auth_error',
      'user_role',
    );
  }
  const userId = keyFields.user_id ?? generateId();
  if (state.users.has(userId)) throw wrappedError(409, `User with id ${userId} already exists`);
  if (userEmail && state.userByEmail(userEmail))
    throw wrappedError(409, `User with email ${userEmail} already exists`);
  for (const organizationId of organizations ?? []) {
    if (!state.organizations.has(organizationId)) {
      throw wrappedError(400, `Organization not found for organization_id=${organizationId}`);
    }
  }
  const user = insertUser(
    state,
    {
      user_id: userId,
      user_email: userEmail ?? null,
      user_alias: userAlias ?? null,
      user_role: userRole ?? null,
      models: keyFields.models ?? [],
      max_budget: keyFields.max_budget ?? null,
      spend: keyFields.spend ?? 0,
      budget_duration: keyFields.budget_duration ?? null,
      budget_reset_at: budgetResetAt(keyFields.budget_duration, context.now),
      tpm_limit: keyFields.tpm_limit ?? null,
      rpm_limit: keyFields.rpm_limit ?? null,
      max_parallel_requests: keyFields.max_parallel_requests ?? null,
      model_max_budget: keyFields.model_max_budget ?? {},
      metadata: keyFields.metadata ?? {},
      sso_user_id: ssoUserId ?? null,
    },
    context.now,
  );
  if (password) state.passwordHashes.set(user.user_id, hashPassword(password));
  for (const join of teams) {
    const team = state.teams.get(join.team_id);
    if (!team) continue;
    if (!team.members_with_roles.some((member) => member.user_id === user.user_id)) {
      team.members_with_roles.push({ user_id: user.user_id, user_email: user.user_email, role: join.role });
    }
    addTeamToUser(state, user.user_id, team.team_id);
  }
  for (const organizationId of organizations ?? []) {
    const timestamp = isoTime(context.now);
    user.organization_memberships.push({
      user_id: user.user_id,
      organization_id: organizationId,
      user_role: user.user_role === 'org_admin' ? 'org_admin' : 'internal_user',
      spend: 0,
      budget_id: null,
      created_at: timestamp,
      updated_at: timestamp,
      user_email: user.user_email,
      litellm_budget_table: null,
    });
  }
  const userFields = {
    user_id: user.user_id,
    user_email: user.user_email,
    user_role: user.user_role,
    user_alias: user.user_alias,
    teams: user.teams,
    max_budget: user.max_budget,
    model_max_budget: user.model_max_budget,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
  const { password: _password, ...echo } = reader.body;
  if (autoCreateKey === false) {
    return { ...echo, ...userFields, key: '', token: null, key_name: null, expires: null };
  }
  const created = insertKey(
    state,
    {
      ...keyFields,
      user_id: user.user_id,
      team_id: keyFields.team_id ?? null,
      max_budget: keyFields.max_budget,
    },
    { createdBy: actorOf(context), now: context.now },
  );
  return { ...generateKeyResponse(echo, created), ...userFields };
}

function update(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const userId = reader.string('user_id');
  const userEmail = reader.string('user_email');
  const userRole = reader.oneOf('user_role', ASSIGNABLE_ROLES);
  const password = readPassword(reader);
  const fields = {
    spend: reader.number('spend'),
    metadata: reader.object('metadata'),
    max_budget: reader.number('max_budget'),
    models: reader.stringArray('models'),
    tpm_limit: reader.integer('tpm_limit'),
    rpm_limit: reader.integer('rpm_limit'),
    max_parallel_requests: reader.integer('max_parallel_requests'),
    budget_duration: reader.string('budget_duration'),
    user_alias: reader.string('user_alias'),
    model_max_budget: reader.object('model_max_budget'),
    sso_user_id: reader.string('sso_user_id'),
  };
  reader.done();
  if (!userId && !userEmail) {
    throw validationError([
      {
        type: 'value_error',
        loc: ['body'],
        msg: 'Value error, Either user id or user email must be provided',
        input: reader.body,
      },
    ]);
  }
  const { state, principal } = context;
  let user = userId ? state.users.get(userId) : userEmail ? state.userByEmail(userEmail) : undefined;
  if (!isProxyAdmin(principal)) {
    if (!user || user.user_id !== principal.userId) {
      throw proxyError(403, 'Authentication Error, Only proxy admins can update other users.', 'auth_error');
    }
    if (userRole && userRole !== user.user_role) {
      throw proxyError(403, 'Authentication Error, Only proxy admins can modify user roles.', 'auth_error');
    }
  }
  if (!user) {
    if (userId)
      throw proxyError(400, `Authentication Error, User not found, passed user_id=${userId}`, 'auth_error');
    user = insertUser(state, { user_email: userEmail ?? null }, context.now);
  }
  for (const [field, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) user[field] = value;
  }
  if ('max_budget' in reader.body && reader.body.max_budget === null) user.max_budget = null;
  if (fields.budget_duration) user.budget_reset_at = budgetResetAt(fields.budget_duration, context.now);
  if (userRole) user.user_role = userRole;
  if (userEmail && userId) user.user_email = userEmail;
  if (password) state.passwordHashes.set(user.user_id, hashPassword(password));
  user.updated_at = isoTime(context.now);
  return { user_id: user.user_id, data: user };
}

function deleteUsers(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const userIds = reader.stringArray('user_ids');
  if (userIds === undefined) throw missingFieldError('body', 'user_ids', reader.body);
  reader.done();
  const { state } = context;
  for (const userId of userIds ?? []) {
    if (!state.users.has(userId)) throw detailError(404, `User not found, passed user_id=${userId}`);
  }
  for (const userId of userIds ?? []) {
    const user = state.users.get(userId)!;
    state.users.delete(userId);
    state.passwordHashes.delete(userId);
    for (const [token, key] of state.keys) if (key.user_id === userId) state.keys.delete(token);
    for (const teamId of user.teams) {
      const team = state.teams.get(teamId);
      if (team)
        team.members_with_roles = team.members_with_roles.filter((member) => member.user_id !== userId);
      removeTeamFromUser(state, userId, teamId);
      state.teamMemberships.delete(`${teamId}/${userId}`);
    }
  }
  return { deleted_users: userIds?.length ?? 0, user_ids: userIds };
}

function canReadUser(context: RequestContext, user: UserRecord): boolean {
  const { principal, state } = context;
  if (canReadAll(principal) || principal.userId === user.user_id) return true;
  if (user.teams.some((teamId) => state.isTeamAdmin(teamId, principal.userId))) return true;
  return user.organization_memberships.some((membership) =>
    state.isOrganizationAdmin(membership.organization_id, principal.userId),
  );
}

function keysWithTeamAlias(
  context: RequestContext,
  predicate: (userId: string | null) => boolean,
): JsonObject[] {
  const rows: JsonObject[] = [];
  for (const key of context.state.keys.values()) {
    if (isSessionKey(key) || !predicate(key.user_id)) continue;
    rows.push({
      ...key,
      team_alias: key.team_id ? (context.state.teams.get(key.team_id)?.team_alias ?? null) : null,
    });
  }
  return rows;
}

function info(context: RequestContext): unknown {
  const { principal, state } = context;
  const requested = context.query.get('user_id');
  if (!requested && isProxyAdmin(principal)) {
    const own = principal.userId ? (state.users.get(principal.userId) ?? null) : null;
    return {
      user_id: principal.userId,
      user_info: own,
      keys: keysWithTeamAlias(context, () => true),
      teams: [...state.teams.values()],
    };
  }
  const userId = requested ?? principal.userId;
  const user = userId ? state.users.get(userId) : undefined;
  if (!user) {
    if (!requested && principal.userId === null) {
      return { user_id: null, user_info: null, keys: principal.key ? [principal.key] : [], teams: [] };
    }
    throw wrappedError(404, `User ${userId} not found`);
  }
  if (!canReadUser(context, user)) {
    throw proxyError(
      403,
      `You are not allowed to view the info of user_id=${user.user_id}. Your role=${principal.role}`,
      'auth_error',
    );
  }
  return {
    user_id: user.user_id,
    user_info: user,
    keys: keysWithTeamAlias(context, (owner) => owner === user.user_id),
    teams: user.teams.map((teamId) => state.teams.get(teamId)).filter((team) => team !== undefined),
  };
}

function infoV2(context: RequestContext): unknown {
  const { principal, state } = context;
  const userId = context.query.get('user_id') ?? principal.userId;
  const user = userId ? state.users.get(userId) : undefined;
  if (!user || !canReadUser(context, user)) {
    throw proxyError(404, `User not found: ${userId}`, 'not_found_error', 'user_id');
  }
  return {
    user_id: user.user_id,
    user_email: user.user_email,
    user_alias: user.user_alias,
    user_role: user.user_role,
    spend: user.spend,
    max_budget: user.max_budget,
    models: user.models,
    budget_duration: user.budget_duration ?? null,
    budget_reset_at: user.budget_reset_at ?? null,
    metadata: user.metadata,
    created_at: user.created_at,
    updated_at: user.updated_at,
    sso_user_id: user.sso_user_id ?? null,
    teams: user.teams,
  };
}

const USER_SORT_FIELDS = ['user_id', 'user_email', 'created_at', 'spend', 'user_alias', 'user_role'];

function list(context: RequestContext): unknown {
  const { query, principal, state } = context;
  const readAll = canReadAll(principal);
  if (!readAll && principal.role !== 'org_admin') {
    throw detailError(403, 'Only proxy admins and organization admins can list users.');
  }
  const page = queryInteger(query, 'page', 1, { min: 1 });
  const pageSize = queryInteger(query, 'page_size', 25, { min: 1, max: 100 });
  const role = query.get('role');
  const userIds = queryList(query, 'user_ids');
  const ssoUserIds = queryList(query, 'sso_user_ids');
  const email = query.get('user_email')?.toLowerCase();
  const team = query.get('team');
  const organizationIds = queryList(query, 'organization_ids');
  const sortBy = query.get('sort_by');
  if (sortBy && !USER_SORT_FIELDS.includes(sortBy)) throw wrappedError(400, `Invalid sort_by: ${sortBy}`);
  const sortOrder = sortOrderParameter(query, sortBy ? 'asc' : 'desc');
  const callerOrganizations = readAll
    ? null
    : new Set(
        (principal.userId ? state.users.get(principal.userId) : undefined)?.organization_memberships
          .filter((membership) => membership.user_role === 'org_admin')
          .map((membership) => membership.organization_id) ?? [],
      );
  const users = [...state.users.values()].filter((user) => {
    const organizations = user.organization_memberships.map((membership) => membership.organization_id);
    if (callerOrganizations && !organizations.some((id) => callerOrganizations.has(id))) return false;
    if (role && user.user_role !== role) return false;
    if (userIds) {
      if (userIds.length === 1) {
        if (!user.user_id.toLowerCase().includes(userIds[0]!.toLowerCase())) return false;
      } else if (!userIds.includes(user.user_id)) return false;
    }
    if (ssoUserIds && !ssoUserIds.includes(String(user.sso_user_id))) return false;
    if (email && !(user.user_email ?? '').toLowerCase().includes(email)) return false;
    if (team && !user.teams.includes(team)) return false;
    if (organizationIds && !organizations.some((id) => organizationIds.includes(id))) return false;
    return true;
  });
  sortRows(users, sortBy ?? 'created_at', sortOrder);
  const result = paginate(users, page, pageSize);
  return {
    users: result.items.map((user) => ({ ...user, key_count: keyCount(state, user.user_id) })),
    total: result.total,
    page,
    page_size: pageSize,
    total_pages: result.totalPages,
  };
}

function filter(context: RequestContext): unknown {
  const { query, state } = context;
  const userId = query.get('user_id')?.toLowerCase();
  const email = query.get('user_email')?.toLowerCase();
  const teamId = query.get('team_id');
  const page = queryInteger(query, 'page', 1, { min: 1 });
  const pageSize = queryInteger(query, 'page_size', 50, { min: 1 });
  const users = [...state.users.values()].filter(
    (user) =>
      (!userId || user.user_id.toLowerCase().includes(userId)) &&
      (!email || (user.user_email ?? '').toLowerCase().includes(email)) &&
      (!teamId || user.teams.includes(teamId)),
  );
  return paginate(users, page, pageSize).items.map((user) => ({
    user_id: user.user_id,
    user_email: user.user_email,
  }));
}

const AVAILABLE_ROLES = {
  proxy_admin: {
    description: 'Proxy Admin - Can create/delete/update keys, teams, users and models',
    ui_label: 'Admin (All Permissions)',
  },
  proxy_admin_viewer: {
    description: 'Proxy Admin Viewer - Can view all keys, teams and spend',
    ui_label: 'Admin (View Only)',
  },
  internal_user: {
    description: 'Internal User - Can create/view/delete their own keys and view their own spend',
    ui_label: 'Internal User (Create/Delete/View)',
  },
  internal_user_viewer: {
    description: 'Internal User Viewer - Can view their own keys and spend',
    ui_label: 'Internal User (View Only)',
  },
};

/** At most this many users per `/user/bulk_update` call, as in LiteLLM. */
const BULK_UPDATE_LIMIT = 500;

function bulkUpdate(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const users = reader.array('users');
  const allUsers = reader.boolean('all_users');
  const updates = reader.object('user_updates');
  reader.done();
  const requests: JsonObject[] =
    allUsers === true && updates
      ? [...context.state.users.values()].map((user) => ({ ...updates, user_id: user.user_id }))
      : ((users ?? []).filter(isJsonObject) as JsonObject[]);
  if (requests.length === 0) throw detailError(400, 'Provide users, or all_users=true with user_updates');
  if (requests.length > BULK_UPDATE_LIMIT) {
    throw detailError(
      400,
      `Maximum ${BULK_UPDATE_LIMIT} users can be updated at once. Received ${requests.length}.`,
    );
  }
  const results = requests.map((request) => {
    try {
      const result = update({ ...context, body: request }) as { data: UserRecord };
      return {
        user_id: result.data.user_id,
        user_email: result.data.user_email,
        success: true,
        error: null,
        updated_user: result.data,
      };
    } catch (error) {
      const message = error instanceof HttpError ? JSON.stringify(error.body) : String(error);
      return {
        user_id: request.user_id ?? null,
        user_email: request.user_email ?? null,
        success: false,
        error: message,
        updated_user: null,
      };
    }
  });
  const successful = results.filter((result) => result.success).length;
  return {
    results,
    total_requested: requests.length,
    successful_updates: successful,
    failed_updates: requests.length - successful,
  };
}

export const userRoutes: RouteDefinition[] = [
  route('POST', '/user/new', 'org', create),
  route('POST', '/user/update', 'any', update),
  route('POST', '/user/delete', 'admin', deleteUsers),
  route('POST', '/user/bulk_update', 'admin', bulkUpdate),
  route('GET', '/user/info', 'any', info),
  route('GET', '/v2/user/info', 'any', infoV2),
  route('GET', '/user/list', 'any', list),
  route('GET', '/user/filter/ui', 'admin', filter),
  route('GET', '/user/available_roles', 'any', () => AVAILABLE_ROLES),
];
