import { z } from 'zod';
import {
  ObjectPermissionSchema,
  type OpenRecord,
  optionalBoolean,
  optionalNumber,
  optionalRecord,
  optionalString,
  optionalStringArray,
} from './common.js';
import type {
  GenerateKeyRequestFields,
  KeyRequestFields,
  RegenerateKeyRequestFields,
  UpdateKeyRequestFields,
} from './litellm-requests.js';

export const KeyObjectSchema = z.looseObject({
  token: optionalString,
  key_name: optionalString,
  key_alias: optionalString,
  spend: optionalNumber,
  max_budget: optionalNumber,
  expires: optionalString,
  models: optionalStringArray,
  user_id: optionalString,
  team_id: optionalString,
  organization_id: optionalString,
  budget_id: optionalString,
  budget_duration: optionalString,
  budget_reset_at: optionalString,
  tpm_limit: optionalNumber,
  rpm_limit: optionalNumber,
  max_parallel_requests: optionalNumber,
  blocked: optionalBoolean,
  metadata: optionalRecord,
  allowed_routes: z.array(z.unknown()).nullish(),
  created_at: optionalString,
  created_by: optionalString,
  updated_at: optionalString,
  updated_by: optionalString,
  aliases: optionalRecord,
  config: optionalRecord,
  agent_id: optionalString,
  project_id: optionalString,
  allowed_cache_controls: z.array(z.unknown()).nullish(),
  permissions: optionalRecord,
  model_spend: optionalRecord,
  model_max_budget: optionalRecord,
  soft_budget_cooldown: optionalBoolean,
  litellm_budget_table: optionalRecord,
  org_id: optionalString,
  last_active: optionalString,
  object_permission_id: optionalString,
  object_permission: ObjectPermissionSchema.nullish(),
  access_group_ids: optionalStringArray,
  rotation_count: optionalNumber,
  auto_rotate: optionalBoolean,
  rotation_interval: optionalString,
  last_rotation_at: optionalString,
  key_rotation_at: optionalString,
  router_settings: optionalRecord,
});
export type KeyObject = z.infer<typeof KeyObjectSchema>;

export const GenerateKeyResponseSchema = KeyObjectSchema.extend({
  /** The raw `sk-` key, shown only once. */
  key: z.string(),
  token_id: optionalString,
});
export type GenerateKeyResponse = z.infer<typeof GenerateKeyResponseSchema>;

export const UpdateKeyResponseSchema = KeyObjectSchema.extend({ key: optionalString });
export type UpdateKeyResponse = z.infer<typeof UpdateKeyResponseSchema>;

export const DeleteKeysResponseSchema = z.looseObject({ deleted_keys: z.array(z.string()) });
export type DeleteKeysResponse = z.infer<typeof DeleteKeysResponseSchema>;

export const KeyInfoResponseSchema = z.looseObject({ key: z.string(), info: KeyObjectSchema });
export type KeyInfoResponse = z.infer<typeof KeyInfoResponseSchema>;

export const KeyListResponseSchema = z.looseObject({
  keys: z.array(KeyObjectSchema),
  total_count: optionalNumber,
  current_page: optionalNumber,
  total_pages: optionalNumber,
});
export type KeyListResponse = z.infer<typeof KeyListResponseSchema>;

/** LiteLLM's `GenerateKeyRequest`; fields LiteLLM adds later pass through untyped. */
export type GenerateKeyRequest = OpenRecord & GenerateKeyRequestFields;
export type UpdateKeyRequest = OpenRecord & UpdateKeyRequestFields;
export type RegenerateKeyRequest = OpenRecord & RegenerateKeyRequestFields;
/** LiteLLM's `KeyRequest`: `keys` is used when given, `key_aliases` otherwise. */
export type DeleteKeysRequest = KeyRequestFields;

export type KeyListParams = {
  page?: number;
  size?: number;
  user_id?: string;
  team_id?: string;
  organization_id?: string;
  key_hash?: string;
  key_alias?: string;
  include_team_keys?: boolean;
  include_created_by_keys?: boolean;
  sort_by?: string;
  sort_order?: 'asc' | 'desc';
  status?: 'deleted';
  [parameter: string]: string | number | boolean | string[] | undefined;
};
