import { z } from 'zod';
import type { OpenRecord } from './common.js';
import { nullish } from './common.js';

/** LiteLLM's `TagConfig` (`/tag/list`): a tag, the models it routes to and its budget. */
export const TagSchema = z.looseObject({
  name: z.string(),
  description: nullish.string,
  models: nullish.stringArray,
  model_info: nullish.record,
  budget_id: nullish.string,
  litellm_budget_table: nullish.record,
  created_at: nullish.string,
  created_by: nullish.string,
  updated_at: nullish.string,
  updated_by: nullish.string,
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
