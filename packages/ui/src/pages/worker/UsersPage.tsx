import { useEffect, useId, useState } from 'react';
import type { WorkerRecord } from '../../api/worker-api.js';
import { useApp } from '../../app/context.js';
import { asNumber, asString, asStringArray, formatMoney } from '../../app/format.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { Pagination } from '../../components/Pagination.js';
import { RowActions } from '../../components/RowActions.js';
import { type FieldSpec, initialText, list, number, RecordFormDialog, text } from './RecordForm.js';
import {
  BUDGET_DURATIONS,
  useWorkerModels,
  useWorkerResource,
  WorkerResourceList,
  type WorkerSectionProps,
} from './shared.js';

const ROLES = [
  { value: 'internal_user', label: 'Internal user' },
  { value: 'internal_user_viewer', label: 'Internal viewer' },
  { value: 'proxy_admin', label: 'Proxy admin' },
  { value: 'proxy_admin_viewer', label: 'Proxy admin viewer' },
] as const;

type UserRole = (typeof ROLES)[number]['value'];

function userRole(value: string | undefined): UserRole | undefined {
  return ROLES.find((role) => role.value === value)?.value;
}

const USER_FIELDS: FieldSpec[] = [
  { name: 'user_email', label: 'E-mail', kind: 'email' },
  {
    name: 'user_id',
    label: 'User id',
    kind: 'text',
    createOnly: true,
    hint: 'Optional; generated when empty.',
  },
  { name: 'user_alias', label: 'Display name', kind: 'text' },
  { name: 'user_role', label: 'Role', kind: 'select', options: [...ROLES] },
  { name: 'max_budget', label: 'Max budget (USD)', kind: 'number', hint: 'Empty means no limit.' },
  { name: 'budget_duration', label: 'Budget reset', kind: 'select', options: BUDGET_DURATIONS },
  { name: 'models', label: 'Models', kind: 'models' },
];

function userLabel(user: WorkerRecord): string {
  return asString(user.user_email) ?? asString(user.user_alias) ?? String(user.user_id);
}

export default function UsersPage({ worker, admin, writable }: WorkerSectionProps) {
  const { announce } = useApp();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(25);
  const [dialog, setDialog] = useState<
    { kind: 'none' } | { kind: 'create' } | { kind: 'edit' | 'delete'; user: WorkerRecord }
  >({
    kind: 'none',
  });
  const models = useWorkerModels(worker, admin);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search or page size starts again at page 1
  useEffect(() => setPage(1), [query, size]);

  const users = useWorkerResource(worker, `users:${query}:${page}:${size}`, (signal) =>
    admin.users.list({ page, page_size: size, user_email: query }, { signal }),
  );
  const rows = users.data?.users ?? [];
  const close = () => setDialog({ kind: 'none' });

  const columns: Column<WorkerRecord>[] = [
    {
      id: 'user',
      header: 'User',
      rowHeader: true,
      cell: (user) => (
        <span className="cp-cell-stack">
          <span>{userLabel(user)}</span>
          <span className="cp-muted cp-mono">{String(user.user_id)}</span>
        </span>
      ),
    },
    { id: 'role', header: 'Role', cell: (user) => asString(user.user_role) ?? '—' },
    { id: 'teams', header: 'Teams', align: 'num', cell: (user) => asStringArray(user.teams).length },
    { id: 'keys', header: 'Keys', align: 'num', cell: (user) => asNumber(user.key_count) ?? '—' },
    {
      id: 'budget',
      header: 'Spend / budget',
      align: 'num',
      cell: (user) =>
        `${formatMoney(asNumber(user.spend) ?? 0)} / ${asNumber(user.max_budget) === undefined ? '∞' : formatMoney(user.max_budget)}`,
    },
  ];
  if (writable) {
    columns.push({
      id: 'actions',
      header: <span className="cp-visually-hidden">Actions</span>,
      cell: (user) => (
        <RowActions
          label={userLabel(user)}
          onEdit={() => setDialog({ kind: 'edit', user })}
          onDelete={() => setDialog({ kind: 'delete', user })}
        />
      ),
    });
  }

  return (
    <>
      <div className="cp-toolbar">
        <div className="cp-field cp-field-inline cp-grow">
          <label htmlFor={searchId}>Search users</label>
          <input
            id={searchId}
            type="search"
            data-search
            placeholder="E-mail contains"
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
            Create user
          </button>
        ) : null}
      </div>
      <WorkerResourceList
        resource={users}
        loadingLabel="Loading users…"
        errorTitle={`Could not load users from ${worker.name}`}
        isEmpty={rows.length === 0}
        emptyTitle={query ? 'No user matches the search' : 'No internal users on this worker yet'}
      >
        {(data) => (
          <>
            <DataTable
              caption={`Users on ${worker.name}`}
              columns={columns}
              rows={rows}
              rowKey={(user) => String(user.user_id)}
            />
            <Pagination
              label="Users pages"
              page={data.page ?? page}
              totalPages={data.total_pages ?? 1}
              totalCount={data.total ?? undefined}
              pageSize={size}
              onPage={setPage}
              onPageSize={setSize}
            />
          </>
        )}
      </WorkerResourceList>
      {dialog.kind === 'create' || dialog.kind === 'edit' ? (
        <RecordFormDialog
          title={dialog.kind === 'edit' ? `Edit ${userLabel(dialog.user)}` : 'Create user'}
          worker={worker}
          fields={USER_FIELDS}
          editing={dialog.kind === 'edit'}
          availableModels={models}
          submitLabel={dialog.kind === 'edit' ? 'Save changes' : 'Create user'}
          initial={
            dialog.kind === 'edit'
              ? {
                  user_email: initialText(dialog.user.user_email),
                  user_alias: initialText(dialog.user.user_alias),
                  user_role: initialText(dialog.user.user_role) || 'internal_user',
                  max_budget: initialText(dialog.user.max_budget),
                  budget_duration: initialText(dialog.user.budget_duration),
                  models: asStringArray(dialog.user.models),
                }
              : { user_role: 'internal_user', models: [] }
          }
          onClose={close}
          submit={async (values) => {
            const body = {
              user_email: text(values, 'user_email'),
              user_alias: text(values, 'user_alias'),
              user_role: userRole(text(values, 'user_role')),
              max_budget: number(values, 'max_budget'),
              budget_duration: text(values, 'budget_duration'),
              models: list(values, 'models'),
            };
            if (dialog.kind === 'edit') {
              await admin.users.update({ user_id: String(dialog.user.user_id), ...body });
              announce(`User updated on ${worker.name}.`);
            } else {
              await admin.users.create({
                ...body,
                user_id: text(values, 'user_id'),
                auto_create_key: false,
              });
              announce(`User created on ${worker.name}.`);
            }
            users.reload();
          }}
        />
      ) : null}
      {dialog.kind === 'delete' ? (
        <ConfirmByName
          title="Delete user"
          actionLabel="Delete"
          expected={worker.name}
          onClose={close}
          onConfirm={async () => {
            await admin.users.delete({ user_ids: [String(dialog.user.user_id)] });
            announce(`User ${userLabel(dialog.user)} deleted on ${worker.name}.`);
            users.reload();
          }}
        >
          <p>
            Delete <strong>{userLabel(dialog.user)}</strong> on <strong>{worker.name}</strong>? Their keys and
            memberships are deleted too.
          </p>
        </ConfirmByName>
      ) : null}
    </>
  );
}
