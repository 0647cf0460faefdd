import type { WorkerClient } from '@llm-control-plane/core';

type JsonObject = Record<string, unknown>;
type Options = { signal: AbortSignal };

const KINDS = [
  'mcpServers',
  'guardrails',
  'vectorStores',
  'agents',
  'prompts',
  'tags',
  'credentials',
  'searchTools',
] as const;

/** The admin registries the fleet manages object by object. */
export type AdminKind = (typeof KINDS)[number];

export const ADMIN_KINDS: readonly AdminKind[] = KINDS;

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

/** A registry whose update names the object by the worker's id in the path (`PUT /<registry>/{id}`). */
type UpdatedById = {
  create(object: never, options: Options): Promise<unknown>;
  update(id: string, object: never, options: Options): Promise<unknown>;
};

/** A registry whose update names the object by its id field in the body (`POST /<registry>/update`). */
type UpdatedByBody = {
  create(object: never, options: Options): Promise<unknown>;
  update(object: never, options: Options): Promise<unknown>;
};

/** Create and update through a registry that names the object in the body: MCP servers, vector stores. */
function writesByBody(
  registry: (client: WorkerClient) => UpdatedByBody,
  idField: string,
): Pick<KindDescriptor, 'create' | 'update'> {
  return {
    create: async (client, object, options) => {
      await registry(client).create(object as never, options);
    },
    update: async (client, targetId, object, options) => {
      await registry(client).update({ ...object, [idField]: targetId } as never, options);
    },
  };
}

/** Create and update through a registry that names the object in the path: guardrails, agents, search tools. */
function writesById(
  registry: (client: WorkerClient) => UpdatedById,
): Pick<KindDescriptor, 'create' | 'update'> {
  return {
    create: async (client, object, options) => {
      await registry(client).create(object as never, options);
    },
    update: async (client, targetId, object, options) => {
      await registry(client).update(targetId, object as never, options);
    },
  };
}

/** Each registry's descriptor, less the `kind` its key already names. */
const DESCRIPTORS: { [K in AdminKind]: Omit<KindDescriptor, 'kind'> } = {
  mcpServers: {
    label: 'MCP server',
    identity: 'server_name',
    idField: 'server_id',
    volatile: [...STAMPS, 'server_id', 'status', 'last_health_check', 'health_check_error', 'teams'],
    list: (client, options) => client.mcpServers.list({}, options),
    ...writesByBody((client) => client.mcpServers, 'server_id'),
  },
  guardrails: {
    label: 'guardrail',
    identity: 'guardrail_name',
    idField: 'guardrail_id',
    volatile: [...STAMPS, 'guardrail_id', 'guardrail_definition_location'],
    list: async (client, options) => (await client.guardrails.list(options)).guardrails,
    ...writesById((client) => client.guardrails),
    readOnly: (item) =>
      item.guardrail_definition_location === 'config'
        ? 'defined in the worker config file; not editable through the API'
        : undefined,
  },
  vectorStores: {
    label: 'vector store',
    identity: 'vector_store_id',
    idField: 'vector_store_id',
    volatile: STAMPS,
    list: (client, options) => client.vectorStores.list(options),
    ...writesByBody((client) => client.vectorStores, 'vector_store_id'),
  },
  agents: {
    label: 'agent',
    identity: 'agent_name',
    idField: 'agent_id',
    volatile: [...STAMPS, 'agent_id'],
    list: (client, options) => client.agents.list(options),
    ...writesById((client) => client.agents),
  },
  prompts: {
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
    label: 'search tool',
    identity: 'search_tool_name',
    idField: 'search_tool_id',
    volatile: [...STAMPS, 'search_tool_id'],
    list: async (client, options) => (await client.searchTools.list(options)).data,
    ...writesById((client) => client.searchTools),
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
  const descriptor = (DESCRIPTORS as Record<string, Omit<KindDescriptor, 'kind'> | undefined>)[kind];
  if (!descriptor)
    throw new TypeError(`Unknown admin object kind '${kind}'; expected one of ${ADMIN_KINDS.join(', ')}`);
  return { kind: kind as AdminKind, ...descriptor };
}
