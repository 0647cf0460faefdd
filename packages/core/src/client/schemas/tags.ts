import { z } from 'zod';
import { type OpenRecord, optionalRecord, optionalString, optionalStringArray } from './common.js';

/** LiteLLM's `TagConfig` (`/tag/list`): a tag, the models it routes to and its budget. */
export const TagSchema = z.looseObject({
  name: z.string(),
  description: optionalString,
  models: optionalStringArray,
  model_info: optionalRecord,
  budget_id: optionalString,
  litellm_budget_table: optionalRecord,
  created_at: optionalString,
  created_by: optionalString,
  updated_at: optionalString,
  updated_by: optionalString,
});
export type Tag = z.infer<typeof TagSchema>;
export const TagListSchema = z.array(TagSchema);
/** `/tag/info` answers a map from tag name to tag. */
export const TagInfoSchema = z.record(z.string(), TagSchema);

export type TagRequest = OpenRecord & {
  name: string;
  description?: string;
  models?: string[];
  max_budget?: number | null;
  budget_duration?: string | null;
};
