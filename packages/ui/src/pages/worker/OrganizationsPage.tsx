import { useState } from 'react';
import type { WorkerRecord } from '../../api/worker-api.js';
import { useApp } from '../../app/context.js';
import { asNumber, asString, asStringArray, formatMoney } from '../../app/format.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { RowActions } from '../../components/RowActions.js';
import { type FieldSpec, initialText, list, number, RecordFormDialog, text } from './RecordForm.js';
import {
  BUDGET_DURATIONS,
  useWorkerModels,
  useWorkerResource,
  WorkerResourceList,
  type WorkerSectionProps,
} from './shared.js';

const ORGANIZATION_FIELDS: FieldSpec[] = [
  { name: 'organization_alias', label: 'Organization name', kind: 'text', required: true },
  { name: 'max_budget', label: 'Max budget (USD)', kind: 'number' },
  { name: 'budget_duration', label: 'Budget reset', kind: 'select', options: BUDGET_DURATIONS },
  { name: 'models', label: 'Models', kind: 'models' },
];

function budgetOf(organization: WorkerRecord): WorkerRecord {
  const table = organization.litellm_budget_table;
  return typeof table === 'object' && table !== null ? (table as WorkerRecord) : {};
}

function organizationLabel(organization: WorkerRecord): string {
  return asString(organization.organization_alias) ?? String(organization.organization_id);
}

export default function OrganizationsPage({ worker, admin, writable }: WorkerSectionProps) {
  const { announce } = useApp();
  const models = useWorkerModels(worker, admin);
  const [dialog, setDialog] = useState<
    { kind: 'none' } | { kind: 'create' } | { kind: 'edit' | 'delete'; organization: WorkerRecord }
  >({
    kind: 'none',
  });
  const organizations = useWorkerResource(worker, 'organizations', (signal) =>
    admin.organizations.list({}, { signal }),
  );
  const rows = Array.isArray(organizations.data) ? organizations.data : [];
  const close = () => setDialog({ kind: 'none' });

  const columns: Column<WorkerRecord>[] = [
    {
      id: 'organization',
      header: 'Organization',
      rowHeader: true,
      cell: (organization) => (
        <span className="cp-cell-stack">
          <span>{organizationLabel(organization)}</span>
          <span className="cp-muted cp-mono">{String(organization.organization_id)}</span>
        </span>
      ),
    },
    {
      id: 'models',
      header: 'Models',
      cell: (organization) => {
        const names = asStringArray(organization.models);
        return names.length === 0 ? <span className="cp-muted">all</span> : names.join(', ');
      },
    },
    {
      id: 'teams',
      header: 'Teams',
      align: 'num',
      cell: (organization) => (Array.isArray(organization.teams) ? organization.teams.length : '—'),
    },
    {
      id: 'members',
      header: 'Members',
      align: 'num',
      cell: (organization) => (Array.isArray(organization.members) ? organization.members.length : '—'),
    },
    {
      id: 'budget',
      header: 'Spend / budget',
      align: 'num',
      cell: (organization) =>
        `${formatMoney(asNumber(organization.spend) ?? 0)} / ${asNumber(budgetOf(organization).max_budget) === undefined ? '∞' : formatMoney(budgetOf(organization).max_budget)}`,
    },
  ];
  if (writable) {
    columns.push({
      id: 'actions',
      header: <span className="cp-visually-hidden">Actions</span>,
      cell: (organization) => (
        <RowActions
          label={organizationLabel(organization)}
          onEdit={() => setDialog({ kind: 'edit', organization })}
          onDelete={() => setDialog({ kind: 'delete', organization })}
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
            Create organization
          </button>
        </div>
      ) : null}
      <WorkerResourceList
        resource={organizations}
        loadingLabel="Loading organizations…"
        errorTitle={`Could not load organizations from ${worker.name}`}
        isEmpty={rows.length === 0}
        emptyTitle="No organizations on this worker yet"
      >
        {() => (
          <DataTable
            caption={`Organizations on ${worker.name}`}
            columns={columns}
            rows={rows}
            rowKey={(organization) => String(organization.organization_id)}
          />
        )}
      </WorkerResourceList>
      {dialog.kind === 'create' || dialog.kind === 'edit' ? (
        <RecordFormDialog
          title={
            dialog.kind === 'edit' ? `Edit ${organizationLabel(dialog.organization)}` : 'Create organization'
          }
          worker={worker}
          fields={ORGANIZATION_FIELDS}
          editing={dialog.kind === 'edit'}
          availableModels={models}
          submitLabel={dialog.kind === 'edit' ? 'Save changes' : 'Create organization'}
          initial={
            dialog.kind === 'edit'
              ? {
                  organization_alias: initialText(dialog.organization.organization_alias),
                  max_budget: initialText(budgetOf(dialog.organization).max_budget),
                  budget_duration: initialText(budgetOf(dialog.organization).budget_duration),
                  models: asStringArray(dialog.organization.models),
                }
              : { models: [] }
          }
          onClose={close}
          submit={async (values) => {
            const body = {
              // The form requires a name; an empty one is refused by the worker with its own message.
              organization_alias: text(values, 'organization_alias') ?? '',
              max_budget: number(values, 'max_budget'),
              budget_duration: text(values, 'budget_duration'),
              models: list(values, 'models'),
            };
            if (dialog.kind === 'edit') {
              await admin.organizations.update({
                organization_id: String(dialog.organization.organization_id),
                ...body,
              });
            } else {
              await admin.organizations.create(body);
            }
            announce(`Organization saved on ${worker.name}.`);
            organizations.reload();
          }}
        />
      ) : null}
      {dialog.kind === 'delete' ? (
        <ConfirmByName
          title="Delete organization"
          actionLabel="Delete"
          expected={worker.name}
          onClose={close}
          onConfirm={async () => {
            await admin.organizations.delete([String(dialog.organization.organization_id)]);
            announce(`Organization deleted on ${worker.name}.`);
            organizations.reload();
          }}
        >
          <p>
            Delete <strong>{organizationLabel(dialog.organization)}</strong> on <strong>{worker.name}</strong>
            ? Its teams and keys are deleted too.
          </p>
        </ConfirmByName>
      ) : null}
    </>
  );
}
