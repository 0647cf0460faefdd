/**
 * Every field of LiteLLM's management request models (`litellm/proxy/_types.py`), each with its
 * LiteLLM type: `Optional[X] = None` is `X | null` and optional, `dict` is a JSON object, `datetime`
 * an ISO-8601 string. The `*_FIELDS` lists are kept complete by the type system
 * (`satisfies Record<keyof …, true>`), and a test compares them with the field lists read from
 * LiteLLM's source, so a field LiteLLM adds shows up as a failing test.
 */

type JsonObject = Record<string, unknown>;
type UserRole = 'proxy_admin' | 'proxy_admin_viewer' | 'internal_user' | 'internal_user_viewer';
type LimitType = 'guaranteed_throughput' | 'best_effort_throughput' | 'dynamic';
/** `{ "gpt-4o": 10 }` */
type PerModelLimit = Record<string, number>;

/** `LiteLLM_ObjectPermissionBase`: MCP servers, vector stores and agents an entity may use. */
export type ObjectPermissionFields = {
  mcp_servers?: string[] | null;
  mcp_access_groups?: string[] | null;
  mcp_tool_permissions?: Record<string, string[]> | null;
  mcp_toolsets?: string[] | null;
  blocked_tools?: string[] | null;
  vector_stores?: string[] | null;
  agents?: string[] | null;
  agent_access_groups?: string[] | null;
  models?: string[] | null;
};

/** `AllowedVectorStoreIndexItem` */
export type AllowedVectorStoreIndex = { index_name: string; index_permissions: ('read' | 'write')[] };

/** `GenerateRequestBase`: fields shared by key and user requests. */
export type GenerateRequestBaseFields = {
  key_alias?: string | null;
  duration?: string | null;
  models?: string[] | null;
  spend?: number | null;
  max_budget?: number | null;
  user_id?: string | null;
  team_id?: string | null;
  agent_id?: string | null;
  max_parallel_requests?: number | null;
  metadata?: JsonObject | null;
  tpm_limit?: number | null;
  rpm_limit?: number | null;
  budget_duration?: string | null;
  allowed_cache_controls?: string[] | null;
  config?: JsonObject | null;
  permissions?: JsonObject | null;
  /** `{ "gpt-4o": 5.0 }` */
  model_max_budget?: JsonObject | null;
  model_rpm_limit?: PerModelLimit | null;
  model_tpm_limit?: PerModelLimit | null;
  guardrails?: string[] | null;
  policies?: string[] | null;
  prompts?: string[] | null;
  blocked?: boolean | null;
  aliases?: Record<string, string> | null;
  object_permission?: ObjectPermissionFields | null;
};

/** `KeyRequestBase` */
export type KeyRequestBaseFields = GenerateRequestBaseFields & {
  key?: string | null;
  budget_id?: string | null;
  tags?: string[] | null;
  enforced_params?: string[] | null;
  allowed_routes?: string[] | null;
  allowed_passthrough_routes?: string[] | null;
  allowed_vector_store_indexes?: AllowedVectorStoreIndex[] | null;
  rpm_limit_type?: LimitType | null;
  tpm_limit_type?: LimitType | null;
  /** `UpdateRouterConfig`: per-key router settings (`num_retries`, `fallbacks`, ...). */
  router_settings?: JsonObject | null;
  access_group_ids?: string[] | null;
};

/** `GenerateKeyRequest` (`/key/generate`). */
export type GenerateKeyRequestFields = KeyRequestBaseFields & {
  soft_budget?: number | null;
  send_invite_email?: boolean | null;
  key_type?: 'default' | 'llm_api' | 'management' | 'read_only' | null;
  auto_rotate?: boolean | null;
  /** `30d`, `90d`; needed with `auto_rotate`. */
  rotation_interval?: string | null;
  organization_id?: string | null;
  project_id?: string | null;
};

/** `UpdateKeyRequest` (`/key/update`). */
export type UpdateKeyRequestFields = KeyRequestBaseFields & {
  key: string;
  temp_budget_increase?: number | null;
  /** Set together with `temp_budget_increase`. */
  temp_budget_expiry?: string | null;
  auto_rotate?: boolean | null;
  rotation_interval?: string | null;
  organization_id?: string | null;
};

/** `RegenerateKeyRequest` (`/key/{key}/regenerate`). */
export type RegenerateKeyRequestFields = GenerateKeyRequestFields & {
  new_key?: string | null;
  new_master_key?: string | null;
  /** How long the old key keeps working (`24h`, `2d`); absent: revoked at once. */
  grace_period?: string | null;
};

/** `KeyRequest` (`/key/delete`, `/v2/key/info`): at least one list. */
export type KeyRequestFields = { keys?: string[] | null; key_aliases?: string[] | null };

/** `NewUserRequestTeam` */
export type NewUserTeam = {
  team_id: string;
  max_budget_in_team?: number | null;
  user_role?: 'user' | 'admin';
};

/** `NewUserRequest` (`/user/new`). */
export type NewUserRequestFields = GenerateRequestBaseFields & {
  user_email?: string | null;
  user_alias?: string | null;
  user_role?: UserRole | null;
  teams?: string[] | NewUserTeam[] | null;
  auto_create_key?: boolean;
  send_invite_email?: boolean | null;
  sso_user_id?: string | null;
  organizations?: string[] | null;
  /** 8 to 128 characters. */
  password?: string | null;
};

/** `UpdateUserRequest` (`/user/update`): `user_id` or `user_email` names the user. */
export type UpdateUserRequestFields = GenerateRequestBaseFields & {
  password?: string | null;
  user_alias?: string | null;
  user_role?: UserRole | null;
  user_email?: string | null;
};

/** `Member`: a team member by id or email. */
export type MemberFields = MemberRefFields & { role: 'admin' | 'user' };

/** `TeamBase` */
export type TeamBaseFields = {
  team_alias?: string | null;
  team_id?: string | null;
  organization_id?: string | null;
  admins?: unknown[];
  members?: unknown[];
  members_with_roles?: MemberFields[];
  team_member_permissions?: string[] | null;
  metadata?: JsonObject | null;
  tpm_limit?: number | null;
  rpm_limit?: number | null;
  max_budget?: number | null;
  soft_budget?: number | null;
  budget_duration?: string | null;
  models?: string[];
  blocked?: boolean;
  router_settings?: JsonObject | null;
  access_group_ids?: string[] | null;
};

/** Fields `NewTeamRequest` and `UpdateTeamRequest` add alike. */
type TeamSettingsFields = {
  model_aliases?: Record<string, string> | null;
  tags?: string[] | null;
  guardrails?: string[] | null;
  policies?: string[] | null;
  prompts?: string[] | null;
  object_permission?: ObjectPermissionFields | null;
  allowed_passthrough_routes?: string[] | null;
  secret_manager_settings?: JsonObject | null;
  model_rpm_limit?: PerModelLimit | null;
  model_tpm_limit?: PerModelLimit | null;
  team_member_budget?: number | null;
  team_member_rpm_limit?: number | null;
  team_member_tpm_limit?: number | null;
  team_member_key_duration?: string | null;
  team_member_budget_duration?: string | null;
  allowed_vector_store_indexes?: AllowedVectorStoreIndex[] | null;
  enforced_batch_output_expires_after?: JsonObject | null;
  enforced_file_expires_after?: JsonObject | null;
};

/** `NewTeamRequest` (`/team/new`). */
export type NewTeamRequestFields = TeamBaseFields &
  TeamSettingsFields & {
    rpm_limit_type?: 'guaranteed_throughput' | 'best_effort_throughput' | null;
    tpm_limit_type?: 'guaranteed_throughput' | 'best_effort_throughput' | null;
  };

/** `UpdateTeamRequest` (`/team/update`). */
export type UpdateTeamRequestFields = TeamSettingsFields & {
  team_id: string;
  team_alias?: string | null;
  organization_id?: string | null;
  metadata?: JsonObject | null;
  tpm_limit?: number | null;
  rpm_limit?: number | null;
  max_budget?: number | null;
  soft_budget?: number | null;
  models?: string[] | null;
  blocked?: boolean | null;
  budget_duration?: string | null;
  router_settings?: JsonObject | null;
  access_group_ids?: string[] | null;
};

/** `LiteLLM_BudgetTable`: the budget fields an organization carries. */
type BudgetTableFields = {
  budget_id?: string | null;
  soft_budget?: number | null;
  max_budget?: number | null;
  max_parallel_requests?: number | null;
  tpm_limit?: number | null;
  rpm_limit?: number | null;
  model_max_budget?: JsonObject | null;
  budget_duration?: string | null;
};

/** `NewOrganizationRequest` (`/organization/new`). */
export type NewOrganizationRequestFields = BudgetTableFields & {
  organization_id?: string | null;
  organization_alias: string;
  models?: string[];
  metadata?: JsonObject | null;
  model_rpm_limit?: PerModelLimit | null;
  model_tpm_limit?: PerModelLimit | null;
  object_permission?: ObjectPermissionFields | null;
};

/** `BudgetNewRequest` (`/budget/new`, `/budget/update`). */
export type BudgetNewRequestFields = {
  budget_id?: string | null;
  max_budget?: number | null;
  soft_budget?: number | null;
  max_parallel_requests?: number | null;
  tpm_limit?: number | null;
  rpm_limit?: number | null;
  budget_duration?: string | null;
  /** `{ "gpt-4o": { max_budget, budget_duration, tpm_limit, rpm_limit } }` */
  model_max_budget?: JsonObject | null;
  budget_reset_at?: string | null;
};

/** `NewCustomerRequest` (`/customer/new`): `max_budget` or `budget_id`, not both. */
export type NewCustomerRequestFields = BudgetNewRequestFields & {
  user_id: string;
  alias?: string | null;
  blocked?: boolean;
  spend?: number | null;
  allowed_model_region?: 'eu' | 'us' | null;
  default_model?: string | null;
  object_permission?: ObjectPermissionFields | null;
};

/** `UpdateCustomerRequest` (`/customer/update`). */
export type UpdateCustomerRequestFields = {
  user_id: string;
  alias?: string | null;
  blocked?: boolean;
  max_budget?: number | null;
  budget_id?: string | null;
  allowed_model_region?: 'eu' | 'us' | null;
  default_model?: string | null;
  object_permission?: ObjectPermissionFields | null;
};

/** `LiteLLM_OrganizationTableUpdate` (`/organization/update`): `organization_id` names the organization. */
export type UpdateOrganizationRequestFields = BudgetTableFields & {
  organization_id?: string | null;
  organization_alias?: string | null;
  spend?: number | null;
  metadata?: JsonObject | null;
  models?: string[] | null;
  updated_by?: string | null;
  object_permission?: ObjectPermissionFields | null;
  model_tpm_limit?: PerModelLimit | null;
  model_rpm_limit?: PerModelLimit | null;
};

/** `MemberDeleteRequest`: a member named by `user_id` or `user_email`. */
type MemberRefFields = { user_id?: string | null; user_email?: string | null };

/** `OrgMember`: an organization member by id or email. */
export type OrgMemberFields = MemberRefFields & {
  role: 'org_admin' | 'internal_user' | 'internal_user_viewer';
};

/** `TeamMemberAddRequest` (`/team/member_add`). */
export type TeamMemberAddRequestFields = {
  member: MemberFields | MemberFields[];
  team_id: string;
  max_budget_in_team?: number | null;
};

/** `TeamMemberDeleteRequest` (`/team/member_delete`): `user_id` or `user_email`. */
export type TeamMemberDeleteRequestFields = MemberRefFields & { team_id: string };

/** `TeamMemberUpdateRequest` (`/team/member_update`). */
export type TeamMemberUpdateRequestFields = TeamMemberDeleteRequestFields & {
  max_budget_in_team?: number | null;
  role?: 'admin' | 'user' | null;
  tpm_limit?: number | null;
  rpm_limit?: number | null;
};

/** `OrganizationMemberAddRequest` (`/organization/member_add`). */
export type OrganizationMemberAddRequestFields = {
  member: OrgMemberFields | OrgMemberFields[];
  organization_id: string;
  max_budget_in_organization?: number | null;
};

/** `OrganizationMemberDeleteRequest` (`/organization/member_delete`): `user_id` or `user_email`. */
export type OrganizationMemberDeleteRequestFields = MemberRefFields & { organization_id: string };

/** `OrganizationMemberUpdateRequest` (`/organization/member_update`). */
export type OrganizationMemberUpdateRequestFields = OrganizationMemberDeleteRequestFields & {
  max_budget_in_organization?: number | null;
  /** LiteLLM accepts only the roles within an organization. */
  role?: OrgMemberFields['role'] | null;
};

/** `BudgetRequest` (`/budget/info`). */
export type BudgetInfoRequestFields = { budgets: string[] };
/** `BudgetDeleteRequest` (`/budget/delete`). */
export type BudgetDeleteRequestFields = { id: string };
/** `DeleteCustomerRequest` (`/customer/delete`). */
export type DeleteCustomerRequestFields = { user_ids: string[] };
/** `DeleteUserRequest` (`/user/delete`). */
export type DeleteUserRequestFields = { user_ids: string[] };
/** `DeleteTeamRequest` (`/team/delete`). */
export type DeleteTeamRequestFields = { team_ids: string[] };
/** `DeleteOrganizationRequest` (`/organization/delete`). */
export type DeleteOrganizationRequestFields = { organization_ids: string[] };
/** `BlockTeamRequest` (`/team/block`, `/team/unblock`). */
export type BlockTeamRequestFields = { team_id: string };
/** `BlockKeyRequest` (`/key/block`, `/key/unblock`). */
export type BlockKeyRequestFields = { key: string };
/** `ModelInfoDelete` (`/model/delete`). */
export type ModelInfoDeleteFields = { id: string };

/** Names of a type's fields, as a runtime list the compiler keeps complete and exact. */
function fieldsOf<T>(fields: Record<keyof T, true>): (keyof T & string)[] {
  return Object.keys(fields) as (keyof T & string)[];
}

const GENERATE_REQUEST_BASE = {
  key_alias: true,
  duration: true,
  models: true,
  spend: true,
  max_budget: true,
  user_id: true,
  team_id: true,
  agent_id: true,
  max_parallel_requests: true,
  metadata: true,
  tpm_limit: true,
  rpm_limit: true,
  budget_duration: true,
  allowed_cache_controls: true,
  config: true,
  permissions: true,
  model_max_budget: true,
  model_rpm_limit: true,
  model_tpm_limit: true,
  guardrails: true,
  policies: true,
  prompts: true,
  blocked: true,
  aliases: true,
  object_permission: true,
} as const satisfies Record<keyof GenerateRequestBaseFields, true>;

const KEY_REQUEST_BASE = {
  ...GENERATE_REQUEST_BASE,
  key: true,
  budget_id: true,
  tags: true,
  enforced_params: true,
  allowed_routes: true,
  allowed_passthrough_routes: true,
  allowed_vector_store_indexes: true,
  rpm_limit_type: true,
  tpm_limit_type: true,
  router_settings: true,
  access_group_ids: true,
} as const satisfies Record<keyof KeyRequestBaseFields, true>;

const GENERATE_KEY = {
  ...KEY_REQUEST_BASE,
  soft_budget: true,
  send_invite_email: true,
  key_type: true,
  auto_rotate: true,
  rotation_interval: true,
  organization_id: true,
  project_id: true,
} as const satisfies Record<keyof GenerateKeyRequestFields, true>;

const TEAM_SETTINGS = {
  model_aliases: true,
  tags: true,
  guardrails: true,
  policies: true,
  prompts: true,
  object_permission: true,
  allowed_passthrough_routes: true,
  secret_manager_settings: true,
  model_rpm_limit: true,
  model_tpm_limit: true,
  team_member_budget: true,
  team_member_rpm_limit: true,
  team_member_tpm_limit: true,
  team_member_key_duration: true,
  team_member_budget_duration: true,
  allowed_vector_store_indexes: true,
  enforced_batch_output_expires_after: true,
  enforced_file_expires_after: true,
} as const satisfies Record<keyof TeamSettingsFields, true>;

const BUDGET_TABLE = {
  budget_id: true,
  soft_budget: true,
  max_budget: true,
  max_parallel_requests: true,
  tpm_limit: true,
  rpm_limit: true,
  model_max_budget: true,
  budget_duration: true,
} as const satisfies Record<keyof BudgetTableFields, true>;

const BUDGET_NEW = { ...BUDGET_TABLE, budget_reset_at: true } as const satisfies Record<
  keyof BudgetNewRequestFields,
  true
>;

const MEMBER_REF = { user_id: true, user_email: true } as const satisfies Record<keyof MemberRefFields, true>;

/** The field names of each LiteLLM request model this client types, by LiteLLM class name. */
export const LITELLM_REQUEST_FIELDS = {
  GenerateKeyRequest: fieldsOf<GenerateKeyRequestFields>(GENERATE_KEY),
  UpdateKeyRequest: fieldsOf<UpdateKeyRequestFields>({
    ...KEY_REQUEST_BASE,
    temp_budget_increase: true,
    temp_budget_expiry: true,
    auto_rotate: true,
    rotation_interval: true,
    organization_id: true,
  }),
  RegenerateKeyRequest: fieldsOf<RegenerateKeyRequestFields>({
    ...GENERATE_KEY,
    new_key: true,
    new_master_key: true,
    grace_period: true,
  }),
  KeyRequest: fieldsOf<KeyRequestFields>({ keys: true, key_aliases: true }),
  NewUserRequest: fieldsOf<NewUserRequestFields>({
    ...GENERATE_REQUEST_BASE,
    user_email: true,
    user_alias: true,
    user_role: true,
    teams: true,
    auto_create_key: true,
    send_invite_email: true,
    sso_user_id: true,
    organizations: true,
    password: true,
  }),
  UpdateUserRequest: fieldsOf<UpdateUserRequestFields>({
    ...GENERATE_REQUEST_BASE,
    password: true,
    user_alias: true,
    user_role: true,
    user_email: true,
  }),
  NewTeamRequest: fieldsOf<NewTeamRequestFields>({
    team_alias: true,
    team_id: true,
    organization_id: true,
    admins: true,
    members: true,
    members_with_roles: true,
    team_member_permissions: true,
    metadata: true,
    tpm_limit: true,
    rpm_limit: true,
    max_budget: true,
    soft_budget: true,
    budget_duration: true,
    models: true,
    blocked: true,
    router_settings: true,
    access_group_ids: true,
    ...TEAM_SETTINGS,
    rpm_limit_type: true,
    tpm_limit_type: true,
  }),
  UpdateTeamRequest: fieldsOf<UpdateTeamRequestFields>({
    ...TEAM_SETTINGS,
    team_id: true,
    team_alias: true,
    organization_id: true,
    metadata: true,
    tpm_limit: true,
    rpm_limit: true,
    max_budget: true,
    soft_budget: true,
    models: true,
    blocked: true,
    budget_duration: true,
    router_settings: true,
    access_group_ids: true,
  }),
  NewOrganizationRequest: fieldsOf<NewOrganizationRequestFields>({
    ...BUDGET_TABLE,
    organization_id: true,
    organization_alias: true,
    models: true,
    metadata: true,
    model_rpm_limit: true,
    model_tpm_limit: true,
    object_permission: true,
  }),
  BudgetNewRequest: fieldsOf<BudgetNewRequestFields>(BUDGET_NEW),
  NewCustomerRequest: fieldsOf<NewCustomerRequestFields>({
    ...BUDGET_NEW,
    user_id: true,
    alias: true,
    blocked: true,
    spend: true,
    allowed_model_region: true,
    default_model: true,
    object_permission: true,
  }),
  UpdateCustomerRequest: fieldsOf<UpdateCustomerRequestFields>({
    user_id: true,
    alias: true,
    blocked: true,
    max_budget: true,
    budget_id: true,
    allowed_model_region: true,
    default_model: true,
    object_permission: true,
  }),
  Member: fieldsOf<MemberFields>({ ...MEMBER_REF, role: true }),
  LiteLLM_ObjectPermissionBase: fieldsOf<ObjectPermissionFields>({
    mcp_servers: true,
    mcp_access_groups: true,
    mcp_tool_permissions: true,
    mcp_toolsets: true,
    blocked_tools: true,
    vector_stores: true,
    agents: true,
    agent_access_groups: true,
    models: true,
  }),
  LiteLLM_OrganizationTableUpdate: fieldsOf<UpdateOrganizationRequestFields>({
    ...BUDGET_TABLE,
    organization_id: true,
    organization_alias: true,
    spend: true,
    metadata: true,
    models: true,
    updated_by: true,
    object_permission: true,
    model_tpm_limit: true,
    model_rpm_limit: true,
  }),
  OrgMember: fieldsOf<OrgMemberFields>({ ...MEMBER_REF, role: true }),
  TeamMemberAddRequest: fieldsOf<TeamMemberAddRequestFields>({
    member: true,
    team_id: true,
    max_budget_in_team: true,
  }),
  TeamMemberDeleteRequest: fieldsOf<TeamMemberDeleteRequestFields>({ ...MEMBER_REF, team_id: true }),
  TeamMemberUpdateRequest: fieldsOf<TeamMemberUpdateRequestFields>({
    ...MEMBER_REF,
    team_id: true,
    max_budget_in_team: true,
    role: true,
    tpm_limit: true,
    rpm_limit: true,
  }),
  OrganizationMemberAddRequest: fieldsOf<OrganizationMemberAddRequestFields>({
    member: true,
    organization_id: true,
    max_budget_in_organization: true,
  }),
  OrganizationMemberDeleteRequest: fieldsOf<OrganizationMemberDeleteRequestFields>({
    ...MEMBER_REF,
    organization_id: true,
  }),
  OrganizationMemberUpdateRequest: fieldsOf<OrganizationMemberUpdateRequestFields>({
    ...MEMBER_REF,
    organization_id: true,
    max_budget_in_organization: true,
    role: true,
  }),
  BudgetRequest: fieldsOf<BudgetInfoRequestFields>({ budgets: true }),
  BudgetDeleteRequest: fieldsOf<BudgetDeleteRequestFields>({ id: true }),
  DeleteCustomerRequest: fieldsOf<DeleteCustomerRequestFields>({ user_ids: true }),
  DeleteUserRequest: fieldsOf<DeleteUserRequestFields>({ user_ids: true }),
  DeleteTeamRequest: fieldsOf<DeleteTeamRequestFields>({ team_ids: true }),
  DeleteOrganizationRequest: fieldsOf<DeleteOrganizationRequestFields>({ organization_ids: true }),
  BlockTeamRequest: fieldsOf<BlockTeamRequestFields>({ team_id: true }),
  BlockKeyRequest: fieldsOf<BlockKeyRequestFields>({ key: true }),
  ModelInfoDelete: fieldsOf<ModelInfoDeleteFields>({ id: true }),
} as const;
