import type { JsonObject } from '../http/validate.js';
import { generateId } from '../store/identifiers.js';
import type { TeamMember, TeamRecord } from '../store/records.js';
import type { FakeWorkerState } from '../store/state.js';
import { budgetResetAt, isoTime } from './common.js';
import { isSessionKey } from './keys.js';
import { addTeamToUser } from './users.js';

export type TeamFields = Partial<
  Pick<
    TeamRecord,
    | 'team_id'
    | 'team_alias'
    | 'organization_id'
    | 'members_with_roles'
    | 'admins'
    | 'members'
    | 'models'
    | 'blocked'
    | 'spend'
    | 'max_budget'
    | 'metadata'
  >
> & { [field: string]: unknown };

export function insertTeam(state: FakeWorkerState, fields: TeamFields, now: number): TeamRecord {
  const timestamp = isoTime(now);
  const team: TeamRecord = {
    team_id: fields.team_id ?? generateId(),
    team_alias: fields.team_alias ?? null,
    organization_id: fields.organization_id ?? null,
    admins: fields.admins ?? [],
    members: fields.members ?? [],
    members_with_roles: fields.members_with_roles ?? [],
    team_member_permissions: fields.team_member_permissions ?? null,
    metadata: fields.metadata ?? {},
    tpm_limit: fields.tpm_limit ?? null,
    rpm_limit: fields.rpm_limit ?? null,
    max_parallel_requests: fields.max_parallel_requests ?? null,
    max_budget: fields.max_budget ?? null,
    budget_duration: fields.budget_duration ?? null,
    budget_reset_at: budgetResetAt(fields.budget_duration as string | null | undefined, now),
    models: fields.models ?? [],
    blocked: fields.blocked ?? false,
    spend: fields.spend ?? 0,
    model_spend: {},
    model_max_budget: fields.model_max_budget ?? {},
    model_id: fields.model_id ?? null,
    litellm_model_table: fields.litellm_model_table ?? null,
    object_permission_id: null,
    object_permission: fields.object_permission ?? null,
    created_at: timestamp,
    updated_at: timestamp,
  };
  state.teams.set(team.team_id, team);
  for (const member of team.members_with_roles) addTeamToUser(state, member.user_id, team.team_id);
  return team;
}

export function teamMemberships(state: FakeWorkerState, team: TeamRecord): JsonObject[] {
  const rows: JsonObject[] = [];
  for (const member of team.members_with_roles) {
    if (!member.user_id) continue;
    const membership = state.teamMemberships.get(`${team.team_id}/${member.user_id}`);
    rows.push(
      membership ?? {
        user_id: member.user_id,
        team_id: team.team_id,
        budget_id: null,
        spend: 0,
        litellm_budget_table: null,
      },
    );
  }
  return rows;
}

export function teamKeys(state: FakeWorkerState, teamId: string): JsonObject[] {
  const keys: JsonObject[] = [];
  for (const key of state.keys.values()) if (key.team_id === teamId && !isSessionKey(key)) keys.push(key);
  return keys;
}

export function findMember(
  team: TeamRecord,
  userId: string | null | undefined,
  email: string | null | undefined,
) {
  return team.members_with_roles.find(
    (member: TeamMember) =>
      (userId && member.user_id === userId) ||
      (email && member.user_email && member.user_email.toLowerCase() === email.toLowerCase()),
  );
}
