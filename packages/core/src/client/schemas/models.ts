import { z } from 'zod';
import { type OpenRecord, optionalBoolean, optionalNumber, optionalString } from './common.js';

export const DeploymentSchema = z.looseObject({
  model_name: optionalString,
  litellm_params: z.looseObject({ model: optionalString }).nullish(),
  model_info: z
    .looseObject({ id: optionalString, db_model: optionalBoolean, team_id: optionalString })
    .nullish(),
});
export type Deployment = z.infer<typeof DeploymentSchema>;

/** Row returned by /model/new and /model/update. */
export const ModelRowSchema = DeploymentSchema.extend({ model_id: optionalString });
export type ModelRow = z.infer<typeof ModelRowSchema>;

export const ModelInfoResponseSchema = z.looseObject({ data: z.array(DeploymentSchema) });
export type ModelInfoResponse = z.infer<typeof ModelInfoResponseSchema>;

export const ModelInfoPageSchema = z.looseObject({
  data: z.array(DeploymentSchema),
  total_count: optionalNumber,
  current_page: optionalNumber,
  total_pages: optionalNumber,
  size: optionalNumber,
});
export type ModelInfoPage = z.infer<typeof ModelInfoPageSchema>;

export const ModelListResponseSchema = z.looseObject({
  object: z.string(),
  data: z.array(
    z.looseObject({
      id: z.string(),
      object: optionalString,
      created: optionalNumber,
      owned_by: optionalString,
    }),
  ),
});
export type ModelListResponse = z.infer<typeof ModelListResponseSchema>;

export type DeploymentInput = OpenRecord & {
  model_name: string;
  litellm_params: OpenRecord & { model: string };
  model_info?: OpenRecord & { id?: string; team_id?: string };
};
/** `updateDeployment` as `/model/update` enforces it: `model_info.id` and `litellm_params` are required. */
export type UpdateDeploymentRequest = OpenRecord & {
  /** Ignored by `/model/update`; use `models.patch` to rename. */
  model_name?: string;
  litellm_params: OpenRecord;
  model_info: OpenRecord & { id: string };
  /** LiteLLM 1.8x: proxy admins only. */
  blocked?: boolean;
};
/** `updateDeployment` for `PATCH /model/{model_id}/update`: every field optional. */
export type PatchDeploymentRequest = OpenRecord & {
  model_name?: string;
  litellm_params?: OpenRecord;
  model_info?: OpenRecord;
  blocked?: boolean;
};
export type ModelInfoParams = {
  litellm_model_id?: string;
  [parameter: string]: string | boolean | undefined;
};
export type ModelInfoPageParams = {
  model?: string;
  page?: number;
  size?: number;
  search?: string;
  include_team_models?: boolean;
  [parameter: string]: string | number | boolean | undefined;
};
export type ModelListParams = { team_id?: string; [parameter: string]: string | boolean | undefined };
