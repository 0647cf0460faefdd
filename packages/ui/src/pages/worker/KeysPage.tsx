import type { WorkerApi, WorkerRecord } from '../../api/worker-api.js';
import { asNumber, asString, asStringArray, formatDateTime, formatRelative } from '../../app/format.js';
import { ResourcePage } from '../../resource-page/ResourcePage.js';
import type { ResourceConfig, ShowOnce } from '../../resource-page/types.js';
import { type FieldSpec, type FormValues, initialText, list, number, text } from './RecordForm.js';
import {
  BUDGET_DURATIONS,
  EXPIRY_DURATIONS,
  ModelsCell,
  StateBadge,
  spendOfBudget,
  type WorkerSectionProps,
} from './shared.js';

const KEY_HASH = /^[0-9a-f]{64}$/i;

function keyLabel(key: WorkerRecord): string {
  return asString(key.key_alias) ?? asString(key.key_name) ?? asString(key.token)?.slice(0, 12) ?? 'key';
}

function shownOnce(title: string, result: unknown, alias: unknown): ShowOnce | undefined {
  const secret = asString((result as WorkerRecord | undefined)?.key);
  if (!secret) return undefined;
  const name = asString(alias);
  return { title, secret, label: name ? `New key for ${name}` : 'New key' };
}

/** Keys carry only team ids; the worker's team list turns them into names (a failed list just shows ids). */
async function keysPage(admin: WorkerApi, search: string, page: number, size: number, signal: AbortSignal) {
  const isHash = KEY_HASH.test(search);
  const [keys, teams] = await Promise.all([
    admin.keys.list(
      {
        include_team_keys: true,
        page,
        size,
        key_hash: isHash ? search : undefined,
        key_alias: isHash ? undefined : search,
        substring_matching: search !== '' && !isHash ? true : undefined,
        sort_by: 'created_at',
        sort_order: 'desc',
      },
      { signal },
    ),
    admin.teams.list({}, { signal }).catch(() => []),
  ]);
  const names = new Map(teams.map((team) => [String(team.team_id), asString(team.team_alias)]));
  const rows = (keys.keys ?? [])
    .filter((key): key is WorkerRecord => typeof key === 'object' && key !== null)
    .map((key) => ({ ...key, team_alias: asString(key.team_alias) ?? names.get(String(key.team_id)) }));
  return {
    rows,
    page: keys.current_page ?? page,
    totalPages: keys.total_pages ?? 1,
    totalCount: keys.total_count ?? undefined,
  };
}

function keyFields(key?: WorkerRecord): FieldSpec[] {
  const expiry = key
    ? [
        { value: 'keep', label: `Keep (${asString(key.expires) ? formatDateTime(key.expires) : 'never'})` },
        ...EXPIRY_DURATIONS,
      ]
    : EXPIRY_DURATIONS;
  return [
    { name: 'key_alias', label: 'Key alias', kind: 'text', placeholder: 'billing-service' },
    {
      name: 'team_id',
      label: 'Team',
      kind: 'select',
      options: [{ value: '', label: 'No team' }],
      loadOptions: {
        key: 'team-options',
        failedHint: 'Teams could not be loaded.',
        load: async (admin, signal) =>
          (await admin.teams.list({}, { signal }))
            .filter((team) => typeof team.team_id === 'string')
            .map((team) => ({ value: team.team_id, label: asString(team.team_alias) ?? team.team_id })),
      },
    },
    { name: 'max_budget', label: 'Max budget (USD)', kind: 'number', hint: 'Empty means no limit.' },
    { name: 'budget_duration', label: 'Budget reset', kind: 'select', options: BUDGET_DURATIONS },
    { name: 'duration', label: 'Expires after', kind: 'select', options: expiry },
    { name: 'user_id', label: 'Owner user id', kind: 'text', placeholder: 'optional' },
    { name: 'models', label: 'Models', kind: 'models' },
  ];
}

/** The request body; an edit that empties the budget or picks "never" clears it on the worker. */
function keyBody(values: FormValues, editing: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    key_alias: text(values, 'key_alias'),
    team_id: text(values, 'team_id'),
    user_id: text(values, 'user_id'),
    models: list(values, 'models'),
    max_budget: number(values, 'max_budget') ?? (editing && !text(values, 'max_budget') ? null : undefined),
    budget_duration: text(values, 'budget_duration'),
  };
  const duration = text(values, 'duration');
  if (duration !== 'keep') body.duration = duration ?? (editing ? null : undefined);
  return body;
}

function teamCell(key: WorkerRecord) {
  const teamId = asString(key.team_id);
  if (!teamId) return '—';
  const name = asString(key.team_alias);
  return name && name !== teamId ? (
    <span title={teamId}>{name}</span>
  ) : (
    <span className="cp-mono cp-small">{teamId}</span>
  );
}

const KEYS: ResourceConfig<WorkerRecord> = {
  noun: 'key',
  plural: 'keys',
  loadPage: (admin, query, signal) => keysPage(admin, query.search, query.page, query.size, signal),
  search: { label: 'Search keys', placeholder: 'Alias (substring) or key hash' },
  rowKey: (key) => String(key.token ?? keyLabel(key)),
  label: keyLabel,
  emptyDetail: 'Create the first key with “Create key”.',
  deleteWarning: 'Requests with this key will be rejected. This cannot be undone.',
  columns: [
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
    { id: 'team', header: 'Team', cell: teamCell },
    { id: 'models', header: 'Models', cell: ModelsCell },
    { id: 'spend', header: 'Spend / budget', align: 'num', cell: spendOfBudget },
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
    { id: 'state', header: 'State', cell: StateBadge },
  ],
  fields: keyFields(),
  formFields: keyFields,
  initialValues: (key): FormValues =>
    key === undefined
      ? { models: [], duration: '' }
      : {
          key_alias: initialText(key.key_alias),
          team_id: initialText(key.team_id),
          user_id: initialText(key.user_id),
          models: asStringArray(key.models),
          max_budget: initialText(asNumber(key.max_budget)),
          budget_duration: initialText(key.budget_duration),
          duration: 'keep',
        },
  create: (admin, values) => admin.keys.generate(keyBody(values, false)),
  createdSecret: (result) => shownOnce('Key created', result, (result as WorkerRecord).key_alias),
  update: (admin, key, values) => admin.keys.update({ key: String(key.token), ...keyBody(values, true) }),
  savedMessage: (kind, _values, worker) =>
    `Key ${kind === 'edit' ? 'updated' : 'created'} on ${worker.name}.`,
  remove: (admin, key) => admin.keys.delete({ keys: [String(key.token)] }),
  deletedMessage: (key, worker) => `${keyLabel(key)} deleted on ${worker.name}.`,
  rowActions: [
    {
      label: (key) => (key.blocked === true ? 'Unblock' : 'Block'),
      afterEdit: true,
      run: async (admin, key) => {
        const token = String(key.token);
        await (key.blocked === true ? admin.keys.unblock(token) : admin.keys.block(token));
        return undefined;
      },
      done: (key, worker) =>
        `${keyLabel(key)} ${key.blocked === true ? 'unblocked' : 'blocked'} on ${worker.name}.`,
    },
    {
      label: () => 'Regenerate',
      afterEdit: true,
      confirm: {
        title: 'Regenerate key',
        actionLabel: 'Regenerate',
        body: (key, worker) => (
          <p>
            The current value of <strong>{keyLabel(key)}</strong> on <strong>{worker.name}</strong> stops
            working immediately. Clients must switch to the new value.
          </p>
        ),
        run: async (admin, key) =>
          shownOnce('Key regenerated', await admin.keys.regenerate(String(key.token)), key.key_alias),
      },
    },
  ],
};

export default function KeysPage(props: WorkerSectionProps) {
  return <ResourcePage config={KEYS} {...props} />;
}
