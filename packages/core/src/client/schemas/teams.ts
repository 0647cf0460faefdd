import { z } from 'zod';
import {
  AnyObjectSchema,
  ObjectPermissionSchema,
  type OpenRecord,
  optionalBoolean,
  optionalNumber,
  optionalRecord,
  optionalString,
  optionalStringArray,
  pageEnvelopeFields,
} from './common.js';
import { KeyObjectSchema } from './keys.js';
import type {
  DeleteTeamRequestFields,
  MemberFields,
  NewTeamRequestFields,
  TeamMemberAddRequestFields,
  TeamMemberDeleteRequestFields,
  TeamMemberUpdateRequestFields,
  UpdateTeamRequestFields,
} from './litellm-requests.js';

export const MemberSchema = z.looseObject({
  user_id: optionalString,
  user_email: optionalString,
  role: optionalString,
});
export type Member = MemberFields;

export const TeamSchema = z.looseObject({
  team_id: z.string(),
  team_alias: optionalString,
  organization_id: optionalString,
  members_with_roles: z.array(MemberSchema).nullish(),
  metadata: optionalRecord,
  tpm_limit: optionalNumber,
  rpm_limit: optionalNumber,
  max_budget: optionalNumber,
  budget_duration: optionalString,
  budget_reset_at: optionalString,
  models: optionalStringArray,
  blocked: optionalBoolean,
  spend: optionalNumber,
  created_at: optionalString,
  updated_at: optionalString,
  admins: z.array(z.unknown()).nullish(),
  members: z.array(z.unknown()).nullish(),
  team_member_permissions: optionalStringArray,
  soft_budget: optionalNumber,
  router_settings: optionalRecord,
  access_group_ids: optionalStringArray,
  max_parallel_requests: optionalNumber,
  model_id: optionalNumber,
  /** LiteLLM's `LiteLLM_ModelTable`: the team's model aliases. */
  litellm_model_table: AnyObjectSchema.nullish(),
  object_permission: ObjectPermissionSchema.nullish(),
  object_permission_id: optionalString,
});
export type Team = z.infer<typeof TeamSchema>;

export const TeamUpdateResponseSchema = z.looseObject({ team_id: z.string(), data: TeamSchema });
export type TeamUpdateResponse = z.infer<typeof TeamUpdateResponseSchema>;

export const TeamInfoResponseSchema = z.looseObject({
  team_id: z.string(),
  team_info: TeamSchema,
  keys: z.array(KeyObjectSchema).nullish(),
  team_memberships: z.array(z.looseObject({})).nullish(),
});
export type TeamInfoResponse = z.infer<typeof TeamInfoResponseSchema>;

export const TeamListSchema = z.array(TeamSchema);

export const TeamListPageSchema = z.looseObject({
  teams: z.array(TeamSchema),
  ...pageEnvelopeFields,
});
export type TeamListPage = z.infer<typeof TeamListPageSchema>;

export const TeamMemberUpdateResponseSchema = z.looseObject({
  team_id: z.string(),
  user_id: optionalString,
  user_email: optionalString,
});
export type TeamMemberUpdateResponse = z.infer<typeof TeamMemberUpdateResponseSchema>;

export type NewTeamRequest = OpenRecord & NewTeamRequestFields;
export type UpdateTeamRequest = OpenRecord & UpdateTeamRequestFields;
export type TeamListParams = {
  user_id?: string;
  organization_id?: string;
  [parameter: string]: string | undefined;
};
export type TeamListPageParams = {
  user_id?: string;
  organization_id?: string;
  team_id?: string;
  team_alias?: string;
  page?: number;
  page_size?: number;
  sort_by?: string;
  sort_order?: 'asc' | 'desc';
  [parameter: string]: string | number | undefined;
};
export type TeamMemberAddRequest = OpenRecord & TeamMemberAddRequestFields;
export type TeamMemberRemoveRequest = OpenRecord & TeamMemberDeleteRequestFields;
export type TeamMemberUpdateRequest = OpenRecord & TeamMemberUpdateRequestFields;
export type DeleteTeamsRequest = DeleteTeamRequestFields;
