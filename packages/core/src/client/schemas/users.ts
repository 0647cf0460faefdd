import { z } from 'zod';
import {
  AnyObjectSchema,
  ObjectPermissionSchema,
  type OpenRecord,
  optionalNumber,
  optionalRecord,
  optionalString,
  optionalStringArray,
  pageEnvelopeFields,
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
  user_email: optionalString,
  user_alias: optionalString,
  user_role: optionalString,
  teams: z.array(z.unknown()).nullish(),
  models: optionalStringArray,
  max_budget: optionalNumber,
  spend: optionalNumber,
  budget_duration: optionalString,
  tpm_limit: optionalNumber,
  rpm_limit: optionalNumber,
  metadata: optionalRecord,
  key_count: optionalNumber,
  created_at: optionalString,
  updated_at: optionalString,
  model_max_budget: optionalRecord,
  model_spend: optionalRecord,
  /** LiteLLM's `LiteLLM_OrganizationMembershipTable` rows. */
  organization_memberships: z.array(AnyObjectSchema).nullish(),
  sso_user_id: optionalString,
  budget_reset_at: optionalString,
  object_permission: ObjectPermissionSchema.nullish(),
});
export type User = z.infer<typeof UserSchema>;

export const NewUserResponseSchema = z.looseObject({
  user_id: z.string(),
  /** New `sk-` key; empty when `auto_create_key` is false. */
  key: optionalString,
  user_email: optionalString,
  user_role: optionalString,
  user_alias: optionalString,
  teams: z.array(z.unknown()).nullish(),
  max_budget: optionalNumber,
});
export type NewUserResponse = z.infer<typeof NewUserResponseSchema>;

export const UserUpdateResponseSchema = z.looseObject({
  user_id: optionalString,
  data: UserSchema.partial(),
});
export type UserUpdateResponse = z.infer<typeof UserUpdateResponseSchema>;

export const UserInfoResponseSchema = z.looseObject({
  user_id: optionalString,
  user_info: UserSchema.partial().nullish(),
  keys: z.array(KeyObjectSchema).nullish(),
  teams: z.array(TeamSchema).nullish(),
});
export type UserInfoResponse = z.infer<typeof UserInfoResponseSchema>;

export const UserListPageSchema = z.looseObject({
  users: z.array(UserSchema),
  ...pageEnvelopeFields,
});
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
