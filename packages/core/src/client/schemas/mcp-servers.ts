import { z } from 'zod';
import { type OpenRecord, optionalRecord, optionalString, optionalStringArray } from './common.js';

/** A row of LiteLLM's `LiteLLM_MCPServerTable` as `/v1/mcp/server` answers it (credentials sanitised). */
export const McpServerSchema = z.looseObject({
  server_id: z.string(),
  server_name: optionalString,
  alias: optionalString,
  description: optionalString,
  url: optionalString,
  transport: optionalString,
  spec_version: optionalString,
  auth_type: optionalString,
  mcp_info: optionalRecord,
  mcp_access_groups: optionalStringArray,
  allowed_tools: optionalStringArray,
  extra_headers: optionalStringArray,
  status: optionalString,
  last_health_check: optionalString,
  health_check_error: optionalString,
  created_at: optionalString,
  created_by: optionalString,
  updated_at: optionalString,
  updated_by: optionalString,
});
export type McpServer = z.infer<typeof McpServerSchema>;
export const McpServerListSchema = z.array(McpServerSchema);

/** One entry of `GET /v1/mcp/server/health`. */
export const McpServerHealthSchema = z.looseObject({
  server_id: z.string(),
  status: optionalString,
  last_health_check: optionalString,
  error: optionalString,
});
export type McpServerHealth = z.infer<typeof McpServerHealthSchema>;
export const McpServerHealthListSchema = z.array(McpServerHealthSchema);

/** `/v1/mcp/toolset`: a named selection of tools across MCP servers. */
export const McpToolsetSchema = z.looseObject({
  toolset_id: z.string(),
  toolset_name: optionalString,
  description: optionalString,
  tools: z.array(z.looseObject({ server_id: optionalString, tool_name: optionalString })).nullish(),
  created_at: optionalString,
  updated_at: optionalString,
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
