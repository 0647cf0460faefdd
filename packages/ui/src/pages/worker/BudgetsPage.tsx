import { useState } from 'react';
import type { WorkerRecord } from '../../api/worker-api.js';
import { useApp } from '../../app/context.js';
import { asString, formatInteger, formatMoney } from '../../app/format.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { RowActions } from '../../components/RowActions.js';
import { type FieldSpec, initialText, number, RecordFormDialog, text } from './RecordForm.js';
import {
  BUDGET_DURATIONS,
  useWorkerResource,
  WorkerResourceList,
  type WorkerSectionProps,
} from './shared.js';

const BUDGET_FIELDS: FieldSpec[] = [
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
];

export default function BudgetsPage({ worker, admin, writable }: WorkerSectionProps) {
  const { announce } = useApp();
  const [dialog, setDialog] = useState<
    { kind: 'none' } | { kind: 'create' } | { kind: 'edit' | 'delete'; budget: WorkerRecord }
  >({
    kind: 'none',
  });
  const budgets = useWorkerResource(worker, 'budgets', (signal) => admin.budgets.list({ signal }));
  const rows = Array.isArray(budgets.data) ? budgets.data : [];
  const close = () => setDialog({ kind: 'none' });

  const columns: Column<WorkerRecord>[] = [
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
  ];
  if (writable) {
    columns.push({
      id: 'actions',
      header: <span className="cp-visually-hidden">Actions</span>,
      cell: (budget) => (
        <RowActions
          label={String(budget.budget_id)}
          onEdit={() => setDialog({ kind: 'edit', budget })}
          onDelete={() => setDialog({ kind: 'delete', budget })}
        />
      ),
    });
  }

  return (
    <>
      {writable ? (
        <div className="cp-toolbar cp-toolbar-end">
          <button
            type="button"
            className="cp-button cp-button-primary"
            onClick={() => setDialog({ kind: 'create' })}
          >
            Create budget
          </button>
        </div>
      ) : null}
      <WorkerResourceList
        resource={budgets}
        loadingLabel="Loading budgets…"
        errorTitle={`Could not load budgets from ${worker.name}`}
        isEmpty={rows.length === 0}
        emptyTitle="No budgets on this worker yet"
      >
        {() => (
          <DataTable
            caption={`Budgets on ${worker.name}`}
            columns={columns}
            rows={rows}
            rowKey={(budget) => String(budget.budget_id)}
          />
        )}
      </WorkerResourceList>
      {dialog.kind === 'create' || dialog.kind === 'edit' ? (
        <RecordFormDialog
          title={dialog.kind === 'edit' ? `Edit budget ${String(dialog.budget.budget_id)}` : 'Create budget'}
          worker={worker}
          fields={BUDGET_FIELDS}
          editing={dialog.kind === 'edit'}
          submitLabel={dialog.kind === 'edit' ? 'Save changes' : 'Create budget'}
          initial={
            dialog.kind === 'edit'
              ? {
                  max_budget: initialText(dialog.budget.max_budget),
                  soft_budget: initialText(dialog.budget.soft_budget),
                  budget_duration: initialText(dialog.budget.budget_duration),
                  tpm_limit: initialText(dialog.budget.tpm_limit),
                  rpm_limit: initialText(dialog.budget.rpm_limit),
                }
              : {}
          }
          onClose={close}
          submit={async (values) => {
            const body = {
              max_budget: number(values, 'max_budget'),
              soft_budget: number(values, 'soft_budget'),
              budget_duration: text(values, 'budget_duration'),
              tpm_limit: number(values, 'tpm_limit'),
              rpm_limit: number(values, 'rpm_limit'),
            };
            if (dialog.kind === 'edit')
              await admin.budgets.update({ budget_id: String(dialog.budget.budget_id), ...body });
            else await admin.budgets.create({ budget_id: text(values, 'budget_id'), ...body });
            announce(`Budget saved on ${worker.name}.`);
            budgets.reload();
          }}
        />
      ) : null}
      {dialog.kind === 'delete' ? (
        <ConfirmByName
          title="Delete budget"
          actionLabel="Delete"
          expected={worker.name}
          onClose={close}
          onConfirm={async () => {
            await admin.budgets.delete(String(dialog.budget.budget_id));
            announce(`Budget deleted on ${worker.name}.`);
            budgets.reload();
          }}
        >
          <p>
            Delete budget <strong>{String(dialog.budget.budget_id)}</strong> on <strong>{worker.name}</strong>
            ?
          </p>
        </ConfirmByName>
      ) : null}
    </>
  );
}
