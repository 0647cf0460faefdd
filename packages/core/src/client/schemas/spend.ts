import { z } from 'zod';
import { optionalNumber, optionalRecord, optionalString, pageEnvelopeFields } from './common.js';

export const SpendLogSchema = z.looseObject({
  request_id: optionalString,
  call_type: optionalString,
  api_key: optionalString,
  spend: optionalNumber,
  total_tokens: optionalNumber,
  prompt_tokens: optionalNumber,
  completion_tokens: optionalNumber,
  startTime: optionalString,
  endTime: optionalString,
  model: optionalString,
  model_group: optionalString,
  user: optionalString,
  end_user: optionalString,
  team_id: optionalString,
  organization_id: optionalString,
  metadata: optionalRecord,
  status: optionalString,
});
export type SpendLog = z.infer<typeof SpendLogSchema>;

export const SpendLogPageSchema = z.looseObject({
  data: z.array(SpendLogSchema),
  ...pageEnvelopeFields,
});
export type SpendLogPage = z.infer<typeof SpendLogPageSchema>;

/** /global/spend/report rows differ by `group_by`; only the array shape is pinned. */
export const SpendReportSchema = z.array(z.looseObject({}));
export type SpendReport = z.infer<typeof SpendReportSchema>;

const SpendMetricsSchema = z.looseObject({
  spend: optionalNumber,
  prompt_tokens: optionalNumber,
  completion_tokens: optionalNumber,
  total_tokens: optionalNumber,
  successful_requests: optionalNumber,
  failed_requests: optionalNumber,
  api_requests: optionalNumber,
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
      total_spend: optionalNumber,
      total_tokens: optionalNumber,
      total_api_requests: optionalNumber,
      page: optionalNumber,
      total_pages: optionalNumber,
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
