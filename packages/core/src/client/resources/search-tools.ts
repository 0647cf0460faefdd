import { path } from '../path.js';
import type { SearchTool, SearchToolList, SearchToolRequest } from '../schemas/search-tools.js';
import { SearchToolListSchema, SearchToolSchema } from '../schemas/search-tools.js';
import type { CallOptions, Transport } from '../transport.js';
import { createFeatureCaller, deleteByRoute } from './feature.js';

/** Search tool configuration (`/search_tools*`); running a search (`/v1/search`) is not part of it. */
export interface SearchToolsResource {
  list(options?: CallOptions): Promise<SearchToolList>;
  get(searchToolId: string, options?: CallOptions): Promise<SearchTool>;
  create(searchTool: SearchToolRequest, options?: CallOptions): Promise<SearchTool>;
  update(searchToolId: string, searchTool: SearchToolRequest, options?: CallOptions): Promise<SearchTool>;
  delete(searchToolId: string, options?: CallOptions): Promise<void>;
}

const ITEM_ROUTE = '/search_tools/{search_tool_id}';

export function createSearchToolsResource(transport: Transport): SearchToolsResource {
  const call = createFeatureCaller(transport, 'searchTools');
  return {
    /** GET /search_tools/list */
    list: (options) => call({ method: 'GET', path: '/search_tools/list' }, SearchToolListSchema, options),
    /** GET /search_tools/{search_tool_id} */
    get: (searchToolId, options) =>
      call(
        { method: 'GET', path: path`/search_tools/${searchToolId}`, route: ITEM_ROUTE },
        SearchToolSchema,
        options,
      ),
    /** POST /search_tools { search_tool } */
    create: (searchTool, options) =>
      call(
        { method: 'POST', path: '/search_tools', body: { search_tool: searchTool } },
        SearchToolSchema,
        options,
      ),
    /** PUT /search_tools/{search_tool_id} { search_tool } */
    update: (searchToolId, searchTool, options) =>
      call(
        {
          method: 'PUT',
          path: path`/search_tools/${searchToolId}`,
          route: ITEM_ROUTE,
          body: { search_tool: searchTool },
        },
        SearchToolSchema,
        options,
      ),
    /** DELETE /search_tools/{search_tool_id} */
    delete: async (searchToolId, options) => {
      await deleteByRoute(call, ITEM_ROUTE, searchToolId, options);
    },
  };
}
