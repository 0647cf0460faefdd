import { applyBudgetFields, checkBudgetAmounts, insertBudget, readBudgetFields } from '../domain/budgets.js';
import { canReadAll, isProxyAdmin } from '../http/auth.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import { detailError } from '../http/errors.js';
import { BodyReader } from '../http/validate.js';

function create(context: RequestContext): unknown {
  const reader = new BodyReader(context.body ?? {});
  const budgetId = reader.string('budget_id');
  const fields = readBudgetFields(reader);
  reader.done();
  checkBudgetAmounts(fields);
  if (budgetId && context.state.budgets.has(budgetId)) {
    throw detailError(400, `Budget with id '${budgetId}' already exists.`);
  }
  return insertBudget(context, fields, budgetId ?? undefined);
}

function update(context: RequestContext): unknown {
  const reader = new BodyReader(context.body ?? {});
  const budgetId = reader.string('budget_id');
  const fields = readBudgetFields(reader);
  reader.done();
  if (!budgetId) throw detailError(400, 'budget_id is required');
  checkBudgetAmounts(fields);
  const budget = context.state.budgets.get(budgetId);
  if (!budget) throw detailError(400, `Budget with id '${budgetId}' not found.`);
  const sent = Object.fromEntries(Object.entries(fields).filter(([field]) => field in reader.body));
  applyBudgetFields(context, budget, sent);
  return budget;
}

function info(context: RequestContext): unknown {
  assertViewer(context);
  const reader = new BodyReader(context.body ?? {});
  const budgets = reader.stringArray('budgets');
  reader.done();
  if (!budgets || budgets.length === 0) {
    throw detailError(
      400,
      `Specify list of budget id's to query. Passed in=${JSON.stringify(budgets ?? null)}`,
    );
  }
  return budgets
    .map((budgetId) => context.state.budgets.get(budgetId))
    .filter((budget) => budget !== undefined);
}

function assertViewer(context: RequestContext) {
  if (!canReadAll(context.principal)) {
    throw detailError(
      400,
      `Admin-only endpoint. Not allowed to access this., your role=${context.principal.role}`,
    );
  }
}

function list(context: RequestContext): unknown {
  assertViewer(context);
  return [...context.state.budgets.values()];
}

const FIELD_DESCRIPTIONS: Record<string, [string, string]> = {
  max_budget: ['float', 'Maximum spend (USD)'],
  soft_budget: ['float', 'Alert threshold (USD)'],
  max_parallel_requests: ['int', 'Maximum parallel requests'],
  tpm_limit: ['int', 'Tokens per minute'],
  rpm_limit: ['int', 'Requests per minute'],
  budget_duration: ['str', 'Budget reset period, e.g. 30d'],
};

function settings(context: RequestContext): unknown {
  assertViewer(context);
  const budgetId = context.query.get('budget_id');
  const budget = budgetId ? context.state.budgets.get(budgetId) : undefined;
  if (budgetId && !budget) throw detailError(400, `Budget with id '${budgetId}' not found.`);
  return Object.entries(FIELD_DESCRIPTIONS).map(([field, [type, description]]) => ({
    field_name: field,
    field_type: type,
    field_description: description,
    field_value: budget ? budget[field] : null,
    stored_in_db: budget ? true : null,
    field_default_value: null,
    premium_field: false,
    nested_fields: null,
  }));
}

function remove(context: RequestContext): unknown {
  if (!isProxyAdmin(context.principal)) {
    throw detailError(
      400,
      `Admin-only endpoint. Not allowed to access this., your role=${context.principal.role}`,
    );
  }
  const reader = new BodyReader(context.body);
  const budgetId = reader.requiredString('id');
  reader.done();
  const budget = context.state.budgets.get(budgetId);
  if (!budget) throw detailError(400, `Budget with id '${budgetId}' not found.`);
  context.state.budgets.delete(budgetId);
  return budget;
}

export const budgetRoutes: RouteDefinition[] = [
  route('POST', '/budget/new', 'admin', create),
  route('POST', '/budget/update', 'admin', update),
  route('POST', '/budget/info', 'any', info),
  route('GET', '/budget/list', 'any', list),
  route('GET', '/budget/settings', 'any', settings),
  route('POST', '/budget/delete', 'any', remove),
];
