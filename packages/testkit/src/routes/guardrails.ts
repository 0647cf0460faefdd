import type { AdminRecord, RegistrySpec } from '../domain/admin-objects.js';
import {
  allRecords,
  createRecord,
  masked,
  readEnveloped,
  recordFromPath,
  replaceRecord,
  withMaskedParams,
} from '../domain/admin-objects.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import { detailError } from '../http/errors.js';
import { isJsonObject } from '../http/validate.js';

const GUARDRAILS: RegistrySpec = {
  collection: 'guardrails',
  label: 'Guardrail',
  idField: 'guardrail_id',
  nameField: 'guardrail_name',
  generatedId: true,
};
const MODES = ['pre_call', 'post_call', 'during_call', 'logging_only', 'pre_mcp_call', 'during_mcp_call'];

/** The `{guardrail: {...}}` body of create and update, checked like LiteLLM's `Guardrail` model. */
function readGuardrail(body: unknown): AdminRecord {
  const { fields, params } = readEnveloped(body, 'guardrail', 'guardrail_name');
  if (!isJsonObject(params) || typeof params.guardrail !== 'string' || params.guardrail === '') {
    throw detailError(400, 'litellm_params.guardrail is required');
  }
  const modes = Array.isArray(params.mode) ? params.mode : [params.mode];
  if (!modes.every((mode) => typeof mode === 'string' && MODES.includes(mode))) {
    throw detailError(400, `litellm_params.mode must be one of ${MODES.join(', ')}`);
  }
  return { ...fields, guardrail_definition_location: 'db' };
}

function list(context: RequestContext): unknown {
  return { guardrails: allRecords(context, 'guardrails').map(withMaskedParams) };
}

/** `/guardrails/list` predates the database registry: config guardrails only, without ids. */
function listConfigured(context: RequestContext): unknown {
  const guardrails = [...context.state.adminObjects.guardrails.values()]
    .filter((record) => record.guardrail_definition_location === 'config')
    .map((record) => ({
      guardrail_name: record.guardrail_name,
      litellm_params: masked(record.litellm_params),
      guardrail_info: record.guardrail_info ?? null,
    }));
  return { guardrails };
}

function info(context: RequestContext): unknown {
  return withMaskedParams(recordFromPath(context, GUARDRAILS));
}

function create(context: RequestContext): unknown {
  return withMaskedParams(createRecord(context, GUARDRAILS, () => readGuardrail(context.body)));
}

function editable(context: RequestContext): AdminRecord {
  const record = recordFromPath(context, GUARDRAILS);
  if (record.guardrail_definition_location === 'config') {
    throw detailError(400, 'Guardrails defined in the config file cannot be changed through the API');
  }
  return record;
}

function update(context: RequestContext): unknown {
  const record = editable(context);
  const records = context.state.adminObjects.guardrails;
  return withMaskedParams(replaceRecord(context, records, GUARDRAILS, record, readGuardrail(context.body)));
}

function remove(context: RequestContext): unknown {
  const record = editable(context);
  context.state.adminObjects.guardrails.delete(record.guardrail_id as string);
  return withMaskedParams(record);
}

export const guardrailRoutes: RouteDefinition[] = [
  route('GET', '/guardrails/list', 'any', listConfigured),
  route('GET', '/v2/guardrails/list', 'viewer', list),
  route('GET', '/guardrails/{guardrail_id}/info', 'viewer', info),
  route('POST', '/guardrails', 'admin', create),
  route('PUT', '/guardrails/{guardrail_id}', 'admin', update),
  route('DELETE', '/guardrails/{guardrail_id}', 'admin', remove),
];
