import { z } from 'zod';
import type { OpenRecord } from './common.js';
import { countedPageSchema, nullish } from './common.js';

export const DeploymentSchema = z.looseObject({
  model_name: nullish.string,
  litellm_params: z.looseObject({ model: nullish.string }).nullish(),
  model_info: z
    .looseObject({ id: nullish.string, db_model: nullish.boolean, team_id: nullish.string })
    .nullish(),
});
export type Deployment = z.infer<typeof DeploymentSchema>;

/** Row returned by /model/new and /model/update. */
export const ModelRowSchema = DeploymentSchema.extend({ model_id: nullish.string });
export type ModelRow = z.infer<typeof ModelRowSchema>;

export const ModelInfoResponseSchema = z.looseObject({ data: z.array(DeploymentSchema) });
export type ModelInfoResponse = z.infer<typeof ModelInfoResponseSchema>;

export const ModelInfoPageSchema = countedPageSchema('data', DeploymentSchema).extend({
  size: nullish.number,
});
export type ModelInfoPage = z.infer<typeof ModelInfoPageSchema>;

export const ModelListResponseSchema = z.looseObject({
  object: z.string(),
  data: z.array(
    z.looseObject({
      id: z.string(),
      object: nullish.string,
      created: nullish.number,
      owned_by: nullish.string,
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
