import { encodePathParameter } from '../path.js';
import type { MessageResponse } from '../schemas/common.js';
import { MessageResponseSchema } from '../schemas/common.js';
import type {
  DeploymentInput,
  ModelInfoPage,
  ModelInfoPageParams,
  ModelInfoParams,
  ModelInfoResponse,
  ModelListParams,
  ModelListResponse,
  ModelRow,
  PatchDeploymentRequest,
  UpdateDeploymentRequest,
} from '../schemas/models.js';
import {
  ModelInfoPageSchema,
  ModelInfoResponseSchema,
  ModelListResponseSchema,
  ModelRowSchema,
} from '../schemas/models.js';
import type { CallOptions, Transport } from '../transport.js';
import { requiringFeature } from '../version-gate.js';

export interface ModelsResource {
  create(body: DeploymentInput, options?: CallOptions): Promise<ModelRow>;
  /**
   * POST /model/update, LiteLLM's replace-style update: `model_info.id` names the stored model and
   * `litellm_params` is merged over its parameters (LiteLLM refuses a body without either).
   */
  update(body: UpdateDeploymentRequest, options?: CallOptions): Promise<ModelRow>;
  /** PATCH /model/{model_id}/update: only the fields sent change (`model_name`, `litellm_params`, `model_info`). */
  patch(modelId: string, body: PatchDeploymentRequest, options?: CallOptions): Promise<ModelRow>;
  delete(id: string, options?: CallOptions): Promise<MessageResponse>;
  info(params?: ModelInfoParams, options?: CallOptions): Promise<ModelInfoResponse>;
  infoPage(params?: ModelInfoPageParams, options?: CallOptions): Promise<ModelInfoPage>;
  list(params?: ModelListParams, options?: CallOptions): Promise<ModelListResponse>;
}

export function createModelsResource(transport: Transport): ModelsResource {
  return {
    /** POST /model/new */
    create: (body: DeploymentInput, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/model/new', body }, ModelRowSchema, options),
    update: (body: UpdateDeploymentRequest, options?: CallOptions) => {
      // Checked here because LiteLLM answers a missing id with a 400 only after reaching its database.
      if (typeof body?.model_info?.id !== 'string' || body.model_info.id === '') {
        return Promise.reject(new TypeError('models.update needs model_info.id (the stored model id)'));
      }
      if (typeof body.litellm_params !== 'object' || body.litellm_params === null) {
        return Promise.reject(
          new TypeError('models.update needs litellm_params (use models.patch otherwise)'),
        );
      }
      return transport.call({ method: 'POST', path: '/model/update', body }, ModelRowSchema, options);
    },
    patch: (modelId: string, body: PatchDeploymentRequest, options?: CallOptions) =>
      requiringFeature('model_patch', () =>
        transport.call(
          {
            method: 'PATCH',
            path: `/model/${encodePathParameter(modelId)}/update`,
            route: '/model/{model_id}/update',
            body,
          },
          ModelRowSchema,
          options,
        ),
      ),
    /** POST /model/delete { id } */
    delete: (id: string, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/model/delete', body: { id } }, MessageResponseSchema, options),
    /** GET /model/info */
    info: (params: ModelInfoParams = {}, options?: CallOptions) =>
      transport.call({ method: 'GET', path: '/model/info', query: params }, ModelInfoResponseSchema, options),
    /** GET /v2/model/info (paginated envelope). */
    infoPage: (params: ModelInfoPageParams = {}, options?: CallOptions) =>
      transport.call({ method: 'GET', path: '/v2/model/info', query: params }, ModelInfoPageSchema, options),
    /** GET /models — one entry per model group the credential may use. */
    list: (params: ModelListParams = {}, options?: CallOptions) =>
      transport.call({ method: 'GET', path: '/models', query: params }, ModelListResponseSchema, options),
  };
}
