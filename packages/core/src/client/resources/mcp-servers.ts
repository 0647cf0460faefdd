import { path } from '../path.js';
import type {
  McpServer,
  McpServerHealth,
  McpServerRequest,
  McpToolset,
  McpToolsetRequest,
  UpdateMcpServerRequest,
  UpdateMcpToolsetRequest,
} from '../schemas/mcp-servers.js';
import {
  McpServerHealthListSchema,
  McpServerListSchema,
  McpServerSchema,
  McpToolsetListSchema,
  McpToolsetSchema,
} from '../schemas/mcp-servers.js';
import type { CallOptions, Transport } from '../transport.js';
import { createFeatureCaller, deleteByRoute } from './feature.js';

export interface McpServersResource {
  list(params?: { team_id?: string }, options?: CallOptions): Promise<McpServer[]>;
  get(serverId: string, options?: CallOptions): Promise<McpServer>;
  create(body: McpServerRequest, options?: CallOptions): Promise<McpServer>;
  update(body: UpdateMcpServerRequest, options?: CallOptions): Promise<McpServer>;
  delete(serverId: string, options?: CallOptions): Promise<void>;
  /** Health of the named servers, or of every server. */
  health(serverIds?: string[], options?: CallOptions): Promise<McpServerHealth[]>;
  listToolsets(options?: CallOptions): Promise<McpToolset[]>;
  createToolset(body: McpToolsetRequest, options?: CallOptions): Promise<McpToolset>;
  updateToolset(body: UpdateMcpToolsetRequest, options?: CallOptions): Promise<McpToolset>;
  deleteToolset(toolsetId: string, options?: CallOptions): Promise<void>;
}

export function createMcpServersResource(transport: Transport): McpServersResource {
  const call = createFeatureCaller(transport, 'mcpServers');
  const toolsets = createFeatureCaller(transport, 'mcpToolsets');
  return {
    /** GET /v1/mcp/server */
    list: (params = {}, options) =>
      call({ method: 'GET', path: '/v1/mcp/server', query: params }, McpServerListSchema, options),
    /** GET /v1/mcp/server/{server_id} */
    get: (serverId, options) =>
      call(
        { method: 'GET', path: path`/v1/mcp/server/${serverId}`, route: '/v1/mcp/server/{server_id}' },
        McpServerSchema,
        options,
      ),
    /** POST /v1/mcp/server (201) */
    create: (body, options) =>
      call({ method: 'POST', path: '/v1/mcp/server', body }, McpServerSchema, options),
    /** PUT /v1/mcp/server (202) */
    update: (body, options) =>
      call({ method: 'PUT', path: '/v1/mcp/server', body }, McpServerSchema, options),
    /** DELETE /v1/mcp/server/{server_id} (202, no body) */
    delete: async (serverId, options) => {
      await deleteByRoute(call, '/v1/mcp/server/{server_id}', serverId, options);
    },
    /** GET /v1/mcp/server/health?server_ids=… */
    health: (serverIds, options) =>
      call(
        { method: 'GET', path: '/v1/mcp/server/health', query: { server_ids: serverIds } },
        McpServerHealthListSchema,
        options,
      ),
    /** GET /v1/mcp/toolset */
    listToolsets: (options) =>
      toolsets({ method: 'GET', path: '/v1/mcp/toolset' }, McpToolsetListSchema, options),
    /** POST /v1/mcp/toolset */
    createToolset: (body, options) =>
      toolsets({ method: 'POST', path: '/v1/mcp/toolset', body }, McpToolsetSchema, options),
    /** PUT /v1/mcp/toolset */
    updateToolset: (body, options) =>
      toolsets({ method: 'PUT', path: '/v1/mcp/toolset', body }, McpToolsetSchema, options),
    /** DELETE /v1/mcp/toolset/{toolset_id} */
    deleteToolset: async (toolsetId, options) => {
      await deleteByRoute(toolsets, '/v1/mcp/toolset/{toolset_id}', toolsetId, options);
    },
  };
}
