import type { RegistrySpec } from '../domain/admin-objects.js';
import { allRecords, pathRegistryHandlers } from '../domain/admin-objects.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import { BodyReader } from '../http/validate.js';

const AGENTS: RegistrySpec = {
  collection: 'agents',
  label: 'Agent',
  idField: 'agent_id',
  nameField: 'agent_name',
  generatedId: true,
};

function readAgent(body: unknown) {
  const reader = new BodyReader(body);
  reader.requiredString('agent_name');
  reader.object('agent_card_params');
  reader.object('litellm_params');
  reader.done();
  return { agent_card_params: {}, litellm_params: {}, ...reader.body };
}

function list(context: RequestContext): unknown {
  return allRecords(context, 'agents');
}

const handlers = pathRegistryHandlers(AGENTS, (context) => readAgent(context.body));

export const agentRoutes: RouteDefinition[] = [
  route('GET', '/v1/agents', 'any', list),
  route('GET', '/v1/agents/{agent_id}', 'any', handlers.get),
  route('POST', '/v1/agents', 'admin', handlers.create),
  route('PUT', '/v1/agents/{agent_id}', 'admin', handlers.update),
  route('DELETE', '/v1/agents/{agent_id}', 'admin', handlers.remove),
];
