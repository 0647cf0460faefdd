import { applyBudgetFields, checkBudgetAmounts, insertBudget, readBudgetFields } from '../domain/budgets.js';
import { actorOf, definedEntries, isoTime } from '../domain/common.js';
import { insertUser } from '../domain/users.js';
import { canReadAll, isProxyAdmin } from '../http/auth.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import type { ValidationIssue } from '../http/errors.js';
import { detailError, missingFieldError, proxyError, validationError } from '../http/errors.js';
import type { JsonObject } from '../http/validate.js';
import { BodyReader, isJsonObject } from '../http/validate.js';
import { generateId } from '../store/identifiers.js';
import type { OrganizationMembership, OrganizationRecord, UserRecord } from '../store/records.js';

const ORGANIZATION_ROLES = ['org_admin', 'internal_user', 'internal_user_viewer'] as const;
type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

function memberships(context: RequestContext, organizationId: string): OrganizationMembership[] {
  const rows: OrganizationMembership[] = [];
  for (const user of context.state.users.values()) {
    for (const membership of user.organization_memberships) {
      if (membership.organization_id === organizationId) rows.push({ ...membership, user });
    }
  }
  return rows;
}

function withDetails(context: RequestContext, organization: OrganizationRecord): JsonObject {
  const teams = [...context.state.teams.values()].filter(
    (team) => team.organization_id === organization.organization_id,
  );
  return {
    ...organization,
    litellm_budget_table: context.state.budgets.get(organization.budget_id) ?? null,
    members: memberships(context, organization.organization_id),
    teams,
  };
}

function isMember(context: RequestContext, organizationId: string): boolean {
  const user = context.principal.userId ? context.state.users.get(context.principal.userId) : undefined;
  return (
    user?.organization_memberships.some((membership) => membership.organization_id === organizationId) ??
    false
  );
}

function create(context: RequestContext): unknown {
  if (!isProxyAdmin(context.principal)) {
    throw detailError(401, `Only admins can create orgs. Your role is = ${context.principal.role}`);
  }
  const reader = new BodyReader(context.body);
  const alias = reader.requiredString('organization_alias');
  const organizationId = reader.string('organization_id');
  const budgetId = reader.string('budget_id');
  const models = reader.stringArray('models');
  const metadata = reader.object('metadata');
  const objectPermission = reader.object('object_permission');
  const budgetFields = readBudgetFields(reader);
  reader.done();
  checkBudgetAmounts(budgetFields);
  const { state } = context;
  if (organizationId && state.organizations.has(organizationId)) {
    throw detailError(400, `Organization with id=${organizationId} already exists`);
  }
  if (budgetId && !state.budgets.has(budgetId))
    throw detailError(400, `Budget with id=${budgetId} not found`);
  const budget = budgetId ? state.budgets.get(budgetId)! : insertBudget(context, budgetFields);
  const timestamp = isoTime(context.now);
  const actor = actorOf(context);
  const organization: OrganizationRecord = {
    organization_id: organizationId ?? generateId(),
    organization_alias: alias,
    budget_id: budget.budget_id,
    spend: 0,
    metadata: metadata ?? {},
    models: models ?? [],
    created_by: actor,
    updated_by: actor,
    created_at: timestamp,
    updated_at: timestamp,
    object_permission_id: null,
    object_permission: objectPermission ?? null,
  };
  for (const field of ['model_rpm_limit', 'model_tpm_limit'] as const) {
    if (isJsonObject(reader.body[field])) organization.metadata[field] = reader.body[field];
  }
  state.organizations.set(organization.organization_id, organization);
  return {
    ...definedEntries(reader.body),
    ...organization,
    model_spend: {},
    litellm_budget_table: budget,
  };
}

function update(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const organizationId = reader.requiredString('organization_id');
  const alias = reader.string('organization_alias');
  const budgetId = reader.string('budget_id');
  const spend = reader.number('spend');
  const metadata = reader.object('metadata');
  const models = reader.stringArray('models');
  const objectPermission = reader.object('object_permission');
  const budgetFields = readBudgetFields(reader);
  reader.done();
  checkBudgetAmounts(budgetFields);
  const organization = context.state.organizations.get(organizationId);
  if (!organization) {
    throw proxyError(
      500,
      `Organization not found for organization_id=${organizationId}`,
      'internal_server_error',
    );
  }
  if (alias) organization.organization_alias = alias;
  if (budgetId) organization.budget_id = budgetId;
  if (typeof spend === 'number') organization.spend = spend;
  if (metadata) organization.metadata = metadata;
  if (models) organization.models = models;
  if (objectPermission) organization.object_permission = objectPermission;
  const budget = context.state.budgets.get(organization.budget_id);
  const sent = Object.fromEntries(Object.entries(budgetFields).filter(([field]) => field in reader.body));
  if (budget && Object.keys(sent).length > 0) applyBudgetFields(context, budget, sent);
  organization.updated_at = isoTime(context.now);
  organization.updated_by = actorOf(context);
  return withDetails(context, organization);
}

function remove(context: RequestContext): unknown {
  if (!isProxyAdmin(context.principal)) throw detailError(401, 'Only proxy admins can delete organizations');
  const reader = new BodyReader(context.body);
  const organizationIds = reader.stringArray('organization_ids');
  if (organizationIds === undefined) throw missingFieldError('body', 'organization_ids', reader.body);
  reader.done();
  const { state } = context;
  for (const organizationId of organizationIds ?? []) {
    if (!state.organizations.has(organizationId))
      throw detailError(404, `Organization=${organizationId} not found`);
  }
  const deleted: JsonObject[] = [];
  for (const organizationId of organizationIds ?? []) {
    const organization = state.organizations.get(organizationId)!;
    deleted.push(withDetails(context, organization));
    state.organizations.delete(organizationId);
    const deletedTeams = new Set<string>();
    for (const [teamId, team] of state.teams) {
      if (team.organization_id !== organizationId) continue;
      state.teams.delete(teamId);
      deletedTeams.add(teamId);
      for (const user of state.users.values()) user.teams = user.teams.filter((id) => id !== teamId);
    }
    for (const [token, key] of state.keys) {
      if (key.organization_id === organizationId || (key.team_id !== null && deletedTeams.has(key.team_id))) {
        state.keys.delete(token);
      }
    }
    for (const user of state.users.values()) {
      user.organization_memberships = user.organization_memberships.filter(
        (membership) => membership.organization_id !== organizationId,
      );
    }
  }
  return deleted;
}

function list(context: RequestContext): unknown {
  const organizationId = context.query.get('org_id');
  const alias = context.query.get('org_alias')?.toLowerCase();
  const readAll = canReadAll(context.principal);
  return [...context.state.organizations.values()]
    .filter(
      (organization) =>
        (readAll || isMember(context, organization.organization_id)) &&
        (!organizationId || organization.organization_id === organizationId) &&
        (!alias || organization.organization_alias.toLowerCase().includes(alias)),
    )
    .map((organization) => withDetails(context, organization));
}

function findReadable(context: RequestContext, organizationId: string): OrganizationRecord {
  const organization = context.state.organizations.get(organizationId);
  if (!organization) throw detailError(404, 'Organization not found');
  if (!canReadAll(context.principal) && !isMember(context, organizationId)) {
    throw detailError(403, `User is not a member of organization_id=${organizationId}`);
  }
  return organization;
}

function info(context: RequestContext): unknown {
  const organizationId = context.query.get('organization_id');
  if (!organizationId) throw missingFieldError('query', 'organization_id', null);
  return withDetails(context, findReadable(context, organizationId));
}

function infoDeprecated(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const organizations = reader.stringArray('organizations');
  if (organizations === undefined) throw missingFieldError('body', 'organizations', reader.body);
  reader.done();
  return (organizations ?? []).map((id) => withDetails(context, findReadable(context, id)));
}

function assertOrganizationManager(context: RequestContext, organizationId: string) {
  if (
    isProxyAdmin(context.principal) ||
    context.state.isOrganizationAdmin(organizationId, context.principal.userId)
  )
    return;
  throw proxyError(
    401,
    `You are not a member of the organization specified in the request body. Passed organization_id=${organizationId}`,
    'auth_error',
  );
}

type OrganizationMemberInput = { user_id: string | null; user_email: string | null; role: OrganizationRole };

function readOrganizationMembers(value: unknown): OrganizationMemberInput[] {
  const items = Array.isArray(value) ? value : [value];
  const issues: ValidationIssue[] = [];
  const members: OrganizationMemberInput[] = [];
  items.forEach((item, index) => {
    const location = Array.isArray(value) ? ['body', 'member', index] : ['body', 'member'];
    if (!isJsonObject(item)) {
      issues.push({
        type: 'model_type',
        loc: location,
        msg: 'Input should be a valid dictionary',
        input: item,
      });
      return;
    }
    if (!ORGANIZATION_ROLES.includes(item.role as OrganizationRole)) {
      issues.push({
        type: item.role === undefined ? 'missing' : 'literal_error',
        loc: [...location, 'role'],
        msg:
          item.role === undefined
            ? 'Field required'
            : "Input should be 'org_admin', 'internal_user' or 'internal_user_viewer'",
        input: item.role ?? item,
      });
      return;
    }
    const userId = typeof item.user_id === 'string' ? item.user_id : null;
    const email = typeof item.user_email === 'string' ? item.user_email : null;
    if (!userId && !email) {
      issues.push({
        type: 'value_error',
        loc: location,
        msg: 'Value error, Either user_id or user_email must be provided',
        input: item,
      });
      return;
    }
    members.push({ user_id: userId, user_email: email, role: item.role as OrganizationRole });
  });
  if (issues.length > 0) throw validationError(issues);
  return members;
}

function memberAdd(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const organizationId = reader.requiredString('organization_id');
  const maxBudget = reader.number('max_budget_in_organization');
  if (reader.body.member === undefined) throw missingFieldError('body', 'member', reader.body);
  reader.done();
  const members = readOrganizationMembers(reader.body.member);
  const { state } = context;
  if (!state.organizations.has(organizationId)) {
    throw proxyError(
      404,
      `Authentication Error, Organization not found for organization_id=${organizationId}`,
      'auth_error',
    );
  }
  assertOrganizationManager(context, organizationId);
  const updatedUsers: UserRecord[] = [];
  const updatedMemberships: OrganizationMembership[] = [];
  for (const member of members) {
    const user =
      (member.user_id ? state.users.get(member.user_id) : undefined) ??
      (!member.user_id && member.user_email ? state.userByEmail(member.user_email) : undefined) ??
      insertUser(
        state,
        {
          user_id: member.user_id ?? generateId(),
          user_email: member.user_email,
          user_role: 'internal_user',
        },
        context.now,
      );
    const timestamp = isoTime(context.now);
    const budget = typeof maxBudget === 'number' ? insertBudget(context, { max_budget: maxBudget }) : null;
    let membership = user.organization_memberships.find((item) => item.organization_id === organizationId);
    if (membership) {
      membership.user_role = member.role;
      membership.updated_at = timestamp;
    } else {
      membership = {
        user_id: user.user_id,
        organization_id: organizationId,
        user_role: member.role,
        spend: 0,
        budget_id: budget?.budget_id ?? null,
        created_at: timestamp,
        updated_at: timestamp,
        user_email: user.user_email,
        litellm_budget_table: budget,
      };
      user.organization_memberships.push(membership);
    }
    updatedUsers.push(user);
    updatedMemberships.push(membership);
  }
  return {
    organization_id: organizationId,
    updated_users: updatedUsers,
    updated_organization_memberships: updatedMemberships,
  };
}

function findMembership(context: RequestContext, reader: BodyReader) {
  const organizationId = reader.requiredString('organization_id');
  const userId = reader.string('user_id');
  const email = reader.string('user_email');
  const role = reader.oneOf('role', ORGANIZATION_ROLES);
  const maxBudget = reader.number('max_budget_in_organization');
  reader.done();
  if (!userId && !email) throw detailError(400, 'Either user_id or user_email must be provided');
  if (!context.state.organizations.has(organizationId))
    throw detailError(404, `Organization=${organizationId} not found`);
  assertOrganizationManager(context, organizationId);
  const user = userId ? context.state.users.get(userId) : context.state.userByEmail(email!);
  const membership = user?.organization_memberships.find((item) => item.organization_id === organizationId);
  if (!user || !membership) {
    throw detailError(400, `User ${userId ?? email} is not a member of organization_id=${organizationId}`);
  }
  return { user, membership, role, maxBudget };
}

function memberUpdate(context: RequestContext): unknown {
  const { membership, role, maxBudget } = findMembership(context, new BodyReader(context.body));
  if (role) membership.user_role = role;
  if (typeof maxBudget === 'number') {
    const budget = membership.litellm_budget_table ?? insertBudget(context, { max_budget: maxBudget });
    budget.max_budget = maxBudget;
    membership.litellm_budget_table = budget;
    membership.budget_id = budget.budget_id;
  }
  membership.updated_at = isoTime(context.now);
  return membership;
}

function memberDelete(context: RequestContext): unknown {
  const { user, membership } = findMembership(context, new BodyReader(context.body));
  user.organization_memberships = user.organization_memberships.filter((item) => item !== membership);
  return membership;
}

export const organizationRoutes: RouteDefinition[] = [
  route('POST', '/organization/new', 'any', create),
  route('PATCH', '/organization/update', 'admin', update),
  route('DELETE', '/organization/delete', 'any', remove),
  route('GET', '/organization/list', 'any', list),
  route('GET', '/organization/info', 'any', info),
  route('POST', '/organization/info', 'any', infoDeprecated),
  route('POST', '/organization/member_add', 'any', memberAdd),
  route('PATCH', '/organization/member_update', 'any', memberUpdate),
  route('DELETE', '/organization/member_delete', 'any', memberDelete),
];
