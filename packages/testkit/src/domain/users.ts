import { generateId } from '../store/identifiers.js';
import type { UserRecord } from '../store/records.js';
import type { FakeWorkerState } from '../store/state.js';
import { isoTime } from './common.js';
import { isSessionKey } from './keys.js';

export type UserFields = Partial<
  Pick<
    UserRecord,
    | 'user_id'
    | 'user_email'
    | 'user_alias'
    | 'user_role'
    | 'teams'
    | 'models'
    | 'max_budget'
    | 'spend'
    | 'metadata'
  >
> & { [field: string]: unknown };

/** Inserts a `LiteLLM_UserTable` row with LiteLLM's defaults. */
export function insertUser(state: FakeWorkerState, fields: UserFields, now: number): UserRecord {
  const timestamp = isoTime(now);
  const user: UserRecord = {
    user_id: fields.user_id ?? generateId(),
    user_email: fields.user_email ?? null,
    user_alias: fields.user_alias ?? null,
    user_role: fields.user_role ?? null,
    teams: fields.teams ?? [],
    models: fields.models ?? [],
    max_budget: fields.max_budget ?? null,
    spend: fields.spend ?? 0,
    budget_duration: fields.budget_duration ?? null,
    budget_reset_at: fields.budget_reset_at ?? null,
    tpm_limit: fields.tpm_limit ?? null,
    rpm_limit: fields.rpm_limit ?? null,
    max_parallel_requests: fields.max_parallel_requests ?? null,
    model_max_budget: fields.model_max_budget ?? {},
    model_spend: {},
    metadata: fields.metadata ?? {},
    sso_user_id: fields.sso_user_id ?? null,
    organization_memberships: [],
    object_permission_id: null,
    object_permission: fields.object_permission ?? null,
    created_at: timestamp,
    updated_at: timestamp,
  };
  state.users.set(user.user_id, user);
  return user;
}

/** Number of keys of a user, UI session keys excluded (`key_count` of list rows). */
export function keyCount(state: FakeWorkerState, userId: string): number {
  let count = 0;
  for (const key of state.keys.values()) if (key.user_id === userId && !isSessionKey(key)) count += 1;
  return count;
}

export function addTeamToUser(state: FakeWorkerState, userId: string | null, teamId: string): void {
  if (!userId) return;
  const user = state.users.get(userId);
  if (user && !user.teams.includes(teamId)) user.teams.push(teamId);
}

export function removeTeamFromUser(state: FakeWorkerState, userId: string | null, teamId: string): void {
  if (!userId) return;
  const user = state.users.get(userId);
  if (user) user.teams = user.teams.filter((team) => team !== teamId);
}
