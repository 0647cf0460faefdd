import type { JsonObject } from '../http/validate.js';

/** `LiteLLM_VerificationToken` as returned by info/list endpoints; unknown request fields are kept. */
export interface KeyRecord extends JsonObject {
  token: string;
  key_name: string;
  key_alias: string | null;
  spend: number;
  max_budget: number | null;
  expires: string | null;
  models: string[];
  user_id: string | null;
  team_id: string | null;
  organization_id: string | null;
  blocked: boolean | null;
  allowed_routes: unknown[];
  metadata: JsonObject;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

export type TeamMember = { user_id: string | null; user_email: string | null; role: 'admin' | 'user' };

/** `LiteLLM_TeamMembership`. */
export type TeamMembershipRecord = {
  user_id: string;
  team_id: string;
  budget_id: string | null;
  spend: number;
  litellm_budget_table: BudgetRecord | null;
};

/** `LiteLLM_TeamTable`. */
export interface TeamRecord extends JsonObject {
  team_id: string;
  team_alias: string | null;
  organization_id: string | null;
  members_with_roles: TeamMember[];
  admins: string[];
  members: string[];
  models: string[];
  blocked: boolean;
  spend: number;
  max_budget: number | null;
  metadata: JsonObject | null;
  created_at: string;
  updated_at: string;
}

export type OrganizationMembership = {
  user_id: string;
  organization_id: string;
  user_role: 'org_admin' | 'internal_user' | 'internal_user_viewer';
  spend: number;
  budget_id: string | null;
  created_at: string;
  updated_at: string;
  user_email?: string | null;
  litellm_budget_table: BudgetRecord | null;
  /** The member's user row, attached on organization reads. */
  user?: unknown;
};

/** `LiteLLM_UserTable`. The password hash is kept outside the record so it is never serialised. */
export interface UserRecord extends JsonObject {
  user_id: string;
  user_email: string | null;
  user_alias: string | null;
  user_role: string | null;
  teams: string[];
  models: string[];
  max_budget: number | null;
  spend: number;
  metadata: JsonObject;
  organization_memberships: OrganizationMembership[];
  created_at: string;
  updated_at: string;
}

/** Deployment as stored (config or DB); `model_info.id` is the deployment id. */
export interface DeploymentRecord extends JsonObject {
  model_name: string;
  litellm_params: JsonObject & { model: string };
  model_info: JsonObject & { id: string; db_model: boolean };
}

/** `LiteLLM_BudgetTable`. */
export interface BudgetRecord extends JsonObject {
  budget_id: string;
  max_budget: number | null;
  soft_budget: number | null;
  max_parallel_requests: number | null;
  tpm_limit: number | null;
  rpm_limit: number | null;
  model_max_budget: JsonObject | null;
  budget_duration: string | null;
  budget_reset_at: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export interface OrganizationRecord extends JsonObject {
  organization_id: string;
  organization_alias: string;
  budget_id: string;
  spend: number;
  metadata: JsonObject;
  models: string[];
  created_by: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
}

/** `LiteLLM_EndUserTable`. */
export interface CustomerRecord extends JsonObject {
  user_id: string;
  alias: string | null;
  spend: number;
  blocked: boolean;
  allowed_model_region: 'eu' | 'us' | null;
  default_model: string | null;
  budget_id: string | null;
}

/** `LiteLLM_SpendLogs`. */
export interface SpendLogRecord extends JsonObject {
  request_id: string;
  call_type: string;
  api_key: string;
  spend: number;
  total_tokens: number;
  prompt_tokens: number;
  completion_tokens: number;
  startTime: string;
  endTime: string;
  model: string;
  model_id: string;
  model_group: string;
  user: string;
  end_user: string;
  team_id: string | null;
  organization_id: string | null;
  metadata: JsonObject;
  status: 'success' | 'failure';
}

export type LoginCode = { token: string; redirectUrl: string; expiresAt: number };
