import { z } from 'zod';
import type { OpenRecord } from './common.js';
import { countedPageSchema, nullish, ObjectPermissionSchema } from './common.js';
import type {
  GenerateKeyRequestFields,
  KeyRequestFields,
  RegenerateKeyRequestFields,
  UpdateKeyRequestFields,
} from './litellm-requests.js';

export const KeyObjectSchema = z.looseObject({
  token: nullish.string,
  key_name: nullish.string,
  key_alias: nullish.string,
  spend: nullish.number,
  max_budget: nullish.number,
  expires: nullish.string,
  models: nullish.stringArray,
  user_id: nullish.string,
  team_id: nullish.string,
  organization_id: nullish.string,
  budget_id: nullish.string,
  budget_duration: nullish.string,
  budget_reset_at: nullish.string,
  tpm_limit: nullish.number,
  rpm_limit: nullish.number,
  max_parallel_requests: nullish.number,
  blocked: nullish.boolean,
  metadata: nullish.record,
  allowed_routes: z.array(z.unknown()).nullish(),
  created_at: nullish.string,
  created_by: nullish.string,
  updated_at: nullish.string,
  updated_by: nullish.string,
  aliases: nullish.record,
  config: nullish.record,
  agent_id: nullish.string,
  project_id: nullish.string,
  allowed_cache_controls: z.array(z.unknown()).nullish(),
  permissions: nullish.record,
  model_spend: nullish.record,
  model_max_budget: nullish.record,
  soft_budget_cooldown: nullish.boolean,
  litellm_budget_table: nullish.record,
  org_id: nullish.string,
  last_active: nullish.string,
  object_permission_id: nullish.string,
  object_permission: ObjectPermissionSchema.nullish(),
  access_group_ids: nullish.stringArray,
  rotation_count: nullish.number,
  auto_rotate: nullish.boolean,
  rotation_interval: nullish.string,
  last_rotation_at: nullish.string,
  key_rotation_at: nullish.string,
  router_settings: nullish.record,
});
export type KeyObject = z.infer<typeof KeyObjectSchema>;

export const GenerateKeyResponseSchema = KeyObjectSchema.extend({
  /** The raw `sk-` key, shown only once. */
  key: z.string(),
  token_id: nullish.string,
});
export type GenerateKeyResponse = z.infer<typeof GenerateKeyResponseSchema>;

export const UpdateKeyResponseSchema = KeyObjectSchema.extend({ key: nullish.string });
export type UpdateKeyResponse = z.infer<typeof UpdateKeyResponseSchema>;

export const DeleteKeysResponseSchema = z.looseObject({ deleted_keys: z.array(z.string()) });
export type DeleteKeysResponse = z.infer<typeof DeleteKeysResponseSchema>;

export const KeyInfoResponseSchema = z.looseObject({ key: z.string(), info: KeyObjectSchema });
export type KeyInfoResponse = z.infer<typeof KeyInfoResponseSchema>;

export const KeyListResponseSchema = countedPageSchema('keys', KeyObjectSchema);
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
