import { z } from 'zod';
import type { OpenRecord } from './common.js';
import { nullish, numberedPageSchema, ObjectPermissionSchema, timestampFields } from './common.js';
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
  user_id: nullish.string,
  user_email: nullish.string,
  role: nullish.string,
});
export type Member = MemberFields;

export const TeamSchema = z.looseObject({
  team_id: z.string(),
  team_alias: nullish.string,
  organization_id: nullish.string,
  members_with_roles: z.array(MemberSchema).nullish(),
  metadata: nullish.record,
  tpm_limit: nullish.number,
  rpm_limit: nullish.number,
  max_budget: nullish.number,
  budget_duration: nullish.string,
  budget_reset_at: nullish.string,
  models: nullish.stringArray,
  blocked: nullish.boolean,
  spend: nullish.number,
  ...timestampFields,
  admins: z.array(z.unknown()).nullish(),
  members: z.array(z.unknown()).nullish(),
  team_member_permissions: nullish.stringArray,
  soft_budget: nullish.number,
  router_settings: nullish.record,
  access_group_ids: nullish.stringArray,
  max_parallel_requests: nullish.number,
  model_id: nullish.number,
  /** LiteLLM's `LiteLLM_ModelTable`: the team's model aliases. */
  litellm_model_table: nullish.record,
  object_permission: ObjectPermissionSchema.nullish(),
  object_permission_id: nullish.string,
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

export const TeamListPageSchema = numberedPageSchema('teams', TeamSchema);
export type TeamListPage = z.infer<typeof TeamListPageSchema>;

export const TeamMemberUpdateResponseSchema = z.looseObject({
  team_id: z.string(),
  user_id: nullish.string,
  user_email: nullish.string,
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
