import { z } from 'zod';
import { type OpenRecord, optionalNumber, optionalRecord, optionalString } from './common.js';
import type { BudgetNewRequestFields } from './litellm-requests.js';

export const BudgetSchema = z.looseObject({
  budget_id: optionalString,
  max_budget: optionalNumber,
  soft_budget: optionalNumber,
  max_parallel_requests: optionalNumber,
  tpm_limit: optionalNumber,
  rpm_limit: optionalNumber,
  model_max_budget: optionalRecord,
  budget_duration: optionalString,
  budget_reset_at: optionalString,
  created_at: optionalString,
  updated_at: optionalString,
});
export type Budget = z.infer<typeof BudgetSchema>;
export const BudgetListSchema = z.array(BudgetSchema);

/** LiteLLM's `BudgetNewRequest`. */
export type BudgetRequest = OpenRecord & BudgetNewRequestFields;
export type UpdateBudgetRequest = BudgetRequest & { budget_id: string };
