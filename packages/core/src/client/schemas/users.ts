import { z } from 'zod';
import type { OpenRecord } from './common.js';
import {
  AnyObjectSchema,
  nullish,
  numberedPageSchema,
  ObjectPermissionSchema,
  timestampFields,
} from './common.js';
import { KeyObjectSchema } from './keys.js';
import type {
  DeleteUserRequestFields,
  NewUserRequestFields,
  UpdateUserRequestFields,
} from './litellm-requests.js';
import { TeamSchema } from './teams.js';

export const UserSchema = z.looseObject({
  user_id: z.string(),
  user_email: nullish.string,
  user_alias: nullish.string,
  user_role: nullish.string,
  teams: z.array(z.unknown()).nullish(),
  models: nullish.stringArray,
  max_budget: nullish.number,
  spend: nullish.number,
  budget_duration: nullish.string,
  tpm_limit: nullish.number,
  rpm_limit: nullish.number,
  metadata: nullish.record,
  key_count: nullish.number,
  ...timestampFields,
  model_max_budget: nullish.record,
  model_spend: nullish.record,
  /** LiteLLM's `LiteLLM_OrganizationMembershipTable` rows. */
  organization_memberships: z.array(AnyObjectSchema).nullish(),
  sso_user_id: nullish.string,
  budget_reset_at: nullish.string,
  object_permission: ObjectPermissionSchema.nullish(),
});
export type User = z.infer<typeof UserSchema>;

export const NewUserResponseSchema = z.looseObject({
  user_id: z.string(),
  /** New `sk-` key; empty when `auto_create_key` is false. */
  key: nullish.string,
  user_email: nullish.string,
  user_role: nullish.string,
  user_alias: nullish.string,
  teams: z.array(z.unknown()).nullish(),
  max_budget: nullish.number,
});
export type NewUserResponse = z.infer<typeof NewUserResponseSchema>;

export const UserUpdateResponseSchema = z.looseObject({
  user_id: nullish.string,
  data: UserSchema.partial(),
});
export type UserUpdateResponse = z.infer<typeof UserUpdateResponseSchema>;

export const UserInfoResponseSchema = z.looseObject({
  user_id: nullish.string,
  user_info: UserSchema.partial().nullish(),
  keys: z.array(KeyObjectSchema).nullish(),
  teams: z.array(TeamSchema).nullish(),
});
export type UserInfoResponse = z.infer<typeof UserInfoResponseSchema>;

export const UserListPageSchema = numberedPageSchema('users', UserSchema);
export type UserListPage = z.infer<typeof UserListPageSchema>;

export type NewUserRequest = OpenRecord & NewUserRequestFields;
export type UpdateUserRequest = OpenRecord &
  UpdateUserRequestFields &
  ({ user_id: string } | { user_email: string });
export type UserListParams = {
  role?: string;
  user_ids?: string;
  user_email?: string;
  team?: string;
  organization_ids?: string;
  page?: number;
  page_size?: number;
  sort_by?: string;
  sort_order?: 'asc' | 'desc';
  [parameter: string]: string | number | undefined;
};
export type DeleteUsersRequest = DeleteUserRequestFields;
