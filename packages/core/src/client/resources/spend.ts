import type {
  DailyActivityParams,
  DailyActivityResponse,
  SpendLogPage,
  SpendLogParams,
  SpendReport,
  SpendReportParams,
} from '../schemas/spend.js';
import { DailyActivityResponseSchema, SpendLogPageSchema, SpendReportSchema } from '../schemas/spend.js';
import type { CallOptions, Transport } from '../transport.js';

export interface SpendResource {
  logs(params: SpendLogParams, options?: CallOptions): Promise<SpendLogPage>;
  report(params: SpendReportParams, options?: CallOptions): Promise<SpendReport>;
  dailyActivity(params: DailyActivityParams, options?: CallOptions): Promise<DailyActivityResponse>;
  teamDailyActivity(params: DailyActivityParams, options?: CallOptions): Promise<DailyActivityResponse>;
}

export function createSpendResource(transport: Transport): SpendResource {
  return {
    /** GET /spend/logs/ui (paginated). */
    logs: (params: SpendLogParams, options?: CallOptions) =>
      transport.call({ method: 'GET', path: '/spend/logs/ui', query: params }, SpendLogPageSchema, options),
    /** GET /global/spend/report (enterprise on LiteLLM). */
    report: (params: SpendReportParams, options?: CallOptions) =>
      transport.call(
        { method: 'GET', path: '/global/spend/report', query: params },
        SpendReportSchema,
        options,
      ),
    /** GET /user/daily/activity */
    dailyActivity: (params: DailyActivityParams, options?: CallOptions) =>
      transport.call(
        { method: 'GET', path: '/user/daily/activity', query: params },
        DailyActivityResponseSchema,
        options,
      ),
    /** GET /team/daily/activity */
    teamDailyActivity: (params: DailyActivityParams, options?: CallOptions) =>
      transport.call(
        { method: 'GET', path: '/team/daily/activity', query: params },
        DailyActivityResponseSchema,
        options,
      ),
  };
}
