import { type FormEvent, useEffect, useId, useState } from 'react';
import { type ApiError, toApiError } from '../../api/errors.js';
import type { WorkerRecord } from '../../api/worker-api.js';
import { useApp } from '../../app/context.js';
import { asNumber, asString, asStringArray, formatMoney } from '../../app/format.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { Dialog } from '../../components/Dialog.js';
import { Pagination } from '../../components/Pagination.js';
import { RowActionButton, RowActions } from '../../components/RowActions.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { type FieldSpec, initialText, list, number, RecordFormDialog, text } from './RecordForm.js';
import {
  BUDGET_DURATIONS,
  useWorkerModels,
  useWorkerResource,
  WorkerErrorState,
  WorkerResourceList,
  type WorkerSectionProps,
} from './shared.js';

type Member = { user_id?: string | null; user_email?: string | null; role?: string };

const TEAM_FIELDS: FieldSpec[] = [
  { name: 'team_alias', label: 'Team name', kind: 'text', required: true },
  {
    name: 'team_id',
    label: 'Team id',
    kind: 'text',
    createOnly: true,
    hint: 'Optional; generated when empty.',
  },
  { name: 'max_budget', label: 'Max budget (USD)', kind: 'number', hint: 'Empty means no limit.' },
  { name: 'budget_duration', label: 'Budget reset', kind: 'select', options: BUDGET_DURATIONS },
  { name: 'tpm_limit', label: 'Tokens per minute', kind: 'number' },
  { name: 'rpm_limit', label: 'Requests per minute', kind: 'number' },
  { name: 'models', label: 'Models', kind: 'models' },
];

function teamLabel(team: WorkerRecord): string {
  return asString(team.team_alias) ?? String(team.team_id);
}

function members(team: WorkerRecord): Member[] {
  return Array.isArray(team.members_with_roles) ? (team.members_with_roles as Member[]) : [];
}

export default function TeamsPage({ worker, admin, writable }: WorkerSectionProps) {
  const { announce } = useApp();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(25);
  const [dialog, setDialog] = useState<
    { kind: 'none' } | { kind: 'create' } | { kind: 'edit' | 'delete' | 'members'; team: WorkerRecord }
  >({ kind: 'none' });
  const models = useWorkerModels(worker, admin);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search or page size starts again at page 1
  useEffect(() => setPage(1), [query, size]);

  const teams = useWorkerResource(worker, `teams:${query}:${page}:${size}`, (signal) =>
    admin.teams.listPage({ page, page_size: size, team_alias: query }, { signal }),
  );
  const rows = teams.data?.teams ?? [];
  const close = () => setDialog({ kind: 'none' });

  const columns: Column<WorkerRecord>[] = [
    {
      id: 'team',
      header: 'Team',
      rowHeader: true,
      cell: (team) => (
        <span className="cp-cell-stack">
          <span>{teamLabel(team)}</span>
          <span className="cp-muted cp-mono">{String(team.team_id)}</span>
        </span>
      ),
    },
    {
      id: 'members',
      header: 'Members',
      align: 'num',
      cell: (team) => members(team).length,
    },
    {
      id: 'models',
      header: 'Models',
      cell: (team) => {
        const names = asStringArray(team.models);
        return names.length === 0 ? <span className="cp-muted">all</span> : names.join(', ');
      },
    },
    {
      id: 'budget',
      header: 'Spend / budget',
      align: 'num',
      cell: (team) =>
        `${formatMoney(asNumber(team.spend) ?? 0)} / ${asNumber(team.max_budget) === undefined ? '∞' : formatMoney(team.max_budget)}`,
    },
    { id: 'reset', header: 'Budget reset', cell: (team) => asString(team.budget_duration) ?? '—' },
    {
      id: 'state',
      header: 'State',
      cell: (team) =>
        team.blocked === true ? (
          <span className="cp-badge cp-badge-unreachable">Blocked</span>
        ) : (
          <span className="cp-badge cp-badge-healthy">Active</span>
        ),
    },
    {
      id: 'actions',
      header: <span className="cp-visually-hidden">Actions</span>,
      cell: (team) => (
        <RowActions
          label={teamLabel(team)}
          onEdit={writable ? () => setDialog({ kind: 'edit', team }) : undefined}
          onDelete={writable ? () => setDialog({ kind: 'delete', team }) : undefined}
        >
          <RowActionButton
            ariaLabel={`Members of ${teamLabel(team)}`}
            onClick={() => setDialog({ kind: 'members', team })}
          >
            Members
          </RowActionButton>
        </RowActions>
      ),
    },
  ];

  return (
    <>
      <div className="cp-toolbar">
        <div className="cp-field cp-field-inline cp-grow">
          <label htmlFor={searchId}>Search teams</label>
          <input
            id={searchId}
            type="search"
            data-search
            placeholder="Team name"
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
            Create team
          </button>
        ) : null}
      </div>
      <WorkerResourceList
        resource={teams}
        loadingLabel="Loading teams…"
        errorTitle={`Could not load teams from ${worker.name}`}
        isEmpty={rows.length === 0}
        emptyTitle={query ? 'No team matches the search' : 'No teams on this worker yet'}
      >
        {(data) => (
          <>
            <DataTable
              caption={`Teams on ${worker.name}`}
              columns={columns}
              rows={rows}
              rowKey={(team) => String(team.team_id)}
            />
            <Pagination
              label="Teams pages"
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
          title={dialog.kind === 'edit' ? `Edit ${teamLabel(dialog.team)}` : 'Create team'}
          worker={worker}
          fields={TEAM_FIELDS}
          editing={dialog.kind === 'edit'}
          availableModels={models}
          submitLabel={dialog.kind === 'edit' ? 'Save changes' : 'Create team'}
          initial={
            dialog.kind === 'edit'
              ? {
                  team_alias: initialText(dialog.team.team_alias),
                  max_budget: initialText(dialog.team.max_budget),
                  budget_duration: initialText(dialog.team.budget_duration),
                  tpm_limit: initialText(dialog.team.tpm_limit),
                  rpm_limit: initialText(dialog.team.rpm_limit),
                  models: asStringArray(dialog.team.models),
                }
              : { models: [] }
          }
          onClose={close}
          submit={async (values) => {
            const body = {
              team_alias: text(values, 'team_alias'),
              max_budget: number(values, 'max_budget'),
              budget_duration: text(values, 'budget_duration'),
              tpm_limit: number(values, 'tpm_limit'),
              rpm_limit: number(values, 'rpm_limit'),
              models: list(values, 'models'),
            };
            if (dialog.kind === 'edit') {
              await admin.teams.update({ team_id: String(dialog.team.team_id), ...body });
              announce(`Team ${body.team_alias ?? ''} updated on ${worker.name}.`);
            } else {
              await admin.teams.create({ ...body, team_id: text(values, 'team_id') });
              announce(`Team ${body.team_alias ?? ''} created on ${worker.name}.`);
            }
            teams.reload();
          }}
        />
      ) : null}
      {dialog.kind === 'delete' ? (
        <ConfirmByName
          title="Delete team"
          actionLabel="Delete"
          expected={worker.name}
          onClose={close}
          onConfirm={async () => {
            await admin.teams.delete({ team_ids: [String(dialog.team.team_id)] });
            announce(`Team ${teamLabel(dialog.team)} deleted on ${worker.name}.`);
            teams.reload();
          }}
        >
          <p>
            Delete team <strong>{teamLabel(dialog.team)}</strong> on <strong>{worker.name}</strong>? Its keys
            are deleted too.
          </p>
        </ConfirmByName>
      ) : null}
      {dialog.kind === 'members' ? (
        <MembersDialog
          worker={worker}
          admin={admin}
          writable={writable}
          team={dialog.team}
          onClose={() => {
            close();
            teams.reload();
          }}
        />
      ) : null}
    </>
  );
}

function MembersDialog({
  worker,
  admin,
  writable,
  team,
  onClose,
}: WorkerSectionProps & { team: WorkerRecord; onClose(): void }) {
  const { announce } = useApp();
  const identifierId = useId();
  const roleId = useId();
  const teamId = String(team.team_id);
  const info = useWorkerResource(worker, `team-info:${teamId}`, (signal) =>
    admin.teams.info(teamId, { signal }),
  );
  const current = info.data?.team_info ? members(info.data.team_info) : members(team);
  const [identifier, setIdentifier] = useState('');
  const [role, setRole] = useState<'admin' | 'user'>('user');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [removing, setRemoving] = useState<Member>();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const value = identifier.trim();
    if (!value) return;
    setBusy(true);
    setError(undefined);
    try {
      const member = value.includes('@') ? { role, user_email: value } : { role, user_id: value };
      await admin.teams.addMember({ team_id: teamId, member });
      announce(`${value} added to ${teamLabel(team)}.`);
      setIdentifier('');
      info.reload();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const memberName = (member: Member) => member.user_email ?? member.user_id ?? 'unknown';

  return (
    <Dialog
      title={`Members of ${teamLabel(team)}`}
      onClose={onClose}
      wide
      description={
        <>
          On worker <strong>{worker.name}</strong>
        </>
      }
    >
      {info.loading ? <Loading label="Loading members…" /> : null}
      {info.error ? <WorkerErrorState error={info.error} title="Could not load the team" compact /> : null}
      {current.length === 0 ? (
        <EmptyState title="No members yet" />
      ) : (
        <table className="cp-table">
          <caption className="cp-visually-hidden">Members of {teamLabel(team)}</caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              {writable ? (
                <th scope="col">
                  <span className="cp-visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {current.map((member) => (
              <tr key={`${member.user_id ?? ''}:${member.user_email ?? ''}`}>
                <th scope="row">
                  <span className="cp-cell-stack">
                    <span>{member.user_email ?? member.user_id}</span>
                    {member.user_email && member.user_id ? (
                      <span className="cp-muted cp-mono">{member.user_id}</span>
                    ) : null}
                  </span>
                </th>
                <td>{member.role ?? 'user'}</td>
                {writable ? (
                  <td>
                    <button
                      type="button"
                      className="cp-button cp-button-small cp-button-danger"
                      onClick={() => setRemoving(member)}
                      aria-label={`Remove ${memberName(member)}`}
                    >
                      Remove
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {writable ? (
        <form className="cp-form cp-inline-form" onSubmit={add}>
          <div className="cp-field cp-grow">
            <label htmlFor={identifierId}>User id or e-mail</label>
            <input
              id={identifierId}
              value={identifier}
              onChange={(event) => setIdentifier(event.target.value)}
              required
            />
          </div>
          <div className="cp-field">
            <label htmlFor={roleId}>Role</label>
            <select
              id={roleId}
              value={role}
              onChange={(event) => setRole(event.target.value === 'admin' ? 'admin' : 'user')}
            >
              <option value="user">Member</option>
              <option value="admin">Team admin</option>
            </select>
          </div>
          <button type="submit" className="cp-button cp-button-primary" disabled={busy}>
            Add member
          </button>
        </form>
      ) : null}
      {error ? <ErrorState error={error} title="Could not add the member" compact /> : null}
      {removing ? (
        <ConfirmByName
          title="Remove member"
          actionLabel="Remove"
          expected={worker.name}
          onClose={() => setRemoving(undefined)}
          onConfirm={async () => {
            await admin.teams.removeMember({
              team_id: teamId,
              ...(removing.user_id
                ? { user_id: removing.user_id }
                : { user_email: removing.user_email ?? undefined }),
            });
            announce(`${memberName(removing)} removed from ${teamLabel(team)}.`);
            info.reload();
          }}
        >
          <p>
            Remove <strong>{memberName(removing)}</strong> from <strong>{teamLabel(team)}</strong> on{' '}
            <strong>{worker.name}</strong>?
          </p>
        </ConfirmByName>
      ) : null}
    </Dialog>
  );
}
