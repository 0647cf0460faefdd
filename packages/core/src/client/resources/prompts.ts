import { path } from '../path.js';
import type { Prompt, PromptInfo, PromptList, PromptRequest } from '../schemas/prompts.js';
import { PromptInfoSchema, PromptListSchema, PromptSchema } from '../schemas/prompts.js';
import type { CallOptions, Transport } from '../transport.js';
import { createFeatureCaller, deleteByRoute } from './feature.js';

export interface PromptsResource {
  list(options?: CallOptions): Promise<PromptList>;
  get(promptId: string, options?: CallOptions): Promise<PromptInfo>;
  create(body: PromptRequest, options?: CallOptions): Promise<Prompt>;
  update(promptId: string, body: PromptRequest, options?: CallOptions): Promise<Prompt>;
  delete(promptId: string, options?: CallOptions): Promise<void>;
}

const ITEM_ROUTE = '/prompts/{prompt_id}';

export function createPromptsResource(transport: Transport): PromptsResource {
  const call = createFeatureCaller(transport, 'prompts');
  return {
    /** GET /prompts/list */
    list: (options) => call({ method: 'GET', path: '/prompts/list' }, PromptListSchema, options),
    /** GET /prompts/{prompt_id}/info */
    get: (promptId, options) =>
      call(
        { method: 'GET', path: path`/prompts/${promptId}/info`, route: `${ITEM_ROUTE}/info` },
        PromptInfoSchema,
        options,
      ),
    /** POST /prompts */
    create: (body, options) => call({ method: 'POST', path: '/prompts', body }, PromptSchema, options),
    /** PUT /prompts/{prompt_id} */
    update: (promptId, body, options) =>
      call(
        { method: 'PUT', path: path`/prompts/${promptId}`, route: ITEM_ROUTE, body },
        PromptSchema,
        options,
      ),
    /** DELETE /prompts/{prompt_id} */
    delete: async (promptId, options) => {
      await deleteByRoute(call, ITEM_ROUTE, promptId, options);
    },
  };
}
