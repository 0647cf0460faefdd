import { z } from 'zod';
import { BudgetSchema } from './budgets.js';
import {
  ObjectPermissionSchema,
  type OpenRecord,
  optionalBoolean,
  optionalNumber,
  optionalString,
} from './common.js';
import type { NewCustomerRequestFields, UpdateCustomerRequestFields } from './litellm-requests.js';

export const CustomerSchema = z.looseObject({
  user_id: z.string(),
  alias: optionalString,
  spend: optionalNumber,
  blocked: optionalBoolean,
  allowed_model_region: optionalString,
  default_model: optionalString,
  budget_id: optionalString,
  litellm_budget_table: BudgetSchema.nullish(),
  object_permission_id: optionalString,
  object_permission: ObjectPermissionSchema.nullish(),
});
export type Customer = z.infer<typeof CustomerSchema>;
export const CustomerListSchema = z.array(CustomerSchema);

export const DeleteCustomersResponseSchema = z.looseObject({
  deleted_customers: z.unknown().optional(),
  message: optionalString,
});
export type DeleteCustomersResponse = z.infer<typeof DeleteCustomersResponseSchema>;

export type NewCustomerRequest = OpenRecord & NewCustomerRequestFields;
export type UpdateCustomerRequest = OpenRecord & UpdateCustomerRequestFields;
