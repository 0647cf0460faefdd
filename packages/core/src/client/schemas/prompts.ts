import { z } from 'zod';
import type { OpenRecord } from './common.js';
import { nullish, timestampFields } from './common.js';

/** LiteLLM's `PromptSpec`: `prompt_info.prompt_type` is `db` or `config`. */
export const PromptSchema = z.looseObject({
  prompt_id: z.string(),
  litellm_params: nullish.record,
  prompt_info: nullish.record,
  ...timestampFields,
});
export type Prompt = z.infer<typeof PromptSchema>;
export const PromptListSchema = z.looseObject({ prompts: z.array(PromptSchema) });
export type PromptList = z.infer<typeof PromptListSchema>;
/** `/prompts/{prompt_id}/info` */
export const PromptInfoSchema = z.looseObject({
  prompt_spec: PromptSchema,
  raw_prompt_template: z.unknown().optional(),
});
export type PromptInfo = z.infer<typeof PromptInfoSchema>;

export type PromptRequest = OpenRecord & {
  prompt_id: string;
  litellm_params: OpenRecord & { prompt_integration?: string };
  prompt_info?: OpenRecord;
};
