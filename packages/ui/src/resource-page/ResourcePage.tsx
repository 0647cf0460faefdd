import { useState } from 'react';
import { type ApiError, toApiError } from '../api/errors.js';
import type { WorkerRecord } from '../api/worker-api.js';
import { useApp } from '../app/context.js';
import { capitalised } from '../app/format.js';
import { type Column, DataTable } from '../components/DataTable.js';
import { Pagination } from '../components/Pagination.js';
import { RowActionButton, RowActions } from '../components/RowActions.js';
import { ErrorState } from '../components/States.js';
import { WorkerResourceList, type WorkerSectionProps } from '../pages/worker/shared.js';
import { type ResourceDialog, ResourceDialogs } from './ResourceDialogs.js';
import { ResourceToolbar } from './ResourceToolbar.js';
import type { ResourceConfig, RowAction, ShowOnce } from './types.js';
import { useResourceRows } from './useResourceRows.js';

/** The actions column: extra row actions, Edit and Delete as allowed; none when a row has nothing to offer. */
function actionsColumn<Row extends WorkerRecord>(
  config: ResourceConfig<Row>,
  writable: boolean,
  open: (dialog: ResourceDialog<Row>) => void,
  start: (action: RowAction<Row>, row: Row) => void,
): Column<Row> | undefined {
  const actions = (config.rowActions ?? []).filter((action) => writable || action.readOnly);
  if (!(writable && (config.update || config.remove)) && actions.length === 0) return undefined;
  return {
    id: 'actions',
    header: <span className="cp-visually-hidden">Actions</span>,
    cell: (row) => {
      const label = config.label(row);
      const edit = writable && config.update !== undefined && (config.canUpdate?.(row) ?? true);
      const remove = writable && config.remove !== undefined && (config.canRemove?.(row) ?? true);
      if (!edit && !remove && actions.length === 0) {
        return config.noActions ? <span className="cp-muted cp-small">{config.noActions}</span> : null;
      }
      const button = (action: RowAction<Row>) => (
        <RowActionButton
          key={action.label(row)}
          ariaLabel={action.ariaLabel?.(row) ?? `${action.label(row)} ${label}`}
          onClick={() => start(action, row)}
          danger={action.danger}
        >
          {action.label(row)}
        </RowActionButton>
      );
      return (
        <RowActions
          label={label}
          onEdit={edit ? () => open({ kind: 'edit', row }) : undefined}
          onDelete={remove ? () => open({ kind: 'delete', row }) : undefined}
          afterEdit={actions.filter((action) => action.afterEdit).map(button)}
        >
          {actions.filter((action) => !action.afterEdit).map(button)}
        </RowActions>
      );
    },
  };
}

/** A worker resource page (list, search, pages, create, edit, delete, row actions) driven by one ResourceConfig. */
export function ResourcePage<Row extends WorkerRecord>({
  config,
  worker,
  admin,
  writable,
}: WorkerSectionProps & { config: ResourceConfig<Row> }) {
  const { announce } = useApp();
  const [dialog, setDialog] = useState<ResourceDialog<Row>>({ kind: 'none' });
  const [actionError, setActionError] = useState<ApiError>();
  const [secret, setSecret] = useState<ShowOnce>();
  const rows = useResourceRows(config, worker, admin);
  const createLabel = config.createLabel ?? `Create ${config.noun}`;

  /** Runs an action, announces it, reloads and shows a returned secret; failures reject. */
  const act = async (action: RowAction<Row>, row: Row, run: NonNullable<RowAction<Row>['run']>) => {
    const shown = await run(admin, row);
    const message = action.done?.(row, worker);
    if (message) announce(message);
    rows.resource.reload();
    if (shown) setSecret(shown);
  };
  const start = (action: RowAction<Row>, row: Row) => {
    if (action.dialog || action.confirm || !action.run) {
      setDialog({ kind: 'action', row, action });
      return;
    }
    setActionError(undefined);
    act(action, row, action.run).catch((error: unknown) => setActionError(toApiError(error)));
  };
  const actions = actionsColumn(config, writable, setDialog, start);
  const columns = actions ? [...config.columns, actions] : config.columns;
  const searching = rows.query !== '';

  return (
    <>
      <ResourceToolbar
        config={config}
        rows={rows}
        createLabel={createLabel}
        onCreate={writable && config.create ? () => setDialog({ kind: 'create' }) : undefined}
      />
      {actionError ? <ErrorState error={actionError} title="The action failed" compact /> : null}
      <WorkerResourceList
        resource={rows.resource}
        loadingLabel={`Loading ${config.plural}…`}
        errorTitle={`Could not load ${config.plural} from ${worker.name}`}
        compactError={rows.resource.data !== undefined}
        isEmpty={rows.rows.length === 0}
        emptyTitle={
          searching
            ? (config.search?.noMatchTitle ?? `No ${config.noun} matches the search`)
            : (config.emptyTitle ?? `No ${config.plural} on this worker yet`)
        }
        emptyDetail={writable && !searching ? config.emptyDetail : null}
      >
        {(data) => (
          <>
            <DataTable
              caption={`${capitalised(config.plural)} on ${worker.name}`}
              columns={columns}
              rows={rows.rows}
              rowKey={config.rowKey}
            />
            {rows.paged ? (
              <Pagination
                label={`${capitalised(config.plural)} pages`}
                page={data.page ?? rows.page}
                totalPages={data.totalPages ?? 1}
                totalCount={data.totalCount}
                pageSize={rows.size}
                pageSizes={config.pageSizes}
                onPage={rows.setPage}
                onPageSize={rows.setSize}
              />
            ) : null}
          </>
        )}
      </WorkerResourceList>
      <ResourceDialogs
        {...{ config, worker, admin, writable, dialog, secret, createLabel, act }}
        onSecret={setSecret}
        onClose={() => setDialog({ kind: 'none' })}
        reload={rows.resource.reload}
      />
    </>
  );
}
