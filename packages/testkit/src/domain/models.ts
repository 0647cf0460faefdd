import type { Principal } from '../http/context.js';
import type { JsonObject } from '../http/validate.js';
import { generateId } from '../store/identifiers.js';
import type { DeploymentRecord } from '../store/records.js';
import type { FakeWorkerState } from '../store/state.js';

const SECRET_PARAMS = new Set([
  'api_key',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'vertex_credentials',
  'azure_ad_token',
  'client_secret',
  'litellm_credential_name',
]);

/** Input accepted by the `models` option: a model name or a LiteLLM deployment. */
export type FakeDeployment = {
  model_name: string;
  litellm_params?: JsonObject & { model?: string };
  model_info?: JsonObject & { id?: string };
};

/** Provider prefix of `litellm_params.model` (`openai/gpt-4o` → `openai`). */
export function providerOf(deployment: DeploymentRecord): string {
  const provider = deployment.litellm_params.custom_llm_provider;
  if (typeof provider === 'string') return provider;
  const model = deployment.litellm_params.model;
  return model.includes('/') ? model.slice(0, model.indexOf('/')) : 'openai';
}

export function configDeployment(input: string | FakeDeployment, index: number): DeploymentRecord {
  const deployment: FakeDeployment = typeof input === 'string' ? { model_name: input } : input;
  const model = deployment.litellm_params?.model ?? `openai/${deployment.model_name}`;
  return {
    model_name: deployment.model_name,
    litellm_params: { ...deployment.litellm_params, model },
    model_info: {
      ...deployment.model_info,
      id: deployment.model_info?.id ?? `config-model-${index + 1}`,
      db_model: false,
    },
  };
}

/** A deployment as info endpoints return it: credentials removed. */
export function publicDeployment(deployment: DeploymentRecord): JsonObject {
  const params: JsonObject = {};
  for (const [field, value] of Object.entries(deployment.litellm_params)) {
    if (!SECRET_PARAMS.has(field)) params[field] = value;
  }
  const { model_name, litellm_params: _params, model_info, ...rest } = deployment;
  return { model_name, litellm_params: params, model_info, ...rest };
}

/** Public model group name (team models are stored under a generated name). */
export function modelGroupName(deployment: DeploymentRecord): string {
  const publicName = deployment.model_info.team_public_model_name;
  return typeof publicName === 'string' ? publicName : deployment.model_name;
}

/**
 * Model groups the caller may use: admins everything; otherwise the key's `models`, else its team's,
 * else its user's, where an empty list inherits everything.
 */
export function allowedModelGroups(state: FakeWorkerState, principal: Principal): Set<string> | null {
  if (principal.role === 'proxy_admin' || principal.role === 'proxy_admin_viewer') return null;
  const key = principal.key;
  if (!key) return null;
  const team = key.team_id ? state.teams.get(key.team_id) : undefined;
  const user = key.user_id ? state.users.get(key.user_id) : undefined;
  const pick = (models: string[] | undefined): Set<string> | null | undefined => {
    if (!models || models.length === 0) return undefined;
    if (models.includes('all-proxy-models') || models.includes('*')) return null;
    if (models.includes('all-team-models'))
      return team && team.models.length > 0 ? new Set(team.models) : null;
    return new Set(models);
  };
  const fromKey = pick(key.models);
  if (fromKey !== undefined) return fromKey;
  const fromTeam = pick(team?.models);
  if (fromTeam !== undefined) return fromTeam;
  const fromUser = pick(user?.models);
  return fromUser === undefined ? null : fromUser;
}

export function newDeploymentId(): string {
  return generateId();
}
