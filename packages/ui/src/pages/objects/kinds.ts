import type { AdminItem, ObjectKind } from '../../api/objects.js';

type ObjectColumn = { header: string; value(item: AdminItem): unknown };

export type KindView = {
  kind: ObjectKind;
  /** Singular and plural, lower case: `guardrail`, `guardrails`. */
  singular: string;
  plural: string;
  /** The field naming an object across workers. */
  identity: string;
  columns: ObjectColumn[];
};

function nested(field: string, key: string) {
  return (item: AdminItem) => (item[field] as Record<string, unknown> | null | undefined)?.[key];
}

const field = (name: string) => (item: AdminItem) => item[name];

export const KIND_VIEWS: Record<ObjectKind, KindView> = {
  mcpServers: {
    kind: 'mcpServers',
    singular: 'MCP server',
    plural: 'MCP servers',
    identity: 'server_name',
    columns: [
      { header: 'URL', value: field('url') },
      { header: 'Transport', value: field('transport') },
      { header: 'Allowed tools', value: field('allowed_tools') },
      { header: 'Access groups', value: field('mcp_access_groups') },
      { header: 'Status', value: field('status') },
    ],
  },
  guardrails: {
    kind: 'guardrails',
    singular: 'guardrail',
    plural: 'guardrails',
    identity: 'guardrail_name',
    columns: [
      { header: 'Provider', value: nested('litellm_params', 'guardrail') },
      { header: 'Mode', value: nested('litellm_params', 'mode') },
      { header: 'On by default', value: nested('litellm_params', 'default_on') },
      { header: 'Defined in', value: field('guardrail_definition_location') },
    ],
  },
  vectorStores: {
    kind: 'vectorStores',
    singular: 'vector store',
    plural: 'vector stores',
    identity: 'vector_store_id',
    columns: [
      { header: 'Name', value: field('vector_store_name') },
      { header: 'Provider', value: field('custom_llm_provider') },
      { header: 'Description', value: field('vector_store_description') },
    ],
  },
  agents: {
    kind: 'agents',
    singular: 'agent',
    plural: 'agents',
    identity: 'agent_name',
    columns: [
      { header: 'Description', value: nested('agent_card_params', 'description') },
      { header: 'URL', value: nested('agent_card_params', 'url') },
      { header: 'Model', value: nested('litellm_params', 'model') },
    ],
  },
  prompts: {
    kind: 'prompts',
    singular: 'prompt',
    plural: 'prompts',
    identity: 'prompt_id',
    columns: [
      { header: 'Integration', value: nested('litellm_params', 'prompt_integration') },
      { header: 'Stored in', value: nested('prompt_info', 'prompt_type') },
    ],
  },
  tags: {
    kind: 'tags',
    singular: 'tag',
    plural: 'tags',
    identity: 'name',
    columns: [
      { header: 'Description', value: field('description') },
      { header: 'Models', value: field('models') },
      { header: 'Max budget', value: nested('litellm_budget_table', 'max_budget') },
    ],
  },
  credentials: {
    kind: 'credentials',
    singular: 'credential',
    plural: 'credentials',
    identity: 'credential_name',
    columns: [
      { header: 'Provider', value: nested('credential_info', 'custom_llm_provider') },
      { header: 'Description', value: nested('credential_info', 'description') },
      { header: 'Values', value: (item) => Object.keys((item.credential_values as object | null) ?? {}) },
    ],
  },
  searchTools: {
    kind: 'searchTools',
    singular: 'search tool',
    plural: 'search tools',
    identity: 'search_tool_name',
    columns: [
      { header: 'Provider', value: nested('litellm_params', 'search_provider') },
      { header: 'Description', value: nested('search_tool_info', 'description') },
    ],
  },
};

export const OBJECT_KINDS = Object.keys(KIND_VIEWS) as ObjectKind[];

export function nameOf(view: KindView, item: AdminItem): string {
  const name = item[view.identity];
  return typeof name === 'string' ? name : '';
}
