import {
  type AdminRecord,
  insertRecord,
  masked,
  type RegistrySpec,
  replaceRecord,
  requireFeature,
  requireRecord,
} from '../domain/admin-objects.js';
import { type RequestContext, type RouteDefinition, route } from '../http/context.js';
import { detailError } from '../http/errors.js';
import { BodyReader, isJsonObject } from '../http/validate.js';
import { generateId } from '../store/identifiers.js';

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

function present(record: AdminRecord): AdminRecord {
  return { ...record, litellm_params: masked(record.litellm_params) };
}

function readSearchTool(body: unknown): AdminRecord {
  const outer = new BodyReader(body);
  const tool = outer.object('search_tool');
  outer.done();
  const reader = new BodyReader(tool ?? undefined);
  reader.requiredString('search_tool_name');
  const params = reader.object('litellm_params');
  reader.object('search_tool_info');
  reader.done();
  const provider = isJsonObject(params) ? params.search_provider : undefined;
  if (typeof provider !== 'string' || !PROVIDERS.includes(provider)) {
    throw detailError(400, `litellm_params.search_provider must be one of ${PROVIDERS.join(', ')}`);
  }
  return { search_tool_info: {}, ...reader.body };
}

function list(context: RequestContext): unknown {
  return { object: 'list', data: [...requireFeature(context, 'searchTools').values()].map(present) };
}

function get(context: RequestContext): unknown {
  return present(requireRecord(requireFeature(context, 'searchTools'), SEARCH_TOOLS, context.params[0]!));
}

function create(context: RequestContext): unknown {
  const records = requireFeature(context, 'searchTools');
  return present(insertRecord(context, records, SEARCH_TOOLS, readSearchTool(context.body), generateId));
}

function update(context: RequestContext): unknown {
  const records = requireFeature(context, 'searchTools');
  const record = requireRecord(records, SEARCH_TOOLS, context.params[0]!);
  return present(replaceRecord(context, records, SEARCH_TOOLS, record, readSearchTool(context.body)));
}

function remove(context: RequestContext): unknown {
  const records = requireFeature(context, 'searchTools');
  const record = requireRecord(records, SEARCH_TOOLS, context.params[0]!);
  records.delete(context.params[0]!);
  return { message: `Search tool ${String(record.search_tool_name)} deleted successfully` };
}

export const searchToolRoutes: RouteDefinition[] = [
  route('GET', '/search_tools/list', 'viewer', list),
  route('GET', '/search_tools/{search_tool_id}', 'viewer', get),
  route('POST', '/search_tools', 'admin', create),
  route('PUT', '/search_tools/{search_tool_id}', 'admin', update),
  route('DELETE', '/search_tools/{search_tool_id}', 'admin', remove),
];
