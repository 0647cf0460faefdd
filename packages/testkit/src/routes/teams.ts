import {
  actorOf,
  budgetResetAt,
  definedEntries,
  isoTime,
  sortOrderParameter,
  sortRows,
} from '../domain/common.js';
import { findMember, insertTeam, teamKeys, teamMemberships } from '../domain/teams.js';
import { addTeamToUser, insertUser, removeTeamFromUser } from '../domain/users.js';
import { canReadAll, isProxyAdmin } from '../http/auth.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import type { ValidationIssue } from '../http/errors.js';
import {
  detailError,
  HttpError,
  missingFieldError,
  NOT_PREMIUM_MESSAGE,
  proxyError,
  validationError,
  wrappedError,
} from '../http/errors.js';
import type { JsonObject } from '../http/validate.js';
import { BodyReader, isJsonObject, paginate, queryInteger } from '../http/validate.js';
import { generateId, randomHex } from '../store/identifiers.js';
import type { BudgetRecord, TeamMember, TeamRecord, UserRecord } from '../store/records.js';

function readMember(value: unknown, location: (string | number)[]): TeamMember | ValidationIssue {
  if (!isJsonObject(value)) {
    return {
      type: 'model_type',
      loc: location,
      msg: 'Input should be a valid dictionary or instance of Member',
      input: value,
    };
  }
  if (value.role !== 'admin' && value.role !== 'user') {
    return {
      type: value.role === undefined ? 'missing' : 'literal_error',
      loc: [...location, 'role'],
      msg: value.role === undefined ? 'Field required' : "Input should be 'admin' or 'user'",
      input: value.role ?? value,
    };
  }
  const userId = typeof value.user_id === 'string' ? value.user_id : null;
  const email = typeof value.user_email === 'string' ? value.user_email : null;
  if (!userId && !email) {
    return {
      type: 'value_error',
      loc: location,
      msg: 'Value error, Either user_id or user_email must be provided',
      input: value,
    };
  }
  return { user_id: userId, user_email: email, role: value.role };
}

function readMembers(value: unknown, field: string): TeamMember[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  const members: TeamMember[] = [];
  const issues: ValidationIssue[] = [];
  items.forEach((item, index) => {
    const result = readMember(item, Array.isArray(value) ? ['body', field, index] : ['body', field]);
    if ('role' in result && !('loc' in result)) members.push(result);
    else issues.push(result as ValidationIssue);
  });
  if (issues.length > 0) throw validationError(issues);
  return members;
}

function createMemberBudget(context: RequestContext, budgetId: string, maxBudget: number): BudgetRecord {
  const timestamp = isoTime(context.now);
  const budget: BudgetRecord = {
    budget_id: budgetId,
    max_budget: maxBudget,
    soft_budget: null,
    max_parallel_requests: null,
    tpm_limit: null,
    rpm_limit: null,
    model_max_budget: null,
    budget_duration: null,
    budget_reset_at: null,
    created_at: timestamp,
    created_by: actorOf(context),
    updated_at: timestamp,
    updated_by: actorOf(context),
  };
  context.state.budgets.set(budgetId, budget);
  return budget;
}

function readTeamFields(reader: BodyReader) {
  return {
    team_alias: reader.string('team_alias'),
    organization_id: reader.string('organization_id'),
    admins: reader.stringArray('admins'),
    members: reader.stringArray('members'),
    team_member_permissions: reader.stringArray('team_member_permissions'),
    metadata: reader.object('metadata'),
    tpm_limit: reader.integer('tpm_limit'),
    rpm_limit: reader.integer('rpm_limit'),
    max_parallel_requests: reader.integer('max_parallel_requests'),
    max_budget: reader.number('max_budget'),
    budget_duration: reader.string('budget_duration'),
    models: reader.stringArray('models'),
    blocked: reader.boolean('blocked'),
    model_aliases: reader.object('model_aliases'),
    tags: reader.stringArray('tags'),
    guardrails: reader.stringArray('guardrails'),
    object_permission: reader.object('object_permission'),
    team_member_budget: reader.number('team_member_budget'),
    team_member_key_duration: reader.string('team_member_key_duration'),
    model_max_budget: reader.object('model_max_budget'),
  };
}

function teamMetadata(
  context: RequestContext,
  fields: ReturnType<typeof readTeamFields>,
  base: JsonObject,
  alias: string | null,
) {
  const metadata: JsonObject = { ...base };
  if (fields.tags) metadata.tags = fields.tags;
  if (fields.guardrails) metadata.guardrails = fields.guardrails;
  if (fields.team_member_key_duration) metadata.team_member_key_duration = fields.team_member_key_duration;
  if (typeof fields.team_member_budget === 'number') {
    const budgetId = `team-${alias ?? 'team'}-budget-${randomHex(8)}`;
    createMemberBudget(context, budgetId, fields.team_member_budget);
    metadata.team_member_budget_id = budgetId;
  }
  return metadata;
}

function create(context: RequestContext): unknown {
  const reader = new BodyReader(context.body ?? {});
  const teamId = reader.string('team_id');
  const fields = readTeamFields(reader);
  reader.done();
  const members = readMembers(reader.body.members_with_roles, 'members_with_roles');
  const { state, principal } = context;
  if (teamId && state.teams.has(teamId)) {
    throw wrappedError(400, `Team id = ${teamId} already exists. Please use a different team id.`);
  }
  if (fields.organization_id && !state.organizations.has(fields.organization_id)) {
    throw wrappedError(400, `Organization not found for organization_id=${fields.organization_id}`);
  }
  const creator = principal.userId ?? 'default_user_id';
  if (!members.some((member) => member.user_id === creator)) {
    members.push({ user_id: creator, user_email: null, role: 'admin' });
  }
  let modelTable: JsonObject | null = null;
  let modelId: number | null = null;
  if (fields.model_aliases && Object.keys(fields.model_aliases).length > 0) {
    modelId = state.teams.size + 1;
    modelTable = {
      id: modelId,
      model_aliases: fields.model_aliases,
      created_by: actorOf(context),
      updated_by: actorOf(context),
    };
  }
  const team = insertTeam(
    state,
    {
      team_id: teamId ?? undefined,
      team_alias: fields.team_alias ?? null,
      organization_id: fields.organization_id ?? null,
      admins: fields.admins ?? [],
      members: fields.members ?? [],
      members_with_roles: members,
      team_member_permissions: fields.team_member_permissions ?? null,
      metadata: teamMetadata(context, fields, fields.metadata ?? {}, fields.team_alias ?? null),
      tpm_limit: fields.tpm_limit ?? null,
      rpm_limit: fields.rpm_limit ?? null,
      max_parallel_requests: fields.max_parallel_requests ?? null,
      max_budget: fields.max_budget ?? null,
      budget_duration: fields.budget_duration ?? null,
      models: fields.models ?? [],
      blocked: fields.blocked ?? false,
      model_max_budget: fields.model_max_budget ?? {},
      model_id: modelId,
      litellm_model_table: modelTable,
      object_permission: fields.object_permission ?? null,
    },
    context.now,
  );
  // LiteLLM answers with the request's fields over the stored row, and the organization joined in.
  const organization = team.organization_id ? state.organizations.get(team.organization_id) : undefined;
  return {
    ...definedEntries(reader.body),
    ...team,
    soft_budget: reader.body.soft_budget ?? null,
    litellm_organization_table: organization ?? null,
  };
}

function teamNotFound(teamId: string) {
  return detailError(404, `Team not found, passed team_id=${teamId}`);
}

function requireTeamId(reader: BodyReader): string {
  const teamId = reader.requiredString('team_id');
  reader.done();
  return teamId;
}

function update(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const teamId = reader.requiredString('team_id');
  const fields = readTeamFields(reader);
  reader.done();
  const { state, principal } = context;
  const team = state.teams.get(teamId);
  if (!team) throw teamNotFound(teamId);
  // The gate let an org admin through for the body's organization; the team must belong to it too.
  if (!isProxyAdmin(principal) && !state.isOrganizationAdmin(team.organization_id, principal.userId)) {
    throw detailError(
      403,
      `Only proxy admins or org admins of the team's organization can update team=${teamId}`,
    );
  }
  if (fields.organization_id && !state.organizations.has(fields.organization_id)) {
    throw detailError(404, `Organization not found for organization_id=${fields.organization_id}`);
  }
  const assignable = [
    'team_alias',
    'tpm_limit',
    'rpm_limit',
    'max_parallel_requests',
    'max_budget',
    'models',
    'blocked',
    'team_member_permissions',
    'object_permission',
    'model_max_budget',
  ] as const;
  for (const field of assignable) {
    const value = fields[field];
    if (value !== undefined && value !== null) team[field] = value as never;
  }
  if (fields.organization_id !== undefined && fields.organization_id !== null) {
    team.organization_id = fields.organization_id === '' ? null : fields.organization_id;
  }
  if (fields.budget_duration) {
    team.budget_duration = fields.budget_duration;
    team.budget_reset_at = budgetResetAt(fields.budget_duration, context.now);
  }
  if (fields.model_aliases) {
    team.model_id = team.model_id ?? state.teams.size + 1;
    team.litellm_model_table = {
      id: team.model_id,
      model_aliases: fields.model_aliases,
      created_by: actorOf(context),
      updated_by: actorOf(context),
    };
  }
  const metadataChanged =
    fields.metadata ||
    fields.tags ||
    fields.guardrails ||
    fields.team_member_key_duration ||
    fields.team_member_budget != null;
  if (metadataChanged) {
    team.metadata = teamMetadata(context, fields, fields.metadata ?? team.metadata ?? {}, team.team_alias);
  }
  team.updated_at = isoTime(context.now);
  return { team_id: teamId, data: team };
}

function deleteTeams(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const teamIds = reader.stringArray('team_ids');
  if (teamIds === undefined) throw missingFieldError('body', 'team_ids', reader.body);
  reader.done();
  const { state, principal } = context;
  for (const teamId of teamIds ?? []) {
    const team = state.teams.get(teamId);
    if (!team) throw teamNotFound(teamId);
    if (!isProxyAdmin(principal) && !state.isOrganizationAdmin(team.organization_id, principal.userId)) {
      throw detailError(
        403,
        `Only proxy admins or org admins of the team's organization can delete team=${teamId}`,
      );
    }
  }
  for (const teamId of teamIds ?? []) {
    const team = state.teams.get(teamId)!;
    state.teams.delete(teamId);
    state.deletedTeams.push({ ...team, deleted_at: isoTime(context.now), deleted_by: actorOf(context) });
    for (const [token, key] of state.keys) if (key.team_id === teamId) state.keys.delete(token);
    for (const member of team.members_with_roles) {
      removeTeamFromUser(state, member.user_id, teamId);
      if (member.user_id) state.teamMemberships.delete(`${teamId}/${member.user_id}`);
    }
  }
  return { deleted_teams: teamIds };
}

function canReadTeam(context: RequestContext, team: TeamRecord): boolean {
  const { principal, state } = context;
  return (
    canReadAll(principal) ||
    state.isTeamMember(team.team_id, principal.userId) ||
    principal.key?.team_id === team.team_id ||
    state.isOrganizationAdmin(team.organization_id, principal.userId)
  );
}

function teamWithDetails(context: RequestContext, team: TeamRecord): JsonObject {
  return {
    ...team,
    team_memberships: teamMemberships(context.state, team),
    keys: teamKeys(context.state, team.team_id),
  };
}

function info(context: RequestContext): unknown {
  const teamId = context.query.get('team_id');
  if (!teamId) throw proxyError(422, 'Malformed request. No team id passed in.', 'auth_error', 'team_id');
  const team = context.state.teams.get(teamId);
  if (!team) throw proxyError(404, `Team not found, passed team id: ${teamId}.`, 'auth_error', 'team_id');
  if (!canReadTeam(context, team)) {
    throw proxyError(
      403,
      `User=${context.principal.userId} not authorized to access this team=${teamId}`,
      'auth_error',
      'team_id',
    );
  }
  const memberBudgetId = team.metadata?.team_member_budget_id;
  return {
    team_id: teamId,
    team_info: {
      ...team,
      team_member_budget_table:
        typeof memberBudgetId === 'string' ? (context.state.budgets.get(memberBudgetId) ?? null) : null,
    },
    keys: teamKeys(context.state, teamId),
    team_memberships: teamMemberships(context.state, team),
  };
}

function visibleTeams(
  context: RequestContext,
  userId: string | null,
  organizationId: string | null,
): TeamRecord[] {
  const { principal, state } = context;
  const readAll = canReadAll(principal);
  if (!readAll && userId && userId !== principal.userId) {
    throw detailError(
      401,
      `Only admin users can query all teams/other teams. Your user role=${principal.role}`,
    );
  }
  return [...state.teams.values()].filter((team) => {
    if (team.team_id === 'litellm-dashboard') return false;
    if (!readAll) {
      const member =
        state.isTeamMember(team.team_id, principal.userId) || principal.key?.team_id === team.team_id;
      const orgAdmin = state.isOrganizationAdmin(team.organization_id, principal.userId);
      if (!member && !orgAdmin) return false;
    }
    if (userId && !team.members_with_roles.some((member) => member.user_id === userId)) return false;
    if (organizationId === 'default_organization') return team.organization_id === null;
    if (organizationId && team.organization_id !== organizationId) return false;
    return true;
  });
}

function list(context: RequestContext): unknown {
  const teams = visibleTeams(context, context.query.get('user_id'), context.query.get('organization_id'));
  sortRows(teams, 'team_alias', 'asc');
  return teams.map((team) => teamWithDetails(context, team));
}

const TEAM_SORT_FIELDS = ['team_id', 'team_alias', 'created_at'];

function listV2(context: RequestContext): unknown {
  const { query, principal } = context;
  const page = queryInteger(query, 'page', 1, { min: 1 });
  const pageSize = queryInteger(query, 'page_size', 10, { min: 1, max: 100 });
  const userId = query.get('user_id');
  const status = query.get('status');
  if (status && status !== 'deleted')
    throw wrappedError(400, `Invalid status value: ${status}. Only 'deleted' is supported.`);
  if (!canReadAll(principal) && principal.role !== 'org_admin' && !userId) {
    throw detailError(
      401,
      `Only admin users can query all teams/other teams. Your user role=${principal.role}`,
    );
  }
  const organizationId = query.get('organization_id');
  if (
    principal.role === 'org_admin' &&
    organizationId &&
    !context.state.isOrganizationAdmin(organizationId, principal.userId)
  ) {
    throw detailError(403, `User is not an admin of organization_id=${organizationId}`);
  }
  const sortBy = query.get('sort_by') ?? 'created_at';
  if (!TEAM_SORT_FIELDS.includes(sortBy)) throw wrappedError(400, `Invalid sort_by: ${sortBy}`);
  const sortOrder = sortOrderParameter(query, query.get('sort_by') ? 'asc' : 'desc');
  const teamId = query.get('team_id');
  const alias = query.get('team_alias')?.toLowerCase();
  const search = query.get('search')?.toLowerCase();
  const source =
    status === 'deleted' ? [...context.state.deletedTeams] : visibleTeams(context, userId, organizationId);
  const teams = source.filter(
    (team) =>
      (!teamId || team.team_id === teamId) &&
      (!alias || (team.team_alias ?? '').toLowerCase().includes(alias)) &&
      (!search ||
        team.team_id === query.get('search') ||
        (team.team_alias ?? '').toLowerCase().includes(search)),
  );
  sortRows(teams, sortBy, sortOrder);
  const result = paginate(teams, page, pageSize);
  return {
    teams: result.items.map((team) => teamWithDetails(context, team)),
    total: result.total,
    page,
    page_size: pageSize,
    total_pages: result.totalPages,
  };
}

function assertMemberManager(context: RequestContext, team: TeamRecord, path: string) {
  const { principal, state } = context;
  if (
    isProxyAdmin(principal) ||
    state.isTeamAdmin(team.team_id, principal.userId) ||
    state.isOrganizationAdmin(team.organization_id, principal.userId)
  ) {
    return;
  }
  throw detailError(
    403,
    `Call not allowed. User not proxy admin OR team admin. route=${path}, team_id=${team.team_id}`,
  );
}

function resolveUser(
  context: RequestContext,
  member: { user_id: string | null; user_email: string | null },
): UserRecord {
  const { state } = context;
  const byId = member.user_id ? state.users.get(member.user_id) : undefined;
  if (byId) return byId;
  const byEmail = !member.user_id && member.user_email ? state.userByEmail(member.user_email) : undefined;
  if (byEmail) return byEmail;
  return insertUser(
    state,
    { user_id: member.user_id ?? generateId(), user_email: member.user_email, user_role: 'internal_user' },
    context.now,
  );
}

function setMembershipBudget(
  context: RequestContext,
  teamId: string,
  userId: string,
  maxBudget: number | null | undefined,
) {
  const key = `${teamId}/${userId}`;
  const existing = context.state.teamMemberships.get(key);
  let budget = existing?.litellm_budget_table ?? null;
  if (typeof maxBudget === 'number') {
    budget = budget
      ? { ...budget, max_budget: maxBudget }
      : createMemberBudget(context, generateId(), maxBudget);
    context.state.budgets.set(budget.budget_id, budget);
  }
  const membership = {
    user_id: userId,
    team_id: teamId,
    budget_id: budget?.budget_id ?? null,
    spend: existing?.spend ?? 0,
    litellm_budget_table: budget,
  };
  context.state.teamMemberships.set(key, membership);
  return membership;
}

function memberAdd(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const teamId = reader.requiredString('team_id');
  const maxBudgetInTeam = reader.number('max_budget_in_team');
  if (reader.body.member === undefined) throw missingFieldError('body', 'member', reader.body);
  reader.done();
  const members = readMembers(reader.body.member, 'member');
  const { state } = context;
  const team = state.teams.get(teamId);
  if (!team) throw detailError(404, `Team not found for team_id=${teamId}`);
  assertMemberManager(context, team, '/team/member_add');
  if (!context.settings.premium && members.some((member) => member.role === 'admin')) {
    throw detailError(400, `Assigning team admins is a premium feature. ${NOT_PREMIUM_MESSAGE}`);
  }
  const updatedUsers: UserRecord[] = [];
  const updatedMemberships: JsonObject[] = [];
  for (const member of members) {
    const user = resolveUser(context, member);
    if (findMember(team, user.user_id, member.user_email)) {
      throw proxyError(
        400,
        `User with user_id=${user.user_id} already in team. Existing members=${JSON.stringify(team.members_with_roles)}`,
        'team_member_already_in_team',
        'user_id',
      );
    }
    team.members_with_roles.push({
      user_id: user.user_id,
      user_email: member.user_email ?? user.user_email,
      role: member.role,
    });
    addTeamToUser(state, user.user_id, teamId);
    updatedUsers.push(user);
    updatedMemberships.push(setMembershipBudget(context, teamId, user.user_id, maxBudgetInTeam));
  }
  team.updated_at = isoTime(context.now);
  return { ...team, updated_users: updatedUsers, updated_team_memberships: updatedMemberships };
}

function memberDelete(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const teamId = reader.requiredString('team_id');
  const userId = reader.string('user_id');
  const email = reader.string('user_email');
  reader.done();
  if (!userId && !email) throw detailError(400, 'Either user_id or user_email needs to be passed in');
  const { state } = context;
  const team = state.teams.get(teamId);
  if (!team) throw detailError(400, `Team id=${teamId} does not exist in db`);
  assertMemberManager(context, team, '/team/member_delete');
  const member = findMember(team, userId, email);
  if (!member) throw detailError(400, 'User not found in team');
  team.members_with_roles = team.members_with_roles.filter((item) => item !== member);
  removeTeamFromUser(state, member.user_id, teamId);
  if (member.user_id) state.teamMemberships.delete(`${teamId}/${member.user_id}`);
  team.updated_at = isoTime(context.now);
  return team;
}

function memberUpdate(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const teamId = reader.requiredString('team_id');
  const userId = reader.string('user_id');
  const email = reader.string('user_email');
  const role = reader.oneOf('role', ['admin', 'user']);
  const maxBudgetInTeam = reader.number('max_budget_in_team');
  const tpmLimit = reader.integer('tpm_limit');
  const rpmLimit = reader.integer('rpm_limit');
  reader.done();
  if (!userId && !email) throw detailError(400, 'Either user_id or user_email needs to be passed in');
  const { state } = context;
  const team = state.teams.get(teamId);
  if (!team) throw detailError(400, `Team id=${teamId} does not exist in db`);
  assertMemberManager(context, team, '/team/member_update');
  const member = findMember(team, userId, email);
  if (!member) throw detailError(400, 'User not found in team');
  if (role) {
    if (role === 'admin' && !context.settings.premium) {
      throw detailError(400, `Assigning team admins is a premium feature. ${NOT_PREMIUM_MESSAGE}`);
    }
    member.role = role;
  }
  if (member.user_id) setMembershipBudget(context, teamId, member.user_id, maxBudgetInTeam);
  team.updated_at = isoTime(context.now);
  return {
    team_id: teamId,
    user_id: member.user_id,
    user_email: member.user_email,
    max_budget_in_team: maxBudgetInTeam ?? null,
    tpm_limit: tpmLimit ?? null,
    rpm_limit: rpmLimit ?? null,
  };
}

function setBlocked(blocked: boolean) {
  return (context: RequestContext): unknown => {
    const teamId = requireTeamId(new BodyReader(context.body));
    const team = context.state.teams.get(teamId);
    if (!team) throw teamNotFound(teamId);
    team.blocked = blocked;
    team.updated_at = isoTime(context.now);
    return team;
  };
}

function changeModels(add: boolean) {
  return (context: RequestContext): unknown => {
    const reader = new BodyReader(context.body);
    const teamId = reader.requiredString('team_id');
    const models = reader.stringArray('models');
    if (models === undefined) throw missingFieldError('body', 'models', reader.body);
    reader.done();
    const team = context.state.teams.get(teamId);
    if (!team) throw teamNotFound(teamId);
    const current = new Set(team.models);
    for (const model of models ?? []) {
      if (add) current.add(model);
      else current.delete(model);
    }
    team.models = [...current];
    team.updated_at = isoTime(context.now);
    return team;
  };
}

const TEAM_MEMBER_PERMISSIONS = [
  '/key/generate',
  '/key/update',
  '/key/delete',
  '/key/info',
  '/key/list',
  '/key/regenerate',
  '/key/block',
  '/key/unblock',
  '/key/{key_id}/regenerate',
];

function permissionsList(context: RequestContext): unknown {
  const teamId = context.query.get('team_id');
  if (!teamId) throw missingFieldError('query', 'team_id', null);
  const team = context.state.teams.get(teamId);
  if (!team) throw teamNotFound(teamId);
  assertMemberManager(context, team, '/team/permissions_list');
  return {
    team_id: teamId,
    team_member_permissions: team.team_member_permissions ?? [],
    all_available_permissions: TEAM_MEMBER_PERMISSIONS,
  };
}

function permissionsUpdate(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const teamId = reader.requiredString('team_id');
  const permissions = reader.stringArray('team_member_permissions');
  reader.done();
  const team = context.state.teams.get(teamId);
  if (!team) throw teamNotFound(teamId);
  assertMemberManager(context, team, '/team/permissions_update');
  team.team_member_permissions = permissions ?? [];
  return team;
}

/** `PATCH /team/{team_id}`: like `/team/update`, with `metadata` applied as a JSON merge patch. */
function patchTeam(context: RequestContext): unknown {
  const teamId = context.params[0]!;
  const team = context.state.teams.get(teamId);
  if (!team) throw teamNotFound(teamId);
  const body = new BodyReader(context.body ?? {}).body;
  const patched: JsonObject = { ...body, team_id: teamId };
  if (isJsonObject(body.metadata)) {
    const metadata: JsonObject = { ...(team.metadata ?? {}) };
    for (const [field, value] of Object.entries(body.metadata)) {
      if (value === null) delete metadata[field];
      else metadata[field] = value;
    }
    patched.metadata = metadata;
  }
  update({ ...context, body: patched });
  return team;
}

function bulkMemberAdd(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const teamId = reader.requiredString('team_id');
  const allUsers = reader.boolean('all_users');
  const maxBudgetInTeam = reader.number('max_budget_in_team');
  reader.done();
  const members =
    allUsers === true
      ? [...context.state.users.values()].map((user) => ({ role: 'user', user_id: user.user_id }))
      : readMembers(reader.body.members, 'members');
  if (members.length === 0) throw detailError(400, 'At least one member is required, or all_users=true');
  const team = context.state.teams.get(teamId);
  if (!team) throw detailError(404, `Team not found for team_id=${teamId}`);
  const results: JsonObject[] = [];
  for (const member of members) {
    const single = { ...context, body: { team_id: teamId, member, max_budget_in_team: maxBudgetInTeam } };
    try {
      memberAdd(single);
      results.push({
        user_id: member.user_id ?? null,
        user_email: (member as TeamMember).user_email ?? null,
        success: true,
        error: null,
      });
    } catch (error) {
      const body = error instanceof HttpError ? error.body : null;
      results.push({ user_id: member.user_id ?? null, success: false, error: JSON.stringify(body) });
    }
  }
  const successful = results.filter((result) => result.success).length;
  return {
    results,
    total_requested: members.length,
    successful_additions: successful,
    failed_additions: members.length - successful,
    updated_team: context.state.teams.get(teamId) ?? null,
  };
}

function filterTeams(context: RequestContext): unknown {
  const { query } = context;
  const teamId = query.get('team_id');
  const alias = query.get('team_alias')?.toLowerCase();
  const page = queryInteger(query, 'page', 1, { min: 1 });
  const pageSize = queryInteger(query, 'page_size', 50, { min: 1 });
  const teams = [...context.state.teams.values()].filter(
    (team) =>
      (!teamId || team.team_id === teamId) &&
      (!alias || (team.team_alias ?? '').toLowerCase().includes(alias)),
  );
  return paginate(teams, page, pageSize).items;
}

export const teamRoutes: RouteDefinition[] = [
  route('POST', '/team/new', 'org', create),
  route('POST', '/team/update', 'org', update),
  route('POST', '/team/delete', 'org', deleteTeams),
  route('GET', '/team/info', 'any', info),
  route('GET', '/team/list', 'any', list),
  route('GET', '/v2/team/list', 'any', listV2),
  route('POST', '/team/member_add', 'any', memberAdd),
  route('POST', '/team/member_delete', 'any', memberDelete),
  route('POST', '/team/member_update', 'any', memberUpdate),
  route('POST', '/team/block', 'admin', setBlocked(true)),
  route('POST', '/team/unblock', 'admin', setBlocked(false)),
  route('POST', '/team/model/add', 'admin', changeModels(true)),
  route('POST', '/team/model/delete', 'admin', changeModels(false)),
  route('GET', '/team/available', 'any', () => []),
  route('PATCH', '/team/{team_id}', 'org', patchTeam),
  route('POST', '/team/bulk_member_add', 'any', bulkMemberAdd),
  route('GET', '/team/filter/ui', 'admin', filterTeams),
  route('GET', '/team/permissions_list', 'any', permissionsList),
  route('POST', '/team/permissions_update', 'any', permissionsUpdate),
];
