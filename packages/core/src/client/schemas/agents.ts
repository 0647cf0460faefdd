import { z } from 'zod';
import { type OpenRecord, optionalRecord, optionalString } from './common.js';

/** An entry of LiteLLM's agent registry (`/v1/agents`); invoking agents is not part of this client. */
export const AgentSchema = z.looseObject({
  agent_id: z.string(),
  agent_name: z.string(),
  litellm_params: optionalRecord,
  agent_card_params: optionalRecord,
  created_at: optionalString,
  created_by: optionalString,
  updated_at: optionalString,
  updated_by: optionalString,
});
export type Agent = z.infer<typeof AgentSchema>;
export const AgentListSchema = z.array(AgentSchema);

export type AgentRequest = OpenRecord & {
  agent_name: string;
  agent_card_params?: OpenRecord;
  litellm_params?: OpenRecord;
};
