import type { RequestContext } from '../http/context.js';
import { detailError } from '../http/errors.js';
import type { BodyReader, JsonObject } from '../http/validate.js';
import { generateId } from '../store/identifiers.js';
import type { BudgetRecord } from '../store/records.js';
import { actorOf, budgetResetAt, isoTime } from './common.js';

const BUDGET_FIELDS = [
  'max_budget',
  'soft_budget',
  'max_parallel_requests',
  'tpm_limit',
  'rpm_limit',
  'model_max_budget',
  'budget_duration',
] as const;

export type BudgetFields = {
  max_budget?: number | null;
  soft_budget?: number | null;
  max_parallel_requests?: number | null;
  tpm_limit?: number | null;
  rpm_limit?: number | null;
  model_max_budget?: JsonObject | null;
  budget_duration?: string | null;
  budget_reset_at?: string | null;
};

export function readBudgetFields(reader: BodyReader): BudgetFields {
  return {
    max_budget: reader.number('max_budget'),
    soft_budget: reader.number('soft_budget'),
    max_parallel_requests: reader.integer('max_parallel_requests'),
    tpm_limit: reader.integer('tpm_limit'),
    rpm_limit: reader.integer('rpm_limit'),
    model_max_budget: reader.object('model_max_budget'),
    budget_duration: reader.string('budget_duration'),
    budget_reset_at: reader.string('budget_reset_at'),
  };
}

export function hasBudgetFields(fields: BudgetFields): boolean {
  return BUDGET_FIELDS.some((field) => fields[field] !== undefined && fields[field] !== null);
}

export function checkBudgetAmounts(fields: BudgetFields): void {
  for (const field of ['max_budget', 'soft_budget'] as const) {
    const value = fields[field];
    if (typeof value === 'number' && (value < 0 || !Number.isFinite(value))) {
      throw detailError(400, `${field} must be a non-negative finite number. Received: ${value}`);
    }
  }
}

export function insertBudget(context: RequestContext, fields: BudgetFields, budgetId?: string): BudgetRecord {
  const timestamp = isoTime(context.now);
  const actor = actorOf(context);
  const budget: BudgetRecord = {
    budget_id: budgetId ?? generateId(),
    max_budget: fields.max_budget ?? null,
    soft_budget: fields.soft_budget ?? null,
    max_parallel_requests: fields.max_parallel_requests ?? null,
    tpm_limit: fields.tpm_limit ?? null,
    rpm_limit: fields.rpm_limit ?? null,
    model_max_budget: fields.model_max_budget ?? null,
    budget_duration: fields.budget_duration ?? null,
    budget_reset_at: fields.budget_reset_at ?? budgetResetAt(fields.budget_duration, context.now),
    created_at: timestamp,
    created_by: actor,
    updated_at: timestamp,
    updated_by: actor,
  };
  context.state.budgets.set(budget.budget_id, budget);
  return budget;
}

export function applyBudgetFields(context: RequestContext, budget: BudgetRecord, fields: BudgetFields): void {
  for (const field of BUDGET_FIELDS) {
    const value = fields[field];
    if (value !== undefined) budget[field] = value as never;
  }
  if (fields.budget_duration) budget.budget_reset_at = budgetResetAt(fields.budget_duration, context.now);
  if (fields.budget_reset_at) budget.budget_reset_at = fields.budget_reset_at;
  budget.updated_at = isoTime(context.now);
  budget.updated_by = actorOf(context);
}
