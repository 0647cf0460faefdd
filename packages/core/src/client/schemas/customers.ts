import { z } from 'zod';
import { BudgetSchema } from './budgets.js';
import type { OpenRecord } from './common.js';
import { nullish, ObjectPermissionSchema } from './common.js';
import type { NewCustomerRequestFields, UpdateCustomerRequestFields } from './litellm-requests.js';

export const CustomerSchema = z.looseObject({
  user_id: z.string(),
  alias: nullish.string,
  spend: nullish.number,
  blocked: nullish.boolean,
  allowed_model_region: nullish.string,
  default_model: nullish.string,
  budget_id: nullish.string,
  litellm_budget_table: BudgetSchema.nullish(),
  object_permission_id: nullish.string,
  object_permission: ObjectPermissionSchema.nullish(),
});
export type Customer = z.infer<typeof CustomerSchema>;
export const CustomerListSchema = z.array(CustomerSchema);

export const DeleteCustomersResponseSchema = z.looseObject({
  deleted_customers: z.unknown().optional(),
  message: nullish.string,
});
export type DeleteCustomersResponse = z.infer<typeof DeleteCustomersResponseSchema>;

export type NewCustomerRequest = OpenRecord & NewCustomerRequestFields;
export type UpdateCustomerRequest = OpenRecord & UpdateCustomerRequestFields;
