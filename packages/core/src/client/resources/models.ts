import { type MessageResponse, MessageResponseSchema } from '../schemas/common.js';
import {
  type DeploymentInput,
  type ModelInfoPage,
  type ModelInfoPageParams,
  ModelInfoPageSchema,
  type ModelInfoParams,
  type ModelInfoResponse,
  ModelInfoResponseSchema,
  type ModelListParams,
  type ModelListResponse,
  ModelListResponseSchema,
  type ModelRow,
  ModelRowSchema,
  type UpdateDeploymentRequest,
} from '../schemas/models.js';
import type { CallOptions, Transport } from '../transport.js';

export interface ModelsResource {
  create(body: DeploymentInput, options?: CallOptions): Promise<ModelRow>;
  update(body: UpdateDeploymentRequest, options?: CallOptions): Promise<ModelRow>;
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
    /** POST /model/update */
    update: (body: UpdateDeploymentRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/model/update', body }, ModelRowSchema, options),
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
