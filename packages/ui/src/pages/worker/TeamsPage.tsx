import { type FormEvent, useId, useState } from 'react';
import { type ApiError, toApiError } from '../../api/errors.js';
import type { WorkerRecord } from '../../api/worker-api.js';
import { useApp } from '../../app/context.js';
import { asString, asStringArray } from '../../app/format.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { Dialog } from '../../components/Dialog.js';
import { SelectField } from '../../components/Fields.js';
import { RowActionButton } from '../../components/RowActions.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { ResourcePage } from '../../resource-page/ResourcePage.js';
import type { ResourceConfig } from '../../resource-page/types.js';
import { litellmPage } from '../../resource-page/useResourceRows.js';
import { type FieldSpec, type FormValues, initialText, limits, list, text } from './RecordForm.js';
import {
  BUDGET_DURATIONS,
  ModelsCell,
  StateBadge,
  spendOfBudget,
  useWorkerResource,
  WorkerErrorState,
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

function teamBody(values: FormValues) {
  return {
    team_alias: text(values, 'team_alias'),
    ...limits(values),
    models: list(values, 'models'),
  };
}

const TEAMS: ResourceConfig<WorkerRecord> = {
  noun: 'team',
  plural: 'teams',
  loadPage: async (admin, { search, page, size }, signal) => {
    const data = await admin.teams.listPage({ page, page_size: size, team_alias: search }, { signal });
    return litellmPage(data.teams, data, page);
  },
  search: { label: 'Search teams', placeholder: 'Team name' },
  rowKey: (team) => String(team.team_id),
  label: teamLabel,
  deleteWarning: 'Its keys are deleted too.',
  columns: [
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
    { id: 'members', header: 'Members', align: 'num', cell: (team) => members(team).length },
    { id: 'models', header: 'Models', cell: ModelsCell },
    { id: 'budget', header: 'Spend / budget', align: 'num', cell: spendOfBudget },
    { id: 'reset', header: 'Budget reset', cell: (team) => asString(team.budget_duration) ?? '—' },
    { id: 'state', header: 'State', cell: StateBadge },
  ],
  fields: TEAM_FIELDS,
  initialValues: (team): FormValues =>
    team === undefined
      ? { models: [] }
      : {
          team_alias: initialText(team.team_alias),
          max_budget: initialText(team.max_budget),
          budget_duration: initialText(team.budget_duration),
          tpm_limit: initialText(team.tpm_limit),
          rpm_limit: initialText(team.rpm_limit),
          models: asStringArray(team.models),
        },
  create: (admin, values) => admin.teams.create({ ...teamBody(values), team_id: text(values, 'team_id') }),
  update: (admin, team, values) => admin.teams.update({ team_id: String(team.team_id), ...teamBody(values) }),
  savedMessage: (kind, values, worker) =>
    `Team ${text(values, 'team_alias') ?? ''} ${kind === 'edit' ? 'updated' : 'created'} on ${worker.name}.`,
  remove: (admin, team) => admin.teams.delete({ team_ids: [String(team.team_id)] }),
  deletedMessage: (team, worker) => `Team ${teamLabel(team)} deleted on ${worker.name}.`,
  rowActions: [
    {
      label: () => 'Members',
      ariaLabel: (team) => `Members of ${teamLabel(team)}`,
      readOnly: true,
      dialog: (props) => <MembersDialog {...props} team={props.row} />,
    },
  ],
};

export default function TeamsPage(props: WorkerSectionProps) {
  return <ResourcePage config={TEAMS} {...props} />;
}

const MEMBER_ROLES = [
  { value: 'user', label: 'Member' },
  { value: 'admin', label: 'Team admin' },
];

function memberName(member: Member): string {
  return member.user_email ?? member.user_id ?? 'unknown';
}

const MEMBER_COLUMNS: Column<Member>[] = [
  {
    id: 'user',
    header: 'User',
    rowHeader: true,
    cell: (member) => (
      <span className="cp-cell-stack">
        <span>{member.user_email ?? member.user_id}</span>
        {member.user_email && member.user_id ? (
          <span className="cp-muted cp-mono">{member.user_id}</span>
        ) : null}
      </span>
    ),
  },
  { id: 'role', header: 'Role', cell: (member) => member.role ?? 'user' },
];

function removeColumn(onRemove: (member: Member) => void): Column<Member> {
  return {
    id: 'actions',
    header: <span className="cp-visually-hidden">Actions</span>,
    cell: (member) => (
      <RowActionButton ariaLabel={`Remove ${memberName(member)}`} onClick={() => onRemove(member)} danger>
        Remove
      </RowActionButton>
    ),
  };
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
        <DataTable
          caption={`Members of ${teamLabel(team)}`}
          columns={writable ? [...MEMBER_COLUMNS, removeColumn(setRemoving)] : MEMBER_COLUMNS}
          rows={current}
          rowKey={(member) => `${member.user_id ?? ''}:${member.user_email ?? ''}`}
        />
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
          <SelectField
            label="Role"
            value={role}
            onChange={(value) => setRole(value === 'admin' ? 'admin' : 'user')}
            options={MEMBER_ROLES}
          />
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
