import { z } from 'zod';
import type { OpenRecord } from './common.js';
import { nullish } from './common.js';

/** An entry of LiteLLM's agent registry (`/v1/agents`); invoking agents is not part of this client. */
export const AgentSchema = z.looseObject({
  agent_id: z.string(),
  agent_name: z.string(),
  litellm_params: nullish.record,
  agent_card_params: nullish.record,
  created_at: nullish.string,
  created_by: nullish.string,
  updated_at: nullish.string,
  updated_by: nullish.string,
});
export type Agent = z.infer<typeof AgentSchema>;
export const AgentListSchema = z.array(AgentSchema);

export type AgentRequest = OpenRecord & {
  agent_name: string;
  agent_card_params?: OpenRecord;
  litellm_params?: OpenRecord;
};
