import type { AdminRecord, RegistrySpec } from '../domain/admin-objects.js';
import {
  allRecords,
  createRecord,
  readEnveloped,
  recordFromPath,
  removeFromPath,
  replaceFromPath,
  withMaskedParams,
} from '../domain/admin-objects.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import { detailError } from '../http/errors.js';
import { isJsonObject } from '../http/validate.js';

const SEARCH_TOOLS: RegistrySpec = {
  collection: 'searchTools',
  label: 'Search tool',
  idField: 'search_tool_id',
  nameField: 'search_tool_name',
  generatedId: true,
};
const PROVIDERS = [
  'perplexity',
  'tavily',
  'exa_ai',
  'brave',
  'google_pse',
  'dataforseo',
  'firecrawl',
  'searxng',
];

function readSearchTool(body: unknown): AdminRecord {
  const { fields, params } = readEnveloped(body, 'search_tool', 'search_tool_name');
  const provider = isJsonObject(params) ? params.search_provider : undefined;
  if (typeof provider !== 'string' || !PROVIDERS.includes(provider)) {
    throw detailError(400, `litellm_params.search_provider must be one of ${PROVIDERS.join(', ')}`);
  }
  return fields;
}

function list(context: RequestContext): unknown {
  return { object: 'list', data: allRecords(context, 'searchTools').map(withMaskedParams) };
}

function get(context: RequestContext): unknown {
  return withMaskedParams(recordFromPath(context, SEARCH_TOOLS));
}

function create(context: RequestContext): unknown {
  return withMaskedParams(createRecord(context, SEARCH_TOOLS, () => readSearchTool(context.body)));
}

function update(context: RequestContext): unknown {
  return withMaskedParams(replaceFromPath(context, SEARCH_TOOLS, readSearchTool(context.body)));
}

function remove(context: RequestContext): unknown {
  const record = removeFromPath(context, SEARCH_TOOLS);
  return { message: `Search tool ${String(record.search_tool_name)} deleted successfully` };
}

export const searchToolRoutes: RouteDefinition[] = [
  route('GET', '/search_tools/list', 'viewer', list),
  route('GET', '/search_tools/{search_tool_id}', 'viewer', get),
  route('POST', '/search_tools', 'admin', create),
  route('PUT', '/search_tools/{search_tool_id}', 'admin', update),
  route('DELETE', '/search_tools/{search_tool_id}', 'admin', remove),
];
