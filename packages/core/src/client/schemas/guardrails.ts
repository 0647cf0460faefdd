import { z } from 'zod';
import type { OpenRecord } from './common.js';
import { nullish, paramsTableFields } from './common.js';

export const GuardrailParamsSchema = z.looseObject({
  guardrail: nullish.string,
  mode: z.union([z.string(), z.array(z.string())]).nullish(),
  default_on: nullish.boolean,
});

/**
 * A guardrail as `/v2/guardrails/list` answers it: database and config guardrails, secrets in
 * `litellm_params` masked by the worker. `/guardrails/list` (config only) has no id or timestamps.
 */
export const GuardrailSchema = z.looseObject({
  ...paramsTableFields('guardrail', GuardrailParamsSchema),
  guardrail_definition_location: nullish.string,
});
export type Guardrail = z.infer<typeof GuardrailSchema>;
export const GuardrailListSchema = z.looseObject({ guardrails: z.array(GuardrailSchema) });
export type GuardrailList = z.infer<typeof GuardrailListSchema>;

export type GuardrailRequest = OpenRecord & {
  guardrail_name: string;
  litellm_params: OpenRecord & { guardrail: string; mode: string | string[]; default_on?: boolean };
  guardrail_info?: OpenRecord;
};
