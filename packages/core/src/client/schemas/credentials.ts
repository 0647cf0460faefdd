import { z } from 'zod';
import type { OpenRecord } from './common.js';
import { nullish, timestampFields } from './common.js';

/** A shared provider credential. LiteLLM masks `credential_values` in every answer; they stay masked. */
export const CredentialSchema = z.looseObject({
  credential_name: z.string(),
  credential_values: nullish.record,
  credential_info: nullish.record,
  ...timestampFields,
});
export type Credential = z.infer<typeof CredentialSchema>;
export const CredentialListSchema = z.looseObject({ credentials: z.array(CredentialSchema) });
export type CredentialList = z.infer<typeof CredentialListSchema>;

export type CredentialRequest = OpenRecord & {
  credential_name: string;
  /** Write-only: never read back unmasked. */
  credential_values: Record<string, unknown>;
  credential_info?: OpenRecord;
};
export type CredentialPatch = OpenRecord & {
  credential_values?: Record<string, unknown>;
  credential_info?: OpenRecord;
};
