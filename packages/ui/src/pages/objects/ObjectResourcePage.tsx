import type { ObjectKind } from '../../api/objects.js';
import type { WorkerApi, WorkerRecord } from '../../api/worker-api.js';
import { ResourcePage } from '../../resource-page/ResourcePage.js';
import type { ResourceConfig } from '../../resource-page/types.js';
import { type FieldSpec, type FormValues, text } from '../worker/RecordForm.js';
import type { WorkerSectionProps } from '../worker/shared.js';
import { KIND_VIEWS, nameOf } from './kinds.js';
import { showValue } from './shared.js';

function options(values: string[]) {
  return values.map((value) => ({ value, label: value }));
}

const required = (values: FormValues, name: string) => text(values, name) ?? '';
const nameField = (name: string, label = 'Name'): FieldSpec => ({
  name,
  label,
  kind: 'text',
  required: true,
});

type Operations = {
  load(admin: WorkerApi, signal: AbortSignal): Promise<WorkerRecord[]>;
  fields: FieldSpec[];
  create?(admin: WorkerApi, values: FormValues): Promise<unknown>;
  remove(admin: WorkerApi, row: WorkerRecord): Promise<unknown>;
};

/** Per kind: how a worker's objects are read, created and deleted through core's typed resources. */
const OPERATIONS: Record<ObjectKind, Operations> = {
  mcpServers: {
    load: (admin, signal) => admin.mcpServers.list({}, { signal }),
    fields: [
      nameField('server_name'),
      { name: 'url', label: 'URL', kind: 'text', required: true },
      { name: 'transport', label: 'Transport', kind: 'select', options: options(['http', 'sse']) },
    ],
    create: (admin, values) =>
      admin.mcpServers.create({
        server_name: required(values, 'server_name'),
        url: required(values, 'url'),
        transport: text(values, 'transport') ?? 'http',
      }),
    remove: (admin, row) => admin.mcpServers.delete(String(row.server_id)),
  },
  guardrails: {
    load: async (admin, signal) => (await admin.guardrails.list({ signal })).guardrails,
    fields: [
      nameField('guardrail_name'),
      { name: 'guardrail', label: 'Provider', kind: 'text', required: true, placeholder: 'presidio' },
      {
        name: 'mode',
        label: 'Mode',
        kind: 'select',
        options: options(['pre_call', 'post_call', 'during_call']),
      },
    ],
    create: (admin, values) =>
      admin.guardrails.create({
        guardrail_name: required(values, 'guardrail_name'),
        litellm_params: {
          guardrail: required(values, 'guardrail'),
          mode: text(values, 'mode') ?? 'pre_call',
        },
      }),
    remove: (admin, row) => admin.guardrails.delete(String(row.guardrail_id)),
  },
  vectorStores: {
    load: (admin, signal) => admin.vectorStores.list({ signal }),
    fields: [
      nameField('vector_store_id', 'Vector store id'),
      { name: 'custom_llm_provider', label: 'Provider', kind: 'text', required: true, placeholder: 'openai' },
      { name: 'vector_store_name', label: 'Name', kind: 'text' },
    ],
    create: (admin, values) =>
      admin.vectorStores.create({
        vector_store_id: required(values, 'vector_store_id'),
        custom_llm_provider: required(values, 'custom_llm_provider'),
        vector_store_name: text(values, 'vector_store_name'),
      }),
    remove: (admin, row) => admin.vectorStores.delete(String(row.vector_store_id)),
  },
  agents: {
    load: (admin, signal) => admin.agents.list({ signal }),
    fields: [nameField('agent_name'), { name: 'url', label: 'Agent URL', kind: 'text' }],
    create: (admin, values) =>
      admin.agents.create({
        agent_name: required(values, 'agent_name'),
        agent_card_params: { url: text(values, 'url') },
      }),
    remove: (admin, row) => admin.agents.delete(String(row.agent_id)),
  },
  prompts: {
    load: async (admin, signal) => (await admin.prompts.list({ signal })).prompts,
    fields: [
      nameField('prompt_id', 'Prompt id'),
      {
        name: 'prompt_integration',
        label: 'Integration',
        kind: 'select',
        options: options(['dotprompt', 'langfuse']),
      },
    ],
    create: (admin, values) =>
      admin.prompts.create({
        prompt_id: required(values, 'prompt_id'),
        litellm_params: { prompt_integration: text(values, 'prompt_integration') ?? 'dotprompt' },
      }),
    remove: (admin, row) => admin.prompts.delete(String(row.prompt_id)),
  },
  tags: {
    load: (admin, signal) => admin.tags.list({ signal }),
    fields: [nameField('name'), { name: 'description', label: 'Description', kind: 'text' }],
    create: (admin, values) =>
      admin.tags.create({ name: required(values, 'name'), description: text(values, 'description') }),
    remove: (admin, row) => admin.tags.delete(String(row.name)),
  },
  credentials: {
    // Values are write-only secrets: credentials are created on the worker itself, not typed into this page.
    load: async (admin, signal) => (await admin.credentials.list({ signal })).credentials,
    fields: [],
    remove: (admin, row) => admin.credentials.delete(String(row.credential_name)),
  },
  searchTools: {
    load: async (admin, signal) => (await admin.searchTools.list({ signal })).data,
    fields: [
      nameField('search_tool_name'),
      {
        name: 'search_provider',
        label: 'Provider',
        kind: 'select',
        options: options(['tavily', 'perplexity', 'exa_ai', 'brave']),
      },
    ],
    create: (admin, values) =>
      admin.searchTools.create({
        search_tool_name: required(values, 'search_tool_name'),
        litellm_params: { search_provider: text(values, 'search_provider') ?? 'tavily' },
      }),
    remove: (admin, row) => admin.searchTools.delete(String(row.search_tool_id)),
  },
};

/** The resource-page config of one admin registry: columns from KIND_VIEWS, operations from above. */
function objectConfig(kind: ObjectKind): ResourceConfig<WorkerRecord> {
  const view = KIND_VIEWS[kind];
  const operations = OPERATIONS[kind];
  return {
    noun: view.singular,
    plural: view.plural,
    load: operations.load,
    rowKey: (row) => nameOf(view, row),
    label: (row) => nameOf(view, row),
    columns: [
      { id: 'name', header: 'Name', rowHeader: true, cell: (row) => nameOf(view, row) },
      ...view.columns.map((column) => ({
        id: column.header,
        header: column.header,
        cell: (row: WorkerRecord) => showValue(column.value(row)),
      })),
    ],
    fields: operations.fields,
    initialValues: () => ({}),
    ...(operations.create ? { create: operations.create } : {}),
    remove: operations.remove,
  };
}

export default function ObjectResourcePage({ kind, ...props }: WorkerSectionProps & { kind: ObjectKind }) {
  return <ResourcePage config={objectConfig(kind)} {...props} />;
}
