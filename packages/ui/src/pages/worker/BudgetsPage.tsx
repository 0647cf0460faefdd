import type { Budget } from '@llm-control-plane/core/browser';
import { asString, formatInteger, formatMoney } from '../../app/format.js';
import { ResourcePage } from '../../resource-page/ResourcePage.js';
import type { ResourceConfig } from '../../resource-page/types.js';
import { type FormValues, initialText, number, text } from './RecordForm.js';
import { BUDGET_DURATIONS, type WorkerSectionProps } from './shared.js';

function limits(values: FormValues) {
  return {
    max_budget: number(values, 'max_budget'),
    soft_budget: number(values, 'soft_budget'),
    budget_duration: text(values, 'budget_duration'),
    tpm_limit: number(values, 'tpm_limit'),
    rpm_limit: number(values, 'rpm_limit'),
  };
}

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
  fields: [
    {
      name: 'budget_id',
      label: 'Budget id',
      kind: 'text',
      createOnly: true,
      hint: 'Optional; generated when empty.',
    },
    { name: 'max_budget', label: 'Max budget (USD)', kind: 'number' },
    { name: 'soft_budget', label: 'Soft budget (USD)', kind: 'number', hint: 'Alert threshold.' },
    { name: 'budget_duration', label: 'Budget reset', kind: 'select', options: BUDGET_DURATIONS },
    { name: 'tpm_limit', label: 'Tokens per minute', kind: 'number' },
    { name: 'rpm_limit', label: 'Requests per minute', kind: 'number' },
  ],
  initialValues: (budget): FormValues =>
    budget === undefined
      ? {}
      : {
          max_budget: initialText(budget.max_budget),
          soft_budget: initialText(budget.soft_budget),
          budget_duration: initialText(budget.budget_duration),
          tpm_limit: initialText(budget.tpm_limit),
          rpm_limit: initialText(budget.rpm_limit),
        },
  create: (admin, values) =>
    admin.budgets.create({ budget_id: text(values, 'budget_id'), ...limits(values) }),
  update: (admin, budget, values) =>
    admin.budgets.update({ budget_id: String(budget.budget_id), ...limits(values) }),
  remove: (admin, budget) => admin.budgets.delete(String(budget.budget_id)),
};

export default function BudgetsPage(props: WorkerSectionProps) {
  return <ResourcePage config={BUDGETS} {...props} />;
}
