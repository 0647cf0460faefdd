import type { RegistrySpec } from '../domain/admin-objects.js';
import { allRecords, pathRegistryHandlers, recordFromPath } from '../domain/admin-objects.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import { BodyReader } from '../http/validate.js';

const PROMPTS: RegistrySpec = {
  collection: 'prompts',
  label: 'Prompt',
  idField: 'prompt_id',
  nameField: 'prompt_id',
  generatedId: false,
};

function readPrompt(body: unknown, promptId?: string) {
  const reader = new BodyReader(body);
  const id = promptId ?? reader.requiredString('prompt_id');
  reader.object('litellm_params');
  reader.object('prompt_info');
  reader.done();
  return {
    id,
    fields: { litellm_params: {}, ...reader.body, prompt_id: id, prompt_info: { prompt_type: 'db' } },
  };
}

function list(context: RequestContext): unknown {
  return { prompts: allRecords(context, 'prompts') };
}

function info(context: RequestContext): unknown {
  const record = recordFromPath(context, PROMPTS);
  return { prompt_spec: record, raw_prompt_template: null };
}

// On POST the id comes from the body; on PUT from the path.
const handlers = pathRegistryHandlers(
  PROMPTS,
  (context) => readPrompt(context.body, context.params[0]).fields,
);

export const promptRoutes: RouteDefinition[] = [
  route('GET', '/prompts/list', 'any', list),
  route('GET', '/prompts/{prompt_id}/info', 'viewer', info),
  route('POST', '/prompts', 'admin', handlers.create),
  route('PUT', '/prompts/{prompt_id}', 'admin', handlers.update),
  route('DELETE', '/prompts/{prompt_id}', 'admin', handlers.remove),
];
