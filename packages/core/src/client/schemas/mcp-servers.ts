import { z } from 'zod';
import type { OpenRecord } from './common.js';
import { nullish, timestampFields } from './common.js';

/** A row of LiteLLM's `LiteLLM_MCPServerTable` as `/v1/mcp/server` answers it (credentials sanitised). */
export const McpServerSchema = z.looseObject({
  server_id: z.string(),
  server_name: nullish.string,
  alias: nullish.string,
  description: nullish.string,
  url: nullish.string,
  transport: nullish.string,
  spec_version: nullish.string,
  auth_type: nullish.string,
  mcp_info: nullish.record,
  mcp_access_groups: nullish.stringArray,
  allowed_tools: nullish.stringArray,
  extra_headers: nullish.stringArray,
  status: nullish.string,
  last_health_check: nullish.string,
  health_check_error: nullish.string,
  created_at: nullish.string,
  created_by: nullish.string,
  updated_at: nullish.string,
  updated_by: nullish.string,
});
export type McpServer = z.infer<typeof McpServerSchema>;
export const McpServerListSchema = z.array(McpServerSchema);

/** One entry of `GET /v1/mcp/server/health`. */
export const McpServerHealthSchema = z.looseObject({
  server_id: z.string(),
  status: nullish.string,
  last_health_check: nullish.string,
  error: nullish.string,
});
export type McpServerHealth = z.infer<typeof McpServerHealthSchema>;
export const McpServerHealthListSchema = z.array(McpServerHealthSchema);

/** `/v1/mcp/toolset`: a named selection of tools across MCP servers. */
export const McpToolsetSchema = z.looseObject({
  toolset_id: z.string(),
  toolset_name: nullish.string,
  description: nullish.string,
  tools: z.array(z.looseObject({ server_id: nullish.string, tool_name: nullish.string })).nullish(),
  ...timestampFields,
});
export type McpToolset = z.infer<typeof McpToolsetSchema>;
export const McpToolsetListSchema = z.array(McpToolsetSchema);

export type McpServerRequest = OpenRecord & {
  server_name?: string;
  alias?: string;
  description?: string;
  url?: string;
  transport?: string;
  auth_type?: string;
  mcp_access_groups?: string[];
  allowed_tools?: string[];
};
export type UpdateMcpServerRequest = McpServerRequest & { server_id: string };
export type McpToolsetRequest = OpenRecord & {
  toolset_name: string;
  description?: string;
  tools?: { server_id: string; tool_name: string }[];
};
export type UpdateMcpToolsetRequest = Partial<McpToolsetRequest> & { toolset_id: string };
