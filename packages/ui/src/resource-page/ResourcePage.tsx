import { useState } from 'react';
import type { WorkerRecord } from '../api/worker-api.js';
import { useApp } from '../app/context.js';
import { ConfirmByName } from '../components/ConfirmByName.js';
import { type Column, DataTable } from '../components/DataTable.js';
import { RowActions } from '../components/RowActions.js';
import { RecordFormDialog } from '../pages/worker/RecordForm.js';
import {
  useWorkerModels,
  useWorkerResource,
  WorkerResourceList,
  type WorkerSectionProps,
} from '../pages/worker/shared.js';
import type { ResourceConfig } from './types.js';

type Dialog<Row> = { kind: 'none' } | { kind: 'create' } | { kind: 'edit' | 'delete'; row: Row };

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A worker resource page (list, create, edit, delete) driven by one ResourceConfig. */
export function ResourcePage<Row extends WorkerRecord>({
  config,
  worker,
  admin,
  writable,
}: WorkerSectionProps & { config: ResourceConfig<Row> }) {
  const { announce } = useApp();
  const [dialog, setDialog] = useState<Dialog<Row>>({ kind: 'none' });
  const rows = useWorkerResource(worker, config.plural, (signal) => config.load(admin, signal));
  const needsModels = config.fields.some((field) => field.kind === 'models');
  const models = useWorkerModels(worker, admin, needsModels);
  const list = rows.data ?? [];
  const close = () => setDialog({ kind: 'none' });
  const Noun = capitalised(config.noun);
  const canCreate = writable && config.create !== undefined;
  const canEdit = writable && config.update !== undefined;
  const canDelete = writable && config.remove !== undefined;

  const columns: Column<Row>[] = [...config.columns];
  if (canEdit || canDelete) {
    columns.push({
      id: 'actions',
      header: <span className="cp-visually-hidden">Actions</span>,
      cell: (row) => (
        <RowActions
          label={config.label(row)}
          onEdit={canEdit ? () => setDialog({ kind: 'edit', row }) : undefined}
          onDelete={canDelete ? () => setDialog({ kind: 'delete', row }) : undefined}
        />
      ),
    });
  }

  const save = async (values: Parameters<NonNullable<ResourceConfig<Row>['create']>>[1]) => {
    if (dialog.kind === 'edit') await config.update?.(admin, dialog.row, values);
    else await config.create?.(admin, values);
    announce(`${Noun} saved on ${worker.name}.`);
    rows.reload();
  };

  return (
    <>
      {canCreate ? (
        <div className="cp-toolbar cp-toolbar-end">
          <button
            type="button"
            className="cp-button cp-button-primary"
            onClick={() => setDialog({ kind: 'create' })}
          >
            Create {config.noun}
          </button>
        </div>
      ) : null}
      <WorkerResourceList
        resource={rows}
        loadingLabel={`Loading ${config.plural}…`}
        errorTitle={`Could not load ${config.plural} from ${worker.name}`}
        isEmpty={list.length === 0}
        emptyTitle={`No ${config.plural} on this worker yet`}
      >
        {() => (
          <DataTable
            caption={`${capitalised(config.plural)} on ${worker.name}`}
            columns={columns}
            rows={list}
            rowKey={config.rowKey}
          />
        )}
      </WorkerResourceList>
      {dialog.kind === 'create' || dialog.kind === 'edit' ? (
        <RecordFormDialog
          title={
            dialog.kind === 'edit'
              ? (config.editTitle?.(dialog.row) ?? `Edit ${config.label(dialog.row)}`)
              : `Create ${config.noun}`
          }
          worker={worker}
          fields={config.fields}
          editing={dialog.kind === 'edit'}
          availableModels={models}
          submitLabel={dialog.kind === 'edit' ? 'Save changes' : `Create ${config.noun}`}
          initial={config.initialValues(dialog.kind === 'edit' ? dialog.row : undefined)}
          onClose={close}
          submit={save}
        />
      ) : null}
      {dialog.kind === 'delete' ? (
        <ConfirmByName
          title={`Delete ${config.noun}`}
          actionLabel="Delete"
          expected={worker.name}
          onClose={close}
          onConfirm={async () => {
            await config.remove?.(admin, dialog.row);
            announce(`${Noun} deleted on ${worker.name}.`);
            rows.reload();
          }}
        >
          <p>
            Delete {config.noun} <strong>{config.label(dialog.row)}</strong> on <strong>{worker.name}</strong>
            ?{config.deleteWarning ? <> {config.deleteWarning}</> : null}
          </p>
        </ConfirmByName>
      ) : null}
    </>
  );
}
