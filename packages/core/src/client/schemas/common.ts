import { z } from 'zod';

/** Optional and nullable: LiteLLM sends `null` for unset fields and omits others. */
export const optionalString = z.string().nullish();
export const optionalNumber = z.number().nullish();
export const optionalBoolean = z.boolean().nullish();
export const optionalStringArray = z.array(z.string()).nullish();
export const optionalRecord = z.record(z.string(), z.unknown()).nullish();

/** The counters of LiteLLM's numbered-page envelope (`/v2/team/list`, `/user/list`, `/spend/logs/ui`). */
export const pageEnvelopeFields = {
  total: optionalNumber,
  page: optionalNumber,
  page_size: optionalNumber,
  total_pages: optionalNumber,
};

/** LiteLLM's `LiteLLM_ObjectPermissionTable`: MCP, vector store and agent access of a key/team/user/org/customer. */
export const ObjectPermissionSchema = z.looseObject({
  object_permission_id: optionalString,
  mcp_servers: optionalStringArray,
  mcp_access_groups: optionalStringArray,
  mcp_tool_permissions: z.record(z.string(), z.array(z.string())).nullish(),
  vector_stores: optionalStringArray,
  agents: optionalStringArray,
  agent_access_groups: optionalStringArray,
  mcp_toolsets: optionalStringArray,
  blocked_tools: optionalStringArray,
});

/** Any JSON object, unknown fields kept; used where LiteLLM's shape is not pinned. */
export const AnyObjectSchema = z.looseObject({});
export type AnyObject = z.infer<typeof AnyObjectSchema>;

/** Request bodies are typed on the known fields and accept any other field LiteLLM adds. */
export type OpenRecord = { [field: string]: unknown };

export const MessageResponseSchema = z.looseObject({ message: z.string() });
export type MessageResponse = z.infer<typeof MessageResponseSchema>;

/** Bodies of a few delete endpoints are opaque database results. */
export const UnknownResponseSchema = z.unknown();
