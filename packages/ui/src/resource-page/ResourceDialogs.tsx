import type { WorkerApi, WorkerRecord } from '../api/worker-api.js';
import { useApp } from '../app/context.js';
import { capitalised } from '../app/format.js';
import { ConfirmByName } from '../components/ConfirmByName.js';
import { ShowOnceDialog } from '../components/ShowOnceDialog.js';
import { type FormValues, RecordFormDialog } from '../pages/worker/RecordForm.js';
import { useWorkerModels, type WorkerSectionProps } from '../pages/worker/shared.js';
import type { ResourceConfig, RowAction, ShowOnce } from './types.js';

export type ResourceDialog<Row> =
  | { kind: 'none' }
  | { kind: 'create' }
  | { kind: 'edit' | 'delete'; row: Row }
  | { kind: 'action'; row: Row; action: RowAction<Row> };

/**
 * The dialogs of a resource page: create/edit form, delete confirmation, a row action's confirmation
 * or own dialog, and the show-once secret (kept apart so it outlives the dialog that produced it).
 */
export function ResourceDialogs<Row extends WorkerRecord>({
  config,
  worker,
  admin,
  writable,
  dialog,
  secret,
  createLabel,
  act,
  onSecret,
  onClose,
  reload,
}: WorkerSectionProps & {
  config: ResourceConfig<Row>;
  dialog: ResourceDialog<Row>;
  secret: ShowOnce | undefined;
  createLabel: string;
  act(
    action: RowAction<Row>,
    row: Row,
    run: (admin: WorkerApi, row: Row) => Promise<ShowOnce | undefined>,
  ): Promise<void>;
  onSecret(secret: ShowOnce | undefined): void;
  onClose(): void;
  reload(): void;
}) {
  const { announce } = useApp();
  const needsModels =
    writable && (config.formFields !== undefined || config.fields.some((field) => field.kind === 'models'));
  const models = useWorkerModels(worker, admin, needsModels);
  const Noun = capitalised(config.noun);

  const save = async (values: FormValues) => {
    let shown: ShowOnce | undefined;
    if (dialog.kind === 'edit') await config.update?.(admin, dialog.row, values);
    else {
      // Awaited first: `createdSecret?.(…)` would skip evaluating its argument when absent.
      const result = await config.create?.(admin, values);
      shown = config.createdSecret?.(result);
    }
    const kind = dialog.kind === 'edit' ? 'edit' : 'create';
    announce(config.savedMessage?.(kind, values, worker) ?? `${Noun} saved on ${worker.name}.`);
    reload();
    if (shown) onSecret(shown);
  };

  const editing = dialog.kind === 'edit' ? dialog.row : undefined;
  return (
    <>
      {dialog.kind === 'create' || dialog.kind === 'edit' ? (
        <RecordFormDialog
          title={editing ? (config.editTitle?.(editing) ?? `Edit ${config.label(editing)}`) : createLabel}
          worker={worker}
          admin={admin}
          fields={config.formFields?.(editing) ?? config.fields}
          editing={editing !== undefined}
          availableModels={models}
          submitLabel={editing ? 'Save changes' : createLabel}
          initial={config.initialValues(editing)}
          onClose={onClose}
          submit={save}
        />
      ) : null}
      {dialog.kind === 'delete' ? (
        <ConfirmByName
          title={`Delete ${config.noun}`}
          actionLabel="Delete"
          expected={worker.name}
          onClose={onClose}
          onConfirm={async () => {
            await config.remove?.(admin, dialog.row);
            announce(config.deletedMessage?.(dialog.row, worker) ?? `${Noun} deleted on ${worker.name}.`);
            reload();
          }}
        >
          <p>
            Delete {config.noun} <strong>{config.label(dialog.row)}</strong> on <strong>{worker.name}</strong>
            ?{config.deleteWarning ? <> {config.deleteWarning}</> : null}
          </p>
        </ConfirmByName>
      ) : null}
      {dialog.kind === 'action' ? (
        <ActionDialog {...{ dialog, worker, admin, writable, act, onClose, reload }} />
      ) : null}
      {secret ? (
        <ShowOnceDialog
          title={secret.title}
          label={secret.label ?? 'New key'}
          secret={secret.secret}
          worker={worker}
          onClose={() => onSecret(undefined)}
        />
      ) : null}
    </>
  );
}

function ActionDialog<Row extends WorkerRecord>({
  dialog,
  worker,
  admin,
  writable,
  act,
  onClose,
  reload,
}: WorkerSectionProps & {
  dialog: { row: Row; action: RowAction<Row> };
  act(
    action: RowAction<Row>,
    row: Row,
    run: (admin: WorkerApi, row: Row) => Promise<ShowOnce | undefined>,
  ): Promise<void>;
  onClose(): void;
  reload(): void;
}) {
  const { row, action } = dialog;
  const confirm = action.confirm;
  if (confirm) {
    return (
      <ConfirmByName
        title={confirm.title}
        actionLabel={confirm.actionLabel}
        expected={worker.name}
        onClose={onClose}
        onConfirm={() => act(action, row, confirm.run)}
      >
        {confirm.body(row, worker)}
      </ConfirmByName>
    );
  }
  return action.dialog
    ? action.dialog({
        row,
        worker,
        admin,
        writable,
        onClose: () => {
          onClose();
          reload();
        },
      })
    : null;
}
