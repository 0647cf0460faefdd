import { actorOf, isoTime, sortRows } from '../domain/common.js';
import {
  allowedModelGroups,
  modelGroupName,
  newDeploymentId,
  providerOf,
  publicDeployment,
} from '../domain/models.js';
import { isProxyAdmin } from '../http/auth.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import {
  missingFieldError,
  NOT_PREMIUM_MESSAGE,
  plainDetailError,
  proxyError,
  validationError,
} from '../http/errors.js';
import type { JsonObject } from '../http/validate.js';
import { BodyReader, countedPage, isJsonObject, queryBoolean, queryInteger } from '../http/validate.js';
import type { DeploymentRecord } from '../store/records.js';

const OPENAI_CREATED = 1677610602;

function visibleDeployments(context: RequestContext, includeTeamModels = true): DeploymentRecord[] {
  const allowed = allowedModelGroups(context.state, context.principal);
  const callerTeam = context.principal.key?.team_id ?? null;
  return [...context.state.models.values()].filter((deployment) => {
    const teamId = deployment.model_info.team_id;
    if (typeof teamId === 'string' && !isProxyAdmin(context.principal) && teamId !== callerTeam) return false;
    if (typeof teamId === 'string' && !includeTeamModels && isProxyAdmin(context.principal)) return false;
    return allowed === null || allowed.has(modelGroupName(deployment));
  });
}

function readDeploymentBody(reader: BodyReader, requireAll: boolean) {
  const modelName = requireAll ? reader.requiredString('model_name') : reader.string('model_name');
  const params = reader.object('litellm_params');
  const modelInfo = reader.object('model_info');
  reader.done();
  if (requireAll) {
    if (!params) throw missingFieldError('body', 'litellm_params', reader.body);
    if (typeof params.model !== 'string') {
      throw validationError([
        { type: 'missing', loc: ['body', 'litellm_params', 'model'], msg: 'Field required', input: params },
      ]);
    }
  }
  return { modelName, params, modelInfo };
}

function assertCanManageModel(context: RequestContext, teamId: unknown) {
  const { principal, state } = context;
  if (isProxyAdmin(principal)) return;
  if (typeof teamId === 'string' && state.isTeamAdmin(teamId, principal.userId)) {
    if (!context.settings.premium) throw proxyError(403, NOT_PREMIUM_MESSAGE, 'auth_error');
    return;
  }
  throw proxyError(
    403,
    `Authentication Error, User does not have permission to make this model call. Your role=${principal.role}`,
    'auth_error',
  );
}

function dbRow(deployment: DeploymentRecord): JsonObject {
  return {
    model_id: deployment.model_info.id,
    model_name: deployment.model_name,
    litellm_params: deployment.litellm_params,
    model_info: deployment.model_info,
    created_by: deployment.model_info.created_by ?? null,
    updated_by: deployment.model_info.updated_by ?? null,
    created_at: deployment.model_info.created_at ?? null,
    updated_at: deployment.model_info.updated_at ?? null,
  };
}

function create(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const { modelName, params, modelInfo } = readDeploymentBody(reader, true);
  const teamId = modelInfo?.team_id;
  assertCanManageModel(context, teamId);
  const id = typeof modelInfo?.id === 'string' ? modelInfo.id : newDeploymentId();
  if (context.state.models.has(id)) {
    throw proxyError(400, `Authentication Error, Model with id=${id} already exists`, 'auth_error');
  }
  const timestamp = isoTime(context.now);
  const actor = actorOf(context);
  const storedName = typeof teamId === 'string' ? `model_name_${teamId}_${newDeploymentId()}` : modelName!;
  const deployment: DeploymentRecord = {
    model_name: storedName,
    litellm_params: { ...params!, model: params!.model as string },
    model_info: {
      ...modelInfo,
      id,
      db_model: true,
      ...(typeof teamId === 'string' ? { team_public_model_name: modelName } : {}),
      created_at: timestamp,
      updated_at: timestamp,
      created_by: actor,
      updated_by: actor,
    },
  };
  context.state.models.set(id, deployment);
  return dbRow(deployment);
}

function applyUpdate(
  context: RequestContext,
  deployment: DeploymentRecord,
  body: {
    modelName: unknown;
    params: JsonObject | null | undefined;
    modelInfo: JsonObject | null | undefined;
  },
) {
  if (!deployment.model_info.db_model) {
    throw proxyError(
      400,
      "Authentication Error, Can't edit model. Model in config. Store model in db via `/model/new`. to edit.",
      'auth_error',
    );
  }
  assertCanManageModel(context, deployment.model_info.team_id);
  if (typeof body.modelName === 'string') deployment.model_name = body.modelName;
  if (body.params)
    deployment.litellm_params = {
      ...deployment.litellm_params,
      ...body.params,
      model: (body.params.model as string) ?? deployment.litellm_params.model,
    };
  if (body.modelInfo)
    deployment.model_info = {
      ...deployment.model_info,
      ...body.modelInfo,
      id: deployment.model_info.id,
      db_model: true,
    };
  deployment.model_info.updated_at = isoTime(context.now);
  deployment.model_info.updated_by = actorOf(context);
  return dbRow(deployment);
}

function update(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const body = readDeploymentBody(reader, false);
  const id = body.modelInfo?.id;
  if (typeof id !== 'string') {
    throw validationError([
      {
        type: 'missing',
        loc: ['body', 'model_info', 'id'],
        msg: 'Field required',
        input: body.modelInfo ?? null,
      },
    ]);
  }
  const deployment = context.state.models.get(id);
  if (!deployment)
    throw proxyError(
      400,
      `Authentication Error, Model with id=${id} not found in db. model not found`,
      'auth_error',
    );
  return applyUpdate(context, deployment, body);
}

function patch(context: RequestContext): unknown {
  const id = context.params[0]!;
  const reader = new BodyReader(context.body);
  const body = readDeploymentBody(reader, false);
  const deployment = context.state.models.get(id);
  if (!deployment) throw proxyError(404, `Model ${id} not found on proxy.`, 'not_found_error', 'model_id');
  return applyUpdate(context, deployment, body);
}

function remove(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const id = reader.requiredString('id');
  reader.done();
  const deployment = context.state.models.get(id);
  if (!deployment?.model_info.db_model) {
    throw proxyError(400, `{'error': 'Model with id=${id} not found in db'}`, 'auth_error');
  }
  assertCanManageModel(context, deployment.model_info.team_id);
  context.state.models.delete(id);
  return { message: `Model: ${id} deleted successfully` };
}

function info(context: RequestContext): unknown {
  const id = context.query.get('litellm_model_id');
  const includeTeam = queryBoolean(context.query, 'include_team_models', true);
  const data = visibleDeployments(context, includeTeam)
    .filter((deployment) => !id || deployment.model_info.id === id)
    .map(publicDeployment);
  return { data };
}

const MODEL_SORT_FIELDS = ['model_name', 'created_at', 'updated_at', 'costs', 'status'];

function infoV2(context: RequestContext): unknown {
  const { query } = context;
  const page = queryInteger(query, 'page', 1, { min: 1 });
  const size = queryInteger(query, 'size', 50, { min: 1 });
  const includeTeam = queryBoolean(query, 'include_team_models');
  const model = query.get('model');
  const search = query.get('search')?.toLowerCase();
  const modelId = query.get('modelId');
  const teamId = query.get('teamId');
  const sortBy = query.get('sortBy');
  if (sortBy && !MODEL_SORT_FIELDS.includes(sortBy)) {
    throw proxyError(
      400,
      `Invalid sortBy: ${sortBy}. Must be one of ${MODEL_SORT_FIELDS.join(', ')}`,
      'bad_request_error',
      'sortBy',
    );
  }
  const sortOrder = (query.get('sortOrder') ?? 'asc').toLowerCase() === 'desc' ? 'desc' : 'asc';
  const rows = visibleDeployments(context, includeTeam || Boolean(teamId)).filter((deployment) => {
    const name = modelGroupName(deployment);
    if (model && deployment.model_name !== model) return false;
    if (
      search &&
      !name.toLowerCase().includes(search) &&
      !deployment.model_name.toLowerCase().includes(search)
    )
      return false;
    if (modelId && deployment.model_info.id !== modelId) return false;
    if (teamId && deployment.model_info.team_id !== teamId) return false;
    return true;
  });
  const data = rows.map(publicDeployment);
  if (sortBy === 'model_name') sortRows(data, 'model_name', sortOrder);
  else if (sortBy === 'created_at' || sortBy === 'updated_at') {
    data.sort((left, right) => {
      const leftValue = String((left.model_info as JsonObject)[sortBy] ?? '');
      const rightValue = String((right.model_info as JsonObject)[sortBy] ?? '');
      return (sortOrder === 'asc' ? 1 : -1) * leftValue.localeCompare(rightValue);
    });
  }
  const { items, counters } = countedPage(data, page, size);
  return { data: items, ...counters, size };
}

function modelGroups(context: RequestContext): string[] {
  const teamId = context.query.get('team_id');
  const groups = new Set<string>();
  for (const deployment of visibleDeployments(context)) {
    if (teamId) {
      const team = context.state.teams.get(teamId);
      if (team && team.models.length > 0 && !team.models.includes(modelGroupName(deployment))) continue;
    }
    groups.add(modelGroupName(deployment));
  }
  return [...groups];
}

function listModels(context: RequestContext): unknown {
  return {
    object: 'list',
    data: modelGroups(context).map((id) => ({
      id,
      object: 'model',
      created: OPENAI_CREATED,
      owned_by: 'openai',
    })),
  };
}

function getModel(context: RequestContext): unknown {
  const id = context.params[0]!;
  if (!modelGroups(context).includes(id)) {
    throw proxyError(404, `The model \`${id}\` does not exist`, 'not_found_error', 'model');
  }
  return { id, object: 'model', created: OPENAI_CREATED, owned_by: 'openai' };
}

function groupInfo(context: RequestContext): unknown {
  const requested = context.query.get('model_group');
  const groups = new Map<string, DeploymentRecord[]>();
  for (const deployment of visibleDeployments(context)) {
    const name = modelGroupName(deployment);
    if (requested && name !== requested) continue;
    const list = groups.get(name) ?? [];
    list.push(deployment);
    groups.set(name, list);
  }
  const data = [...groups].map(([group, deployments]) => {
    const info = deployments[0]!.model_info;
    const params = deployments[0]!.litellm_params;
    return {
      model_group: group,
      providers: [...new Set(deployments.map(providerOf))],
      max_input_tokens: info.max_input_tokens ?? null,
      max_output_tokens: info.max_output_tokens ?? null,
      input_cost_per_token: info.input_cost_per_token ?? params.input_cost_per_token ?? null,
      output_cost_per_token: info.output_cost_per_token ?? params.output_cost_per_token ?? null,
      mode: info.mode ?? 'chat',
      tpm: params.tpm ?? null,
      rpm: params.rpm ?? null,
      supports_parallel_function_calling: false,
      supports_vision: false,
      supports_function_calling: false,
      supported_openai_params: ['temperature', 'max_tokens', 'stream', 'top_p'],
    };
  });
  return { data };
}

function testConnection(context: RequestContext): unknown {
  if (!isProxyAdmin(context.principal)) {
    throw plainDetailError(403, 'Admin access required to test model connections');
  }
  const body = isJsonObject(context.body) ? context.body : {};
  const params = isJsonObject(body.litellm_params) ? body.litellm_params : {};
  return { status: 'success', result: { model: params.model ?? null, mode: body.mode ?? 'chat' } };
}

export const modelRoutes: RouteDefinition[] = [
  route('POST', '/model/new', 'any', create),
  route('POST', '/model/update', 'any', update),
  route('PATCH', '/model/{model_id}/update', 'any', patch),
  route('POST', '/model/delete', 'any', remove),
  route('GET', '/model/info', 'any', info),
  route('GET', '/v1/model/info', 'any', info),
  route('GET', '/v2/model/info', 'any', infoV2),
  route('GET', '/models', 'any', listModels),
  route('GET', '/v1/models', 'any', listModels),
  route('GET', '/models/{model_id}', 'any', getModel),
  route('GET', '/v1/models/{model_id}', 'any', getModel),
  route('GET', '/model_group/info', 'any', groupInfo),
  route('POST', '/health/test_connection', 'any', testConnection),
];
