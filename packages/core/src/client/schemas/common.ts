import { z } from 'zod';

/** The types of LiteLLM's optional fields, nullable too: LiteLLM sends `null` for unset fields and omits others. */
export const nullish = {
  string: z.string().nullish(),
  number: z.number().nullish(),
  boolean: z.boolean().nullish(),
  stringArray: z.array(z.string()).nullish(),
  record: z.record(z.string(), z.unknown()).nullish(),
};

/** The counters of LiteLLM's numbered-page envelope (`/v2/team/list`, `/user/list`, `/spend/logs/ui`). */
const pageEnvelopeFields = {
  total: nullish.number,
  page: nullish.number,
  page_size: nullish.number,
  total_pages: nullish.number,
};

/** The counters of LiteLLM's counted-page envelope (`/key/list`, `/v2/model/info`, `/vector_store/list`). */
const countedPageFields = {
  total_count: nullish.number,
  current_page: nullish.number,
  total_pages: nullish.number,
};

/** A numbered page of `field` (`/v2/team/list`, `/user/list`, `/spend/logs/ui`): its items and counters. */
export function numberedPageSchema<const F extends string, T extends z.ZodType>(field: F, item: T) {
  const shape = { [field]: z.array(item), ...pageEnvelopeFields };
  return z.looseObject(shape as Record<F, z.ZodArray<T>> & typeof pageEnvelopeFields);
}

/** A counted page of `field` (`/key/list`, `/v2/model/info`, `/vector_store/list`): its items and counters. */
export function countedPageSchema<const F extends string, T extends z.ZodType>(field: F, item: T) {
  const shape = { [field]: z.array(item), ...countedPageFields };
  return z.looseObject(shape as Record<F, z.ZodArray<T>> & typeof countedPageFields);
}

/** The stamps on a row of LiteLLM's admin registries (credentials, guardrails, prompts, search tools, …). */
export const timestampFields = { created_at: nullish.string, updated_at: nullish.string };

/**
 * The columns LiteLLM's guardrail and search tool tables share (`LiteLLM_GuardrailsTable`,
 * `LiteLLM_SearchToolsTable`): `<prefix>_id`, `<prefix>_name`, `litellm_params` (secrets in it masked by
 * the worker), `<prefix>_info` and the timestamps.
 */
type ParamsTableShape<P extends string, S extends z.ZodType> = Record<`${P}_id`, typeof nullish.string> &
  Record<`${P}_name`, z.ZodString> &
  Record<`${P}_info`, typeof nullish.record> & {
    litellm_params: z.ZodOptional<z.ZodNullable<S>>;
  } & typeof timestampFields;

export function paramsTableFields<const P extends string, S extends z.ZodType>(
  prefix: P,
  params: S,
): ParamsTableShape<P, S> {
  const fields = {
    [`${prefix}_id`]: nullish.string,
    [`${prefix}_name`]: z.string(),
    litellm_params: params.nullish(),
    [`${prefix}_info`]: nullish.record,
    ...timestampFields,
  };
  return fields as ParamsTableShape<P, S>;
}

/** LiteLLM's `LiteLLM_ObjectPermissionTable`: MCP, vector store and agent access of a key/team/user/org/customer. */
export const ObjectPermissionSchema = z.looseObject({
  object_permission_id: nullish.string,
  mcp_servers: nullish.stringArray,
  mcp_access_groups: nullish.stringArray,
  mcp_tool_permissions: z.record(z.string(), z.array(z.string())).nullish(),
  vector_stores: nullish.stringArray,
  agents: nullish.stringArray,
  agent_access_groups: nullish.stringArray,
  mcp_toolsets: nullish.stringArray,
  blocked_tools: nullish.stringArray,
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
