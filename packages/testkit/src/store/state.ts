import type { AdminCollection, AdminRecord } from '../domain/admin-objects.js';
import type {
  BudgetRecord,
  CustomerRecord,
  DeploymentRecord,
  KeyRecord,
  LoginCode,
  OrganizationRecord,
  SpendLogRecord,
  TeamMembershipRecord,
  TeamRecord,
  UserRecord,
} from './records.js';

export type FakeWorkerCounters = {
  /** Every HTTP request the listener received, including faulted ones. */
  requests: number;
  /** Every request to an LLM route (counted before authentication). */
  llmRequests: number;
};

/**
 * The in-memory database of one fake worker. Tests may read and mutate it directly; handlers treat it
 * as the source of truth on every request.
 */
export class FakeWorkerState {
  /** Virtual keys by token (SHA-256 hex of the raw key). */
  readonly keys = new Map<string, KeyRecord>();
  /** Rows moved here by `/key/delete` (listed by `/key/list?status=deleted`). */
  readonly deletedKeys: KeyRecord[] = [];
  readonly teams = new Map<string, TeamRecord>();
  /** Rows moved here by `/team/delete` (listed by `/v2/team/list?status=deleted`). */
  readonly deletedTeams: TeamRecord[] = [];
  /** Per-member team budgets (`max_budget_in_team`, limits) by `teamId + '/' + userId`. */
  readonly teamMemberships = new Map<string, TeamMembershipRecord>();
  readonly users = new Map<string, UserRecord>();
  /** Deployments by `model_info.id`, in creation order. */
  readonly models = new Map<string, DeploymentRecord>();
  readonly budgets = new Map<string, BudgetRecord>();
  readonly organizations = new Map<string, OrganizationRecord>();
  readonly customers = new Map<string, CustomerRecord>();
  /** Spend log rows in insertion order. */
  readonly spendLogs: SpendLogRecord[] = [];
  readonly counters: FakeWorkerCounters = { requests: 0, llmRequests: 0 };
  /** Single-use `/v3/login` codes. */
  readonly loginCodes = new Map<string, LoginCode>();
  /** Old tokens kept valid after `/key/regenerate` with a `grace_period`: old token → new token. */
  readonly gracePeriodTokens = new Map<string, { token: string; until: number }>();
  /** scrypt hashes of user passwords by user_id; never part of a response. */
  readonly passwordHashes = new Map<string, string>();
  /** MCP servers, guardrails, vector stores, agents, prompts, tags, credentials, search tools by id. */
  readonly adminObjects: Record<AdminCollection, Map<string, AdminRecord>> = {
    mcpServers: new Map(),
    mcpToolsets: new Map(),
    guardrails: new Map(),
    vectorStores: new Map(),
    agents: new Map(),
    prompts: new Map(),
    tags: new Map(),
    credentials: new Map(),
    searchTools: new Map(),
  };

  keyByAlias(alias: string): KeyRecord | undefined {
    for (const key of this.keys.values()) if (key.key_alias === alias) return key;
    return undefined;
  }

  userByEmail(email: string): UserRecord | undefined {
    const lowered = email.toLowerCase();
    for (const user of this.users.values()) if (user.user_email?.toLowerCase() === lowered) return user;
    return undefined;
  }

  isTeamAdmin(teamId: string | null | undefined, userId: string | null): boolean {
    if (!teamId || !userId) return false;
    const team = this.teams.get(teamId);
    return (
      team?.members_with_roles.some((member) => member.user_id === userId && member.role === 'admin') ?? false
    );
  }

  isTeamMember(teamId: string | null | undefined, userId: string | null): boolean {
    if (!teamId || !userId) return false;
    const team = this.teams.get(teamId);
    return team?.members_with_roles.some((member) => member.user_id === userId) ?? false;
  }

  isOrganizationAdmin(organizationId: unknown, userId: string | null): boolean {
    if (typeof organizationId !== 'string' || !userId) return false;
    const user = this.users.get(userId);
    return (
      user?.organization_memberships.some(
        (membership) => membership.organization_id === organizationId && membership.user_role === 'org_admin',
      ) ?? false
    );
  }
}
