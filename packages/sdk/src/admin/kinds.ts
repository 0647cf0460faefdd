import type { WorkerClient } from '@llm-control-plane/core';

type JsonObject = Record<string, unknown>;
type Options = { signal: AbortSignal };

/** The admin registries the fleet manages object by object. */
export type AdminKind =
  | 'mcpServers'
  | 'guardrails'
  | 'vectorStores'
  | 'agents'
  | 'prompts'
  | 'tags'
  | 'credentials'
  | 'searchTools';

export const ADMIN_KINDS: readonly AdminKind[] = [
  'mcpServers',
  'guardrails',
  'vectorStores',
  'agents',
  'prompts',
  'tags',
  'credentials',
  'searchTools',
];

/** How the fleet reads, names, compares and writes the objects of one registry. */
export type KindDescriptor = {
  kind: AdminKind;
  /** Singular, for messages: `guardrail`. */
  label: string;
  /** The name that identifies an object across workers (ids differ from worker to worker). */
  identity: string;
  /** The worker's own id of the object. */
  idField: string;
  /** Fields the worker sets itself: never compared, never written. */
  volatile: readonly string[];
  /** Object fields whose every entry is a secret (credential values). */
  secretContainers?: readonly string[];
  list(client: WorkerClient, options: Options): Promise<JsonObject[]>;
  create(client: WorkerClient, object: JsonObject, options: Options): Promise<void>;
  update(client: WorkerClient, targetId: string, object: JsonObject, options: Options): Promise<void>;
  /** Why an existing object cannot be changed through the API, if it cannot. */
  readOnly?(item: JsonObject): string | undefined;
};

const STAMPS = ['created_at', 'created_by', 'updated_at', 'updated_by'];

const DESCRIPTORS: Record<AdminKind, KindDescriptor> = {
  mcpServers: {
    kind: 'mcpServers',
    label: 'MCP server',
    identity: 'server_name',
    idField: 'server_id',
    volatile: [...STAMPS, 'server_id', 'status', 'last_health_check', 'health_check_error', 'teams'],
    list: (client, options) => client.mcpServers.list({}, options),
    create: async (client, object, options) => {
      await client.mcpServers.create(object, options);
    },
    update: async (client, targetId, object, options) => {
      await client.mcpServers.update({ ...object, server_id: targetId }, options);
    },
  },
  guardrails: {
    kind: 'guardrails',
    label: 'guardrail',
    identity: 'guardrail_name',
    idField: 'guardrail_id',
    volatile: [...STAMPS, 'guardrail_id', 'guardrail_definition_location'],
    list: async (client, options) => (await client.guardrails.list(options)).guardrails,
    create: async (client, object, options) => {
      await client.guardrails.create(object as never, options);
    },
    update: async (client, targetId, object, options) => {
      await client.guardrails.update(targetId, object as never, options);
    },
    readOnly: (item) =>
      item.guardrail_definition_location === 'config'
        ? 'defined in the worker config file; not editable through the API'
        : undefined,
  },
  vectorStores: {
    kind: 'vectorStores',
    label: 'vector store',
    identity: 'vector_store_id',
    idField: 'vector_store_id',
    volatile: STAMPS,
    list: (client, options) => client.vectorStores.list(options),
    create: async (client, object, options) => {
      await client.vectorStores.create(object as never, options);
    },
    update: async (client, targetId, object, options) => {
      await client.vectorStores.update({ ...object, vector_store_id: targetId }, options);
    },
  },
  agents: {
    kind: 'agents',
    label: 'agent',
    identity: 'agent_name',
    idField: 'agent_id',
    volatile: [...STAMPS, 'agent_id'],
    list: (client, options) => client.agents.list(options),
    create: async (client, object, options) => {
      await client.agents.create(object as never, options);
    },
    update: async (client, targetId, object, options) => {
      await client.agents.update(targetId, object as never, options);
    },
  },
  prompts: {
    kind: 'prompts',
    label: 'prompt',
    identity: 'prompt_id',
    idField: 'prompt_id',
    volatile: STAMPS,
    list: async (client, options) => (await client.prompts.list(options)).prompts,
    create: async (client, object, options) => {
      await client.prompts.create(object as never, options);
    },
    update: async (client, targetId, object, options) => {
      await client.prompts.update(targetId, { ...object, prompt_id: targetId } as never, options);
    },
    readOnly: (item) =>
      (item.prompt_info as JsonObject | undefined)?.prompt_type === 'config'
        ? 'defined in the worker config file; not editable through the API'
        : undefined,
  },
  tags: {
    kind: 'tags',
    label: 'tag',
    identity: 'name',
    idField: 'name',
    volatile: [...STAMPS, 'budget_id'],
    list: (client, options) => client.tags.list(options),
    create: (client, object, options) => client.tags.create(tagBody(object), options),
    update: (client, targetId, object, options) =>
      client.tags.update({ ...tagBody(object), name: targetId }, options),
  },
  credentials: {
    kind: 'credentials',
    label: 'credential',
    identity: 'credential_name',
    idField: 'credential_name',
    volatile: STAMPS,
    secretContainers: ['credential_values'],
    list: async (client, options) => (await client.credentials.list(options)).credentials,
    create: async (client, object, options) => {
      await client.credentials.create(object as never, options);
    },
    update: async (client, targetId, object, options) => {
      const { credential_name: _name, ...patch } = object;
      await client.credentials.update(targetId, patch, options);
    },
  },
  searchTools: {
    kind: 'searchTools',
    label: 'search tool',
    identity: 'search_tool_name',
    idField: 'search_tool_id',
    volatile: [...STAMPS, 'search_tool_id'],
    list: async (client, options) => (await client.searchTools.list(options)).data,
    create: async (client, object, options) => {
      await client.searchTools.create(object as never, options);
    },
    update: async (client, targetId, object, options) => {
      await client.searchTools.update(targetId, object as never, options);
    },
  },
};

/** `/tag/new` takes budget fields flat; `/tag/list` answers them inside `litellm_budget_table`. */
function tagBody(object: JsonObject) {
  const { litellm_budget_table: budget, ...rest } = object;
  const limits = budget !== null && typeof budget === 'object' ? (budget as JsonObject) : {};
  return {
    ...rest,
    name: String(object.name),
    max_budget: limits.max_budget,
    budget_duration: limits.budget_duration,
  } as {
    name: string;
  };
}

export function describeKind(kind: string): KindDescriptor {
  const descriptor = (DESCRIPTORS as Record<string, KindDescriptor | undefined>)[kind];
  if (!descriptor)
    throw new TypeError(`Unknown admin object kind '${kind}'; expected one of ${ADMIN_KINDS.join(', ')}`);
  return descriptor;
}
