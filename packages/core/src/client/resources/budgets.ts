import type { Budget, BudgetRequest, UpdateBudgetRequest } from '../schemas/budgets.js';
import { BudgetListSchema, BudgetSchema } from '../schemas/budgets.js';
import type { CallOptions, Transport } from '../transport.js';

export interface BudgetsResource {
  create(body?: BudgetRequest, options?: CallOptions): Promise<Budget>;
  info(budgetIds: string[], options?: CallOptions): Promise<Budget[]>;
  list(options?: CallOptions): Promise<Budget[]>;
  update(body: UpdateBudgetRequest, options?: CallOptions): Promise<Budget>;
  delete(budgetId: string, options?: CallOptions): Promise<Budget>;
}

export function createBudgetsResource(transport: Transport): BudgetsResource {
  return {
    /** POST /budget/new */
    create: (body: BudgetRequest = {}, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/budget/new', body }, BudgetSchema, options),
    /** POST /budget/info { budgets } */
    info: (budgetIds: string[], options?: CallOptions) =>
      transport.call(
        { method: 'POST', path: '/budget/info', body: { budgets: budgetIds } },
        BudgetListSchema,
        options,
      ),
    /** GET /budget/list */
    list: (options?: CallOptions) =>
      transport.call({ method: 'GET', path: '/budget/list' }, BudgetListSchema, options),
    /** POST /budget/update */
    update: (body: UpdateBudgetRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/budget/update', body }, BudgetSchema, options),
    /** POST /budget/delete { id } */
    delete: (budgetId: string, options?: CallOptions) =>
      transport.call(
        { method: 'POST', path: '/budget/delete', body: { id: budgetId } },
        BudgetSchema,
        options,
      ),
  };
}
