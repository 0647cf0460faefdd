import type { AdminItem, ObjectKind } from '../../api/objects.js';
import { asRecord } from '../../app/format.js';

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

/** A column's value: a field path (`url`, `litellm_params.mode`) or a function of the item. */
type ColumnSource = string | ((item: AdminItem) => unknown);

/** Reads `a.b.c` from an item; a missing or non-object step gives undefined. */
function fieldAt(item: AdminItem, path: string): unknown {
  return path.split('.').reduce<unknown>((value, step) => asRecord(value)[step], item);
}

/** One kind's view from its names and `{ header: source }` columns, in display order. */
function kindView(
  kind: ObjectKind,
  singular: string,
  identity: string,
  columns: Record<string, ColumnSource>,
): KindView {
  return {
    kind,
    singular,
    plural: `${singular}s`,
    identity,
    columns: Object.entries(columns).map(([header, source]) => ({
      header,
      value: typeof source === 'string' ? (item) => fieldAt(item, source) : source,
    })),
  };
}

export const KIND_VIEWS: Record<ObjectKind, KindView> = {
  mcpServers: kindView('mcpServers', 'MCP server', 'server_name', {
    URL: 'url',
    Transport: 'transport',
    'Allowed tools': 'allowed_tools',
    'Access groups': 'mcp_access_groups',
    Status: 'status',
  }),
  guardrails: kindView('guardrails', 'guardrail', 'guardrail_name', {
    Provider: 'litellm_params.guardrail',
    Mode: 'litellm_params.mode',
    'On by default': 'litellm_params.default_on',
    'Defined in': 'guardrail_definition_location',
  }),
  vectorStores: kindView('vectorStores', 'vector store', 'vector_store_id', {
    Name: 'vector_store_name',
    Provider: 'custom_llm_provider',
    Description: 'vector_store_description',
  }),
  agents: kindView('agents', 'agent', 'agent_name', {
    Description: 'agent_card_params.description',
    URL: 'agent_card_params.url',
    Model: 'litellm_params.model',
  }),
  prompts: kindView('prompts', 'prompt', 'prompt_id', {
    Integration: 'litellm_params.prompt_integration',
    'Stored in': 'prompt_info.prompt_type',
  }),
  tags: kindView('tags', 'tag', 'name', {
    Description: 'description',
    Models: 'models',
    'Max budget': 'litellm_budget_table.max_budget',
  }),
  credentials: kindView('credentials', 'credential', 'credential_name', {
    Provider: 'credential_info.custom_llm_provider',
    Description: 'credential_info.description',
    // Only the names: the values are secrets.
    Values: (item) => Object.keys(asRecord(item.credential_values)),
  }),
  searchTools: kindView('searchTools', 'search tool', 'search_tool_name', {
    Provider: 'litellm_params.search_provider',
    Description: 'search_tool_info.description',
  }),
};

export const OBJECT_KINDS = Object.keys(KIND_VIEWS) as ObjectKind[];

export function nameOf(view: KindView, item: AdminItem): string {
  const name = item[view.identity];
  return typeof name === 'string' ? name : '';
}
