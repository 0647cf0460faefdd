import { path } from '../path.js';
import type { Guardrail, GuardrailList, GuardrailRequest } from '../schemas/guardrails.js';
import { GuardrailListSchema, GuardrailSchema } from '../schemas/guardrails.js';
import type { CallOptions, Transport } from '../transport.js';
import { createFeatureCaller, deleteByRoute } from './feature.js';

export interface GuardrailsResource {
  /** Database and config guardrails with ids (`/v2/guardrails/list`). */
  list(options?: CallOptions): Promise<GuardrailList>;
  /** Config-file guardrails only (`/guardrails/list`), the route every LiteLLM with guardrails has. */
  listConfigured(options?: CallOptions): Promise<GuardrailList>;
  get(guardrailId: string, options?: CallOptions): Promise<Guardrail>;
  create(guardrail: GuardrailRequest, options?: CallOptions): Promise<Guardrail>;
  update(guardrailId: string, guardrail: GuardrailRequest, options?: CallOptions): Promise<Guardrail>;
  delete(guardrailId: string, options?: CallOptions): Promise<void>;
}

const ITEM_ROUTE = '/guardrails/{guardrail_id}';

export function createGuardrailsResource(transport: Transport): GuardrailsResource {
  const call = createFeatureCaller(transport, 'guardrails');
  return {
    /** GET /v2/guardrails/list */
    list: (options) => call({ method: 'GET', path: '/v2/guardrails/list' }, GuardrailListSchema, options),
    /** GET /guardrails/list */
    listConfigured: (options) =>
      call({ method: 'GET', path: '/guardrails/list' }, GuardrailListSchema, options),
    /** GET /guardrails/{guardrail_id}/info */
    get: (guardrailId, options) =>
      call(
        { method: 'GET', path: path`/guardrails/${guardrailId}/info`, route: `${ITEM_ROUTE}/info` },
        GuardrailSchema,
        options,
      ),
    /** POST /guardrails { guardrail } */
    create: (guardrail, options) =>
      call({ method: 'POST', path: '/guardrails', body: { guardrail } }, GuardrailSchema, options),
    /** PUT /guardrails/{guardrail_id} { guardrail } */
    update: (guardrailId, guardrail, options) =>
      call(
        { method: 'PUT', path: path`/guardrails/${guardrailId}`, route: ITEM_ROUTE, body: { guardrail } },
        GuardrailSchema,
        options,
      ),
    /** DELETE /guardrails/{guardrail_id} */
    delete: async (guardrailId, options) => {
      await deleteByRoute(call, ITEM_ROUTE, guardrailId, options);
    },
  };
}
