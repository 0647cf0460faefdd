import { z } from 'zod';
import { BudgetSchema } from './budgets.js';
import {
  ObjectPermissionSchema,
  type OpenRecord,
  optionalNumber,
  optionalRecord,
  optionalString,
  optionalStringArray,
} from './common.js';
import type { NewOrganizationRequestFields, UpdateOrganizationRequestFields } from './litellm-requests.js';
import { UserSchema } from './users.js';

export const OrganizationSchema = z.looseObject({
  organization_id: z.string(),
  organization_alias: optionalString,
  budget_id: optionalString,
  spend: optionalNumber,
  metadata: optionalRecord,
  models: optionalStringArray,
  litellm_budget_table: BudgetSchema.nullish(),
  members: z.array(z.looseObject({})).nullish(),
  teams: z.array(z.looseObject({})).nullish(),
  created_at: optionalString,
  updated_at: optionalString,
  created_by: optionalString,
  updated_by: optionalString,
  users: z.array(UserSchema).nullish(),
  object_permission: ObjectPermissionSchema.nullish(),
  object_permission_id: optionalString,
});
export type Organization = z.infer<typeof OrganizationSchema>;
export const OrganizationListSchema = z.array(OrganizationSchema);

export type NewOrganizationRequest = OpenRecord & NewOrganizationRequestFields;
/** LiteLLM names the organization to update by `organization_id`, so it is required here. */
export type UpdateOrganizationRequest = OpenRecord &
  UpdateOrganizationRequestFields & { organization_id: string };
export type OrganizationListParams = { org_id?: string; org_alias?: string };
