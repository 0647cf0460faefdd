import { z } from 'zod';
import { BudgetSchema } from './budgets.js';
import type { OpenRecord } from './common.js';
import { nullish, ObjectPermissionSchema, timestampFields } from './common.js';
import type { NewOrganizationRequestFields, UpdateOrganizationRequestFields } from './litellm-requests.js';
import { UserSchema } from './users.js';

export const OrganizationSchema = z.looseObject({
  organization_id: z.string(),
  organization_alias: nullish.string,
  budget_id: nullish.string,
  spend: nullish.number,
  metadata: nullish.record,
  models: nullish.stringArray,
  litellm_budget_table: BudgetSchema.nullish(),
  members: z.array(z.looseObject({})).nullish(),
  teams: z.array(z.looseObject({})).nullish(),
  ...timestampFields,
  created_by: nullish.string,
  updated_by: nullish.string,
  users: z.array(UserSchema).nullish(),
  object_permission: ObjectPermissionSchema.nullish(),
  object_permission_id: nullish.string,
});
export type Organization = z.infer<typeof OrganizationSchema>;
export const OrganizationListSchema = z.array(OrganizationSchema);

export type NewOrganizationRequest = OpenRecord & NewOrganizationRequestFields;
/** LiteLLM names the organization to update by `organization_id`, so it is required here. */
export type UpdateOrganizationRequest = OpenRecord &
  UpdateOrganizationRequestFields & { organization_id: string };
export type OrganizationListParams = { org_id?: string; org_alias?: string };
