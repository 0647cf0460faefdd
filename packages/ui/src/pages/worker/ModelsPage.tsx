import type { WorkerRecord } from '../../api/worker-api.js';
import { asRecord, asString } from '../../app/format.js';
import { ResourcePage } from '../../resource-page/ResourcePage.js';
import type { ResourceConfig } from '../../resource-page/types.js';
import { type FieldSpec, text } from './RecordForm.js';
import type { WorkerSectionProps } from './shared.js';

const MODEL_FIELDS: FieldSpec[] = [
  { name: 'model_name', label: 'Public model name', kind: 'text', required: true, placeholder: 'gpt-4o' },
  { name: 'model', label: 'Provider model', kind: 'text', required: true, placeholder: 'openai/gpt-4o' },
  { name: 'api_base', label: 'API base', kind: 'text', placeholder: 'optional' },
  {
    name: 'api_key',
    label: 'Provider API key',
    kind: 'text',
    placeholder: 'os.environ/OPENAI_API_KEY',
    hint: 'Prefer an os.environ/NAME reference resolved on the worker.',
  },
];

function isDatabaseModel(deployment: WorkerRecord): boolean {
  return asRecord(deployment.model_info).db_model === true;
}

function modelId(deployment: WorkerRecord): string {
  return (
    asString(asRecord(deployment.model_info).id) ??
    asString(deployment.model_id) ??
    String(deployment.model_name)
  );
}

function label(deployment: WorkerRecord): string {
  return `${String(deployment.model_name)} (${modelId(deployment)})`;
}

const MODELS: ResourceConfig<WorkerRecord> = {
  noun: 'model',
  plural: 'models',
  load: async (admin, signal) => (await admin.models.info({}, { signal })).data ?? [],
  search: {
    label: 'Filter models',
    noMatchTitle: 'No model matches the filter',
    matches: (deployment, search) =>
      `${String(deployment.model_name)} ${String(asRecord(deployment.litellm_params).model)}`
        .toLowerCase()
        .includes(search.toLowerCase()),
  },
  emptyTitle: 'No models on this worker',
  createLabel: 'Add model',
  rowKey: modelId,
  label,
  columns: [
    { id: 'name', header: 'Model', rowHeader: true, cell: (model) => String(model.model_name) },
    {
      id: 'provider',
      header: 'Provider model',
      cell: (model) => asString(asRecord(model.litellm_params).model) ?? '—',
    },
    {
      id: 'base',
      header: 'API base',
      cell: (model) => asString(asRecord(model.litellm_params).api_base) ?? '—',
    },
    {
      id: 'id',
      header: 'Deployment id',
      cell: (model) => <span className="cp-mono cp-small">{modelId(model)}</span>,
    },
    {
      id: 'source',
      header: 'Source',
      cell: (model) => (isDatabaseModel(model) ? 'database' : 'config file'),
    },
  ],
  fields: MODEL_FIELDS,
  initialValues: () => ({}),
  create: (admin, values) =>
    admin.models.create({
      model_name: text(values, 'model_name') ?? '',
      litellm_params: {
        model: text(values, 'model') ?? '',
        api_base: text(values, 'api_base'),
        api_key: text(values, 'api_key'),
      },
      model_info: {},
    }),
  savedMessage: (_kind, _values, worker) => `Model added on ${worker.name}.`,
  // Deployments from the worker's config file can only change there.
  canRemove: isDatabaseModel,
  noActions: 'edit in config',
  remove: (admin, model) => admin.models.delete(modelId(model)),
};

export default function ModelsPage(props: WorkerSectionProps) {
  return <ResourcePage config={MODELS} {...props} />;
}
