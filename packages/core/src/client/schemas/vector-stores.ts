import { z } from 'zod';
import {
  type OpenRecord,
  optionalNumber,
  optionalRecord,
  optionalString,
  pageEnvelopeFields,
} from './common.js';

/** A row of LiteLLM's managed vector store registry (`LiteLLM_ManagedVectorStore`). */
export const VectorStoreSchema = z.looseObject({
  vector_store_id: z.string(),
  custom_llm_provider: optionalString,
  vector_store_name: optionalString,
  vector_store_description: optionalString,
  vector_store_metadata: optionalRecord,
  litellm_credential_name: optionalString,
  litellm_params: optionalRecord,
  created_at: optionalString,
  updated_at: optionalString,
});
export type VectorStore = z.infer<typeof VectorStoreSchema>;

export const VectorStorePageSchema = z.looseObject({
  object: optionalString,
  data: z.array(VectorStoreSchema),
  total_count: optionalNumber,
  current_page: optionalNumber,
  total_pages: pageEnvelopeFields.total_pages,
});
export type VectorStorePage = z.infer<typeof VectorStorePageSchema>;

/** `/vector_store/new`, `/vector_store/update` and `/vector_store/info` wrap the row. */
export const VectorStoreEnvelopeSchema = z.looseObject({
  status: optionalString,
  message: optionalString,
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
