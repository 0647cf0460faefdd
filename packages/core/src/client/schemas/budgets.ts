import { z } from 'zod';
import type { OpenRecord } from './common.js';
import { nullish, timestampFields } from './common.js';
import type { BudgetNewRequestFields } from './litellm-requests.js';

export const BudgetSchema = z.looseObject({
  budget_id: nullish.string,
  max_budget: nullish.number,
  soft_budget: nullish.number,
  max_parallel_requests: nullish.number,
  tpm_limit: nullish.number,
  rpm_limit: nullish.number,
  model_max_budget: nullish.record,
  budget_duration: nullish.string,
  budget_reset_at: nullish.string,
  ...timestampFields,
});
export type Budget = z.infer<typeof BudgetSchema>;
export const BudgetListSchema = z.array(BudgetSchema);

/** LiteLLM's `BudgetNewRequest`. */
export type BudgetRequest = OpenRecord & BudgetNewRequestFields;
export type UpdateBudgetRequest = BudgetRequest & { budget_id: string };
