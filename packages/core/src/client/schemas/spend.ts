import { z } from 'zod';
import { nullish, numberedPageSchema } from './common.js';

export const SpendLogSchema = z.looseObject({
  request_id: nullish.string,
  call_type: nullish.string,
  api_key: nullish.string,
  spend: nullish.number,
  total_tokens: nullish.number,
  prompt_tokens: nullish.number,
  completion_tokens: nullish.number,
  startTime: nullish.string,
  endTime: nullish.string,
  model: nullish.string,
  model_group: nullish.string,
  user: nullish.string,
  end_user: nullish.string,
  team_id: nullish.string,
  organization_id: nullish.string,
  metadata: nullish.record,
  status: nullish.string,
});
export type SpendLog = z.infer<typeof SpendLogSchema>;

export const SpendLogPageSchema = numberedPageSchema('data', SpendLogSchema);
export type SpendLogPage = z.infer<typeof SpendLogPageSchema>;

/** /global/spend/report rows differ by `group_by`; only the array shape is pinned. */
export const SpendReportSchema = z.array(z.looseObject({}));
export type SpendReport = z.infer<typeof SpendReportSchema>;

const SpendMetricsSchema = z.looseObject({
  spend: nullish.number,
  prompt_tokens: nullish.number,
  completion_tokens: nullish.number,
  total_tokens: nullish.number,
  successful_requests: nullish.number,
  failed_requests: nullish.number,
  api_requests: nullish.number,
});

export const DailyActivityResponseSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      date: z.string(),
      metrics: SpendMetricsSchema.nullish(),
      breakdown: z.record(z.string(), z.unknown()).nullish(),
    }),
  ),
  metadata: z
    .looseObject({
      total_spend: nullish.number,
      total_tokens: nullish.number,
      total_api_requests: nullish.number,
      page: nullish.number,
      total_pages: nullish.number,
      has_more: z.boolean().nullish(),
    })
    .nullish(),
});
export type DailyActivityResponse = z.infer<typeof DailyActivityResponseSchema>;

type Filter = string | number | boolean | undefined;

export type SpendLogParams = {
  start_date: string;
  end_date: string;
  page?: number;
  page_size?: number;
  api_key?: string;
  user_id?: string;
  team_id?: string;
  model?: string;
  [filter: string]: Filter;
};
export type SpendReportParams = {
  start_date: string;
  end_date: string;
  group_by?: 'team' | 'customer' | 'api_key';
  [filter: string]: Filter;
};
export type DailyActivityParams = {
  start_date: string;
  end_date: string;
  page?: number;
  page_size?: number;
  model?: string;
  api_key?: string;
  [filter: string]: Filter;
};
