import { type Budget, BudgetSchema } from '@llm-control-plane/core/browser';
import { asString, formatInteger, formatMoney } from '../../app/format.js';
import { ResourcePage } from '../../resource-page/ResourcePage.js';
import { fieldsFromSchema, formValuesFrom } from '../../resource-page/schema-fields.js';
import type { ResourceConfig } from '../../resource-page/types.js';
import { type FormValues, limits, number, text } from './RecordForm.js';
import { BUDGET_DURATIONS, type WorkerSectionProps } from './shared.js';

function budgetLimits(values: FormValues) {
  return { ...limits(values), soft_budget: number(values, 'soft_budget') };
}

// Kinds (text, number) come from the schema core validates budgets with; labels and the reset choices from here.
const BUDGET_FIELDS = fieldsFromSchema(BudgetSchema, [
  { name: 'budget_id', label: 'Budget id', createOnly: true, hint: 'Optional; generated when empty.' },
  { name: 'max_budget', label: 'Max budget (USD)' },
  { name: 'soft_budget', label: 'Soft budget (USD)', hint: 'Alert threshold.' },
  { name: 'budget_duration', label: 'Budget reset', kind: 'select', options: BUDGET_DURATIONS },
  { name: 'tpm_limit', label: 'Tokens per minute' },
  { name: 'rpm_limit', label: 'Requests per minute' },
]);

const BUDGETS: ResourceConfig<Budget> = {
  noun: 'budget',
  plural: 'budgets',
  load: (admin, signal) => admin.budgets.list({ signal }),
  rowKey: (budget) => String(budget.budget_id),
  label: (budget) => String(budget.budget_id),
  editTitle: (budget) => `Edit budget ${String(budget.budget_id)}`,
  columns: [
    {
      id: 'id',
      header: 'Budget',
      rowHeader: true,
      cell: (budget) => <span className="cp-mono">{String(budget.budget_id)}</span>,
    },
    { id: 'max', header: 'Max', align: 'num', cell: (budget) => formatMoney(budget.max_budget) },
    { id: 'soft', header: 'Soft', align: 'num', cell: (budget) => formatMoney(budget.soft_budget) },
    { id: 'reset', header: 'Reset', cell: (budget) => asString(budget.budget_duration) ?? '—' },
    { id: 'tpm', header: 'TPM', align: 'num', cell: (budget) => formatInteger(budget.tpm_limit) },
    { id: 'rpm', header: 'RPM', align: 'num', cell: (budget) => formatInteger(budget.rpm_limit) },
  ],
  fields: BUDGET_FIELDS,
  initialValues: (budget) => formValuesFrom(BUDGET_FIELDS, budget),
  create: (admin, values) =>
    admin.budgets.create({ budget_id: text(values, 'budget_id'), ...budgetLimits(values) }),
  update: (admin, budget, values) =>
    admin.budgets.update({ budget_id: String(budget.budget_id), ...budgetLimits(values) }),
  remove: (admin, budget) => admin.budgets.delete(String(budget.budget_id)),
};

export default function BudgetsPage(props: WorkerSectionProps) {
  return <ResourcePage config={BUDGETS} {...props} />;
}
