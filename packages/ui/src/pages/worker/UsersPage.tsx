import type { WorkerRecord } from '../../api/worker-api.js';
import { asNumber, asString, asStringArray } from '../../app/format.js';
import { ResourcePage } from '../../resource-page/ResourcePage.js';
import type { ResourceConfig } from '../../resource-page/types.js';
import { litellmPage } from '../../resource-page/useResourceRows.js';
import { type FieldSpec, type FormValues, initialText, list, number, text } from './RecordForm.js';
import { BUDGET_DURATIONS, spendOfBudget, type WorkerSectionProps } from './shared.js';

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

function userBody(values: FormValues) {
  return {
    user_email: text(values, 'user_email'),
    user_alias: text(values, 'user_alias'),
    user_role: userRole(text(values, 'user_role')),
    max_budget: number(values, 'max_budget'),
    budget_duration: text(values, 'budget_duration'),
    models: list(values, 'models'),
  };
}

const USERS: ResourceConfig<WorkerRecord> = {
  noun: 'user',
  plural: 'users',
  loadPage: async (admin, { search, page, size }, signal) => {
    const data = await admin.users.list({ page, page_size: size, user_email: search }, { signal });
    return litellmPage(data.users, data, page);
  },
  search: { label: 'Search users', placeholder: 'E-mail contains' },
  emptyTitle: 'No internal users on this worker yet',
  rowKey: (user) => String(user.user_id),
  label: userLabel,
  deleteWarning: 'Their keys and memberships are deleted too.',
  columns: [
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
    { id: 'budget', header: 'Spend / budget', align: 'num', cell: spendOfBudget },
  ],
  fields: USER_FIELDS,
  initialValues: (user): FormValues =>
    user === undefined
      ? { user_role: 'internal_user', models: [] }
      : {
          user_email: initialText(user.user_email),
          user_alias: initialText(user.user_alias),
          user_role: initialText(user.user_role) || 'internal_user',
          max_budget: initialText(user.max_budget),
          budget_duration: initialText(user.budget_duration),
          models: asStringArray(user.models),
        },
  create: (admin, values) =>
    admin.users.create({ ...userBody(values), user_id: text(values, 'user_id'), auto_create_key: false }),
  update: (admin, user, values) => admin.users.update({ user_id: String(user.user_id), ...userBody(values) }),
  savedMessage: (kind, _values, worker) =>
    `User ${kind === 'edit' ? 'updated' : 'created'} on ${worker.name}.`,
  remove: (admin, user) => admin.users.delete({ user_ids: [String(user.user_id)] }),
  deletedMessage: (user, worker) => `User ${userLabel(user)} deleted on ${worker.name}.`,
};

export default function UsersPage(props: WorkerSectionProps) {
  return <ResourcePage config={USERS} {...props} />;
}
