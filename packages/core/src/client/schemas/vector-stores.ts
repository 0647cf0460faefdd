import { z } from 'zod';
import type { OpenRecord } from './common.js';
import { countedPageSchema, nullish, timestampFields } from './common.js';

/** A row of LiteLLM's managed vector store registry (`LiteLLM_ManagedVectorStore`). */
export const VectorStoreSchema = z.looseObject({
  vector_store_id: z.string(),
  custom_llm_provider: nullish.string,
  vector_store_name: nullish.string,
  vector_store_description: nullish.string,
  vector_store_metadata: nullish.record,
  litellm_credential_name: nullish.string,
  litellm_params: nullish.record,
  ...timestampFields,
});
export type VectorStore = z.infer<typeof VectorStoreSchema>;

export const VectorStorePageSchema = countedPageSchema('data', VectorStoreSchema).extend({
  object: nullish.string,
});
export type VectorStorePage = z.infer<typeof VectorStorePageSchema>;

/** `/vector_store/new`, `/vector_store/update` and `/vector_store/info` wrap the row. */
export const VectorStoreEnvelopeSchema = z.looseObject({
  status: nullish.string,
  message: nullish.string,
  vector_store: VectorStoreSchema.nullish(),
});
export type VectorStoreEnvelope = z.infer<typeof VectorStoreEnvelopeSchema>;

export type VectorStoreRequest = OpenRecord & {
  vector_store_id: string;
  custom_llm_provider: string;
  vector_store_name?: string;
  vector_store_description?: string;
  vector_store_metadata?: OpenRecord;
  litellm_credential_name?: string;
};
export type VectorStoreListParams = { page?: number; page_size?: number };
