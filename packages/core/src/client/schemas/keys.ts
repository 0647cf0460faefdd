import { z } from 'zod';
import {
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
