import { path } from '../path.js';
import type { Agent, AgentRequest } from '../schemas/agents.js';
import { AgentListSchema, AgentSchema } from '../schemas/agents.js';
import type { MessageResponse } from '../schemas/common.js';
import type { CallOptions, Transport } from '../transport.js';
import { createFeatureCaller, deleteByRoute } from './feature.js';

/** The agent registry (`/v1/agents*`); A2A invocation routes are deliberately absent. */
export interface AgentsResource {
  list(options?: CallOptions): Promise<Agent[]>;
  get(agentId: string, options?: CallOptions): Promise<Agent>;
  create(body: AgentRequest, options?: CallOptions): Promise<Agent>;
  /** PUT replaces the agent. */
  update(agentId: string, body: AgentRequest, options?: CallOptions): Promise<Agent>;
  delete(agentId: string, options?: CallOptions): Promise<MessageResponse | null>;
}

const ITEM_ROUTE = '/v1/agents/{agent_id}';

export function createAgentsResource(transport: Transport): AgentsResource {
  const call = createFeatureCaller(transport, 'agents');
  return {
    /** GET /v1/agents */
    list: (options) => call({ method: 'GET', path: '/v1/agents' }, AgentListSchema, options),
    /** GET /v1/agents/{agent_id} */
    get: (agentId, options) =>
      call({ method: 'GET', path: path`/v1/agents/${agentId}`, route: ITEM_ROUTE }, AgentSchema, options),
    /** POST /v1/agents */
    create: (body, options) => call({ method: 'POST', path: '/v1/agents', body }, AgentSchema, options),
    /** PUT /v1/agents/{agent_id} */
    update: (agentId, body, options) =>
      call(
        { method: 'PUT', path: path`/v1/agents/${agentId}`, route: ITEM_ROUTE, body },
        AgentSchema,
        options,
      ),
    /** DELETE /v1/agents/{agent_id} */
    delete: async (agentId, options) =>
      (await deleteByRoute(call, ITEM_ROUTE, agentId, options)) as MessageResponse | null,
  };
}
