import { useId, useMemo, useState } from 'react';
import type { WorkerRecord } from '../../api/worker-api.js';
import { useApp } from '../../app/context.js';
import { asRecord, asString } from '../../app/format.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { RowActionButton } from '../../components/RowActions.js';
import { type FieldSpec, RecordFormDialog, text } from './RecordForm.js';
import { useWorkerResource, WorkerResourceList, type WorkerSectionProps } from './shared.js';

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

function modelId(deployment: WorkerRecord): string {
  return (
    asString(asRecord(deployment.model_info).id) ??
    asString(deployment.model_id) ??
    String(deployment.model_name)
  );
}

export default function ModelsPage({ worker, admin, writable }: WorkerSectionProps) {
  const { announce } = useApp();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<
    { kind: 'none' } | { kind: 'create' } | { kind: 'delete'; model: WorkerRecord }
  >({
    kind: 'none',
  });
  const models = useWorkerResource(worker, 'models', (signal) => admin.models.info({}, { signal }));
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const all = models.data?.data ?? [];
    return needle === ''
      ? all
      : all.filter((model) =>
          `${String(model.model_name)} ${String(asRecord(model.litellm_params).model)}`
            .toLowerCase()
            .includes(needle),
        );
  }, [models.data, search]);
  const close = () => setDialog({ kind: 'none' });

  const columns: Column<WorkerRecord>[] = [
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
      cell: (model) => (asRecord(model.model_info).db_model === true ? 'database' : 'config file'),
    },
  ];
  if (writable) {
    columns.push({
      id: 'actions',
      header: <span className="cp-visually-hidden">Actions</span>,
      cell: (model) =>
        asRecord(model.model_info).db_model === true ? (
          <RowActionButton
            ariaLabel={`Delete ${String(model.model_name)} (${modelId(model)})`}
            onClick={() => setDialog({ kind: 'delete', model })}
            danger
          >
            Delete
          </RowActionButton>
        ) : (
          <span className="cp-muted cp-small">edit in config</span>
        ),
    });
  }

  return (
    <>
      <div className="cp-toolbar">
        <div className="cp-field cp-field-inline cp-grow">
          <label htmlFor={searchId}>Filter models</label>
          <input
            id={searchId}
            type="search"
            data-search
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
            Add model
          </button>
        ) : null}
      </div>
      <WorkerResourceList
        resource={models}
        loadingLabel="Loading models…"
        errorTitle={`Could not load models from ${worker.name}`}
        isEmpty={rows.length === 0}
        emptyTitle={search ? 'No model matches the filter' : 'No models on this worker'}
      >
        {() => (
          <DataTable caption={`Models on ${worker.name}`} columns={columns} rows={rows} rowKey={modelId} />
        )}
      </WorkerResourceList>
      {dialog.kind === 'create' ? (
        <RecordFormDialog
          title="Add model"
          worker={worker}
          fields={MODEL_FIELDS}
          editing={false}
          submitLabel="Add model"
          initial={{}}
          onClose={close}
          submit={async (values) => {
            await admin.models.create({
              model_name: text(values, 'model_name') ?? '',
              litellm_params: {
                model: text(values, 'model') ?? '',
                api_base: text(values, 'api_base'),
                api_key: text(values, 'api_key'),
              },
              model_info: {},
            });
            announce(`Model added on ${worker.name}.`);
            models.reload();
          }}
        />
      ) : null}
      {dialog.kind === 'delete' ? (
        <ConfirmByName
          title="Delete model"
          actionLabel="Delete"
          expected={worker.name}
          onClose={close}
          onConfirm={async () => {
            await admin.models.delete(modelId(dialog.model));
            announce(`Model deleted on ${worker.name}.`);
            models.reload();
          }}
        >
          <p>
            Delete deployment <strong>{String(dialog.model.model_name)}</strong> (
            <code>{modelId(dialog.model)}</code>) on <strong>{worker.name}</strong>?
          </p>
        </ConfirmByName>
      ) : null}
    </>
  );
}
