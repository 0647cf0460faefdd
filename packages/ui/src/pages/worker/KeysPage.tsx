import { type FormEvent, useEffect, useId, useState } from 'react';
import { type ApiError, toApiError } from '../../api/errors.js';
import type { WorkerRecord } from '../../api/worker-api.js';
import { useApp } from '../../app/context.js';
import {
  asNumber,
  asString,
  asStringArray,
  formatDateTime,
  formatMoney,
  formatRelative,
  optionalNumber,
} from '../../app/format.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { CopyField } from '../../components/CopyField.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { Dialog } from '../../components/Dialog.js';
import { Pagination } from '../../components/Pagination.js';
import { RowActionButton } from '../../components/RowActions.js';
import { ErrorState } from '../../components/States.js';
import {
  BUDGET_DURATIONS,
  EXPIRY_DURATIONS,
  ModelPicker,
  SelectField,
  TextField,
  useWorkerModels,
  useWorkerResource,
  WorkerResourceList,
  type WorkerSectionProps,
} from './shared.js';

type Dialogs =
  | { kind: 'none' }
  | { kind: 'create' }
  | { kind: 'edit'; key: WorkerRecord }
  | { kind: 'regenerate'; key: WorkerRecord }
  | { kind: 'delete'; key: WorkerRecord }
  | { kind: 'secret'; title: string; secret: string; alias: string | undefined };

function keyLabel(key: WorkerRecord): string {
  return asString(key.key_alias) ?? asString(key.key_name) ?? asString(key.token)?.slice(0, 12) ?? 'key';
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

export default function KeysPage({ worker, admin, writable }: WorkerSectionProps) {
  const { announce } = useApp();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(25);
  const [dialog, setDialog] = useState<Dialogs>({ kind: 'none' });
  const [actionError, setActionError] = useState<ApiError>();
  const query = useDebounced(search.trim(), 250);
  const isHash = /^[0-9a-f]{64}$/i.test(query);

  const keys = useWorkerResource(worker, `keys:${query}:${page}:${size}`, (signal) =>
    admin.keys.list(
      {
        include_team_keys: true,
        page,
        size,
        key_hash: isHash ? query : undefined,
        key_alias: isHash ? undefined : query,
        substring_matching: query !== '' && !isHash ? true : undefined,
        sort_by: 'created_at',
        sort_order: 'desc',
      },
      { signal },
    ),
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search or page size starts again at page 1
  useEffect(() => setPage(1), [query, size]);

  // Keys carry only team ids; the worker's team list turns them into names.
  const teamList = useWorkerResource(worker, 'team-options', (signal) => admin.teams.list({}, { signal }));
  const teamNames = new Map(
    (teamList.data ?? []).map((team) => [
      String(team.team_id),
      asString(team.team_alias) ?? String(team.team_id),
    ]),
  );

  const rows = (keys.data?.keys ?? []).filter(
    (key): key is WorkerRecord => typeof key === 'object' && key !== null,
  );

  const setBlocked = async (key: WorkerRecord, blocked: boolean) => {
    setActionError(undefined);
    try {
      await (blocked ? admin.keys.block(String(key.token)) : admin.keys.unblock(String(key.token)));
      announce(`${keyLabel(key)} ${blocked ? 'blocked' : 'unblocked'} on ${worker.name}.`);
      keys.reload();
    } catch (error) {
      setActionError(toApiError(error));
    }
  };

  const columns: Column<WorkerRecord>[] = [
    {
      id: 'alias',
      header: 'Key',
      rowHeader: true,
      cell: (key) => (
        <span className="cp-cell-stack">
          <span>{asString(key.key_alias) ?? <span className="cp-muted">no alias</span>}</span>
          <span className="cp-muted cp-mono">
            {asString(key.key_name) ?? asString(key.token)?.slice(0, 12)}
          </span>
        </span>
      ),
    },
    {
      id: 'team',
      header: 'Team',
      cell: (key) => {
        const teamId = asString(key.team_id);
        if (!teamId) return '—';
        const name = asString(key.team_alias) ?? teamNames.get(teamId);
        return name && name !== teamId ? (
          <span title={teamId}>{name}</span>
        ) : (
          <span className="cp-mono cp-small">{teamId}</span>
        );
      },
    },
    {
      id: 'models',
      header: 'Models',
      cell: (key) => {
        const models = asStringArray(key.models);
        return models.length === 0 ? <span className="cp-muted">all</span> : models.join(', ');
      },
    },
    {
      id: 'spend',
      header: 'Spend / budget',
      align: 'num',
      cell: (key) =>
        `${formatMoney(asNumber(key.spend) ?? 0)} / ${key.max_budget === null || key.max_budget === undefined ? '∞' : formatMoney(key.max_budget)}`,
    },
    {
      id: 'expires',
      header: 'Expires',
      cell: (key) =>
        asString(key.expires) ? (
          <time dateTime={asString(key.expires)} title={formatDateTime(key.expires)}>
            {formatRelative(key.expires)}
          </time>
        ) : (
          'never'
        ),
    },
    {
      id: 'state',
      header: 'State',
      cell: (key) =>
        key.blocked === true ? (
          <span className="cp-badge cp-badge-unreachable">Blocked</span>
        ) : (
          <span className="cp-badge cp-badge-healthy">Active</span>
        ),
    },
  ];
  if (writable) {
    columns.push({
      id: 'actions',
      header: <span className="cp-visually-hidden">Actions</span>,
      cell: (key) => {
        const label = keyLabel(key);
        return (
          <span className="cp-row-actions">
            <RowActionButton ariaLabel={`Edit ${label}`} onClick={() => setDialog({ kind: 'edit', key })}>
              Edit
            </RowActionButton>
            <RowActionButton
              ariaLabel={`${key.blocked === true ? 'Unblock' : 'Block'} ${label}`}
              onClick={() => void setBlocked(key, key.blocked !== true)}
            >
              {key.blocked === true ? 'Unblock' : 'Block'}
            </RowActionButton>
            <RowActionButton
              ariaLabel={`Regenerate ${label}`}
              onClick={() => setDialog({ kind: 'regenerate', key })}
            >
              Regenerate
            </RowActionButton>
            <RowActionButton
              ariaLabel={`Delete ${label}`}
              onClick={() => setDialog({ kind: 'delete', key })}
              danger
            >
              Delete
            </RowActionButton>
          </span>
        );
      },
    });
  }

  const close = () => setDialog({ kind: 'none' });

  return (
    <>
      <div className="cp-toolbar">
        <div className="cp-field cp-field-inline cp-grow">
          <label htmlFor={searchId}>Search keys</label>
          <input
            id={searchId}
            type="search"
            data-search
            placeholder="Alias (substring) or key hash"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        {writable ? (
          <button
            type="button"
            className="cp-button cp-button-primary"
            onClick={() => setDialog({ kind: 'create' })}
          >
            Create key
          </button>
        ) : null}
      </div>
      {actionError ? <ErrorState error={actionError} title="The action failed" compact /> : null}
      <WorkerResourceList
        resource={keys}
        loadingLabel="Loading keys…"
        errorTitle={`Could not load keys from ${worker.name}`}
        compactError={keys.data !== undefined}
        isEmpty={rows.length === 0}
        emptyTitle={query ? 'No key matches the search' : 'No keys on this worker yet'}
        emptyDetail={writable && !query ? 'Create the first key with “Create key”.' : null}
      >
        {(data) => (
          <>
            <DataTable
              caption={`Keys on ${worker.name}`}
              columns={columns}
              rows={rows}
              rowKey={(key) => String(key.token ?? keyLabel(key))}
            />
            <Pagination
              label="Keys pages"
              page={data.current_page ?? page}
              totalPages={data.total_pages ?? 1}
              totalCount={data.total_count ?? undefined}
              pageSize={size}
              onPage={setPage}
              onPageSize={setSize}
            />
          </>
        )}
      </WorkerResourceList>

      {dialog.kind === 'create' || dialog.kind === 'edit' ? (
        <KeyFormDialog
          {...{ worker, admin, writable }}
          existing={dialog.kind === 'edit' ? dialog.key : undefined}
          onClose={close}
          onSaved={(result) => {
            keys.reload();
            if (dialog.kind === 'create' && typeof result.key === 'string') {
              announce(`Key created on ${worker.name}.`);
              setDialog({
                kind: 'secret',
                title: 'Key created',
                secret: result.key,
                alias: asString(result.key_alias),
              });
            } else {
              announce(`Key updated on ${worker.name}.`);
              close();
            }
          }}
        />
      ) : null}
      {dialog.kind === 'secret' ? (
        <Dialog
          title={dialog.title}
          onClose={close}
          footer={
            <button type="button" className="cp-button cp-button-primary" onClick={close}>
              Done
            </button>
          }
        >
          <p className="cp-notice" role="note">
            Copy this key now. It is shown <strong>only once</strong>; the worker stores only its hash.
          </p>
          <CopyField label={dialog.alias ? `New key for ${dialog.alias}` : 'New key'} value={dialog.secret} />
          <p className="cp-hint">
            Worker: {worker.name}
            {worker.region ? ` (${worker.region})` : ''}
          </p>
        </Dialog>
      ) : null}
      {dialog.kind === 'regenerate' ? (
        <ConfirmByName
          title="Regenerate key"
          actionLabel="Regenerate"
          expected={worker.name}
          onClose={close}
          onConfirm={async () => {
            const result = await admin.keys.regenerate(String(dialog.key.token));
            keys.reload();
            const secret = asString(result.key);
            if (secret) {
              setTimeout(
                () =>
                  setDialog({
                    kind: 'secret',
                    title: 'Key regenerated',
                    secret,
                    alias: asString(dialog.key.key_alias),
                  }),
                0,
              );
            }
          }}
        >
          <p>
            The current value of <strong>{keyLabel(dialog.key)}</strong> on <strong>{worker.name}</strong>{' '}
            stops working immediately. Clients must switch to the new value.
          </p>
        </ConfirmByName>
      ) : null}
      {dialog.kind === 'delete' ? (
        <ConfirmByName
          title="Delete key"
          actionLabel="Delete"
          expected={worker.name}
          onClose={close}
          onConfirm={async () => {
            await admin.keys.delete({ keys: [String(dialog.key.token)] });
            announce(`${keyLabel(dialog.key)} deleted on ${worker.name}.`);
            keys.reload();
          }}
        >
          <p>
            Delete <strong>{keyLabel(dialog.key)}</strong> from <strong>{worker.name}</strong>? Requests with
            this key will be rejected. This cannot be undone.
          </p>
        </ConfirmByName>
      ) : null}
    </>
  );
}

function KeyFormDialog({
  worker,
  admin,
  existing,
  onClose,
  onSaved,
}: WorkerSectionProps & {
  existing: WorkerRecord | undefined;
  onClose(): void;
  onSaved(result: WorkerRecord): void;
}) {
  const models = useWorkerModels(worker, admin);
  const teams = useWorkerResource(worker, 'team-options', (signal) => admin.teams.list({}, { signal }));
  const teamRows = teams.data ?? [];
  const [alias, setAlias] = useState(asString(existing?.key_alias) ?? '');
  const [teamId, setTeamId] = useState(asString(existing?.team_id) ?? '');
  const [userId, setUserId] = useState(asString(existing?.user_id) ?? '');
  const [selectedModels, setSelectedModels] = useState<string[]>(asStringArray(existing?.models));
  const [maxBudget, setMaxBudget] = useState(asNumber(existing?.max_budget)?.toString() ?? '');
  const [budgetDuration, setBudgetDuration] = useState(asString(existing?.budget_duration) ?? '');
  const [duration, setDuration] = useState(existing ? 'keep' : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: Record<string, unknown> = {
      key_alias: alias.trim() || undefined,
      team_id: teamId || undefined,
      user_id: userId.trim() || undefined,
      models: selectedModels,
      max_budget: optionalNumber(maxBudget) ?? (existing && maxBudget.trim() === '' ? null : undefined),
      budget_duration: budgetDuration || undefined,
    };
    if (duration !== 'keep') body.duration = duration === '' ? (existing ? null : undefined) : duration;
    try {
      const result = existing
        ? await admin.keys.update({ key: String(existing.token), ...body })
        : await admin.keys.generate(body);
      onSaved(result);
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };

  const teamOptions = [
    { value: '', label: 'No team' },
    ...teamRows
      .filter((team) => typeof team.team_id === 'string')
      .map((team) => ({
        value: String(team.team_id),
        label: asString(team.team_alias) ?? String(team.team_id),
      })),
  ];
  if (teamId && !teamOptions.some((option) => option.value === teamId))
    teamOptions.push({ value: teamId, label: teamId });

  return (
    <Dialog
      title={existing ? `Edit ${keyLabel(existing)}` : 'Create key'}
      description={
        <>
          On worker <strong>{worker.name}</strong>
          {worker.region ? ` (${worker.region})` : ''}
        </>
      }
      onClose={onClose}
      wide
    >
      <form className="cp-form" onSubmit={submit}>
        <div className="cp-form-grid">
          <TextField
            label="Key alias"
            value={alias}
            onChange={setAlias}
            autoFocus
            placeholder="billing-service"
          />
          <SelectField
            label="Team"
            value={teamId}
            onChange={setTeamId}
            options={teamOptions}
            hint={teams.error ? 'Teams could not be loaded.' : undefined}
          />
          <TextField
            label="Max budget (USD)"
            value={maxBudget}
            onChange={setMaxBudget}
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            hint="Empty means no limit."
          />
          <SelectField
            label="Budget reset"
            value={budgetDuration}
            onChange={setBudgetDuration}
            options={BUDGET_DURATIONS}
          />
          <SelectField
            label="Expires after"
            value={duration}
            onChange={setDuration}
            options={
              existing
                ? [
                    {
                      value: 'keep',
                      label: `Keep (${asString(existing.expires) ? formatDateTime(existing.expires) : 'never'})`,
                    },
                    ...EXPIRY_DURATIONS,
                  ]
                : EXPIRY_DURATIONS
            }
          />
          <TextField label="Owner user id" value={userId} onChange={setUserId} placeholder="optional" />
        </div>
        <ModelPicker available={models} value={selectedModels} onChange={setSelectedModels} />
        {error ? (
          <ErrorState
            error={error}
            title={existing ? 'Could not update the key' : 'Could not create the key'}
            compact
          />
        ) : null}
        <div className="cp-form-actions">
          <button type="button" className="cp-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="cp-button cp-button-primary" disabled={busy}>
            {busy ? 'Saving…' : existing ? 'Save changes' : 'Create key'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
