import { z } from 'zod';
import type { OpenRecord } from './common.js';
import { nullish, paramsTableFields } from './common.js';

/** LiteLLM's `SearchTool`: a configured search provider; `litellm_params.api_key` comes back masked. */
export const SearchToolSchema = z.looseObject(
  paramsTableFields('search_tool', z.looseObject({ search_provider: nullish.string })),
);
export type SearchTool = z.infer<typeof SearchToolSchema>;
export const SearchToolListSchema = z.looseObject({
  object: nullish.string,
  data: z.array(SearchToolSchema),
});
export type SearchToolList = z.infer<typeof SearchToolListSchema>;

export type SearchToolRequest = OpenRecord & {
  search_tool_name: string;
  litellm_params: OpenRecord & { search_provider: string };
  search_tool_info?: OpenRecord;
};
