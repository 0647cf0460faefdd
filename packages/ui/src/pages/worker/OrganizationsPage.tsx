import type { Organization } from '@llm-control-plane/core/browser';
import { asNumber, asStringArray, formatMoney } from '../../app/format.js';
import { ResourcePage } from '../../resource-page/ResourcePage.js';
import type { ResourceConfig } from '../../resource-page/types.js';
import { type FormValues, initialText, list, number, text } from './RecordForm.js';
import { BUDGET_DURATIONS, ModelsCell, type WorkerSectionProps } from './shared.js';

function label(organization: Organization): string {
  return organization.organization_alias ?? organization.organization_id;
}

function fields(values: FormValues) {
  return {
    // The form requires a name; an empty one is refused by the worker with its own message.
    organization_alias: text(values, 'organization_alias') ?? '',
    max_budget: number(values, 'max_budget'),
    budget_duration: text(values, 'budget_duration'),
    models: list(values, 'models'),
  };
}

function spendOfBudget(organization: Organization): string {
  const max = organization.litellm_budget_table?.max_budget;
  return `${formatMoney(asNumber(organization.spend) ?? 0)} / ${asNumber(max) === undefined ? '∞' : formatMoney(max)}`;
}

const ORGANIZATIONS: ResourceConfig<Organization> = {
  noun: 'organization',
  plural: 'organizations',
  load: (admin, signal) => admin.organizations.list({}, { signal }),
  rowKey: (organization) => organization.organization_id,
  label,
  deleteWarning: 'Its teams and keys are deleted too.',
  columns: [
    {
      id: 'organization',
      header: 'Organization',
      rowHeader: true,
      cell: (organization) => (
        <span className="cp-cell-stack">
          <span>{label(organization)}</span>
          <span className="cp-muted cp-mono">{organization.organization_id}</span>
        </span>
      ),
    },
    { id: 'models', header: 'Models', cell: ModelsCell },
    {
      id: 'teams',
      header: 'Teams',
      align: 'num',
      cell: (organization) => organization.teams?.length ?? '—',
    },
    {
      id: 'members',
      header: 'Members',
      align: 'num',
      cell: (organization) => organization.members?.length ?? '—',
    },
    { id: 'budget', header: 'Spend / budget', align: 'num', cell: spendOfBudget },
  ],
  fields: [
    { name: 'organization_alias', label: 'Organization name', kind: 'text', required: true },
    { name: 'max_budget', label: 'Max budget (USD)', kind: 'number' },
    { name: 'budget_duration', label: 'Budget reset', kind: 'select', options: BUDGET_DURATIONS },
    { name: 'models', label: 'Models', kind: 'models' },
  ],
  initialValues: (organization): FormValues =>
    organization === undefined
      ? { models: [] }
      : {
          organization_alias: initialText(organization.organization_alias),
          max_budget: initialText(organization.litellm_budget_table?.max_budget),
          budget_duration: initialText(organization.litellm_budget_table?.budget_duration),
          models: asStringArray(organization.models),
        },
  create: (admin, values) => admin.organizations.create(fields(values)),
  update: (admin, organization, values) =>
    admin.organizations.update({ organization_id: organization.organization_id, ...fields(values) }),
  remove: (admin, organization) => admin.organizations.delete([organization.organization_id]),
};

export default function OrganizationsPage(props: WorkerSectionProps) {
  return <ResourcePage config={ORGANIZATIONS} {...props} />;
}
