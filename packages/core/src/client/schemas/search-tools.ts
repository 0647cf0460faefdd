import { z } from 'zod';
import { type OpenRecord, optionalRecord, optionalString } from './common.js';

/** LiteLLM's `SearchTool`: a configured search provider; `litellm_params.api_key` comes back masked. */
export const SearchToolSchema = z.looseObject({
  search_tool_id: optionalString,
  search_tool_name: z.string(),
  litellm_params: z.looseObject({ search_provider: optionalString }).nullish(),
  search_tool_info: optionalRecord,
  created_at: optionalString,
  updated_at: optionalString,
});
export type SearchTool = z.infer<typeof SearchToolSchema>;
export const SearchToolListSchema = z.looseObject({
  object: optionalString,
  data: z.array(SearchToolSchema),
});
export type SearchToolList = z.infer<typeof SearchToolListSchema>;

export type SearchToolRequest = OpenRecord & {
  search_tool_name: string;
  litellm_params: OpenRecord & { search_provider: string };
  search_tool_info?: OpenRecord;
};
