import { sortOrderParameter, sortRows } from '../domain/common.js';
import { canReadAll, isProxyAdmin } from '../http/auth.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import { NOT_PREMIUM_MESSAGE, proxyError, wrappedError } from '../http/errors.js';
import type { JsonObject } from '../http/validate.js';
import { paginate, queryBoolean, queryInteger, queryList } from '../http/validate.js';
import { hashToken } from '../store/identifiers.js';
import type { SpendLogRecord } from '../store/records.js';

const DAY_MS = 86_400_000;

/** Accepts `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` (UTC) and ISO strings; date-only ends include the whole day. */
function parseDateBoundary(value: string, end: boolean): number | null {
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    const start = Date.parse(`${trimmed}T00:00:00Z`);
    return Number.isNaN(start) ? null : end ? start + DAY_MS - 1 : start;
  }
  const normalised = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(trimmed)
    ? `${trimmed.replace(' ', 'T')}Z`
    : trimmed;
  const parsed = Date.parse(normalised);
  return Number.isNaN(parsed) ? null : parsed;
}

type DateRange = { start: number; end: number };

/** The `start_date`/`end_date` range; when absent, throws `missing()` if given, else returns null. */
function dateRange(context: RequestContext, missing?: () => Error): DateRange | null {
  const startText = context.query.get('start_date');
  const endText = context.query.get('end_date');
  if (!startText || !endText) {
    if (missing) throw missing();
    return null;
  }
  const start = parseDateBoundary(startText, false);
  const end = parseDateBoundary(endText, true);
  if (start === null || end === null) {
    throw proxyError(
      400,
      `Invalid date format. Use YYYY-MM-DD. Received start_date=${startText}, end_date=${endText}`,
      'bad_request',
      'start_date',
    );
  }
  return { start, end };
}

function inRange(row: SpendLogRecord, range: DateRange | null): boolean {
  if (!range) return true;
  const time = Date.parse(row.startTime);
  return time >= range.start && time <= range.end;
}

/** Rows the caller may see: admins everything; others their own user/key and teams they administer. */
function visibleLogs(context: RequestContext): SpendLogRecord[] {
  const { principal, state } = context;
  if (canReadAll(principal)) return state.spendLogs;
  return state.spendLogs.filter(
    (row) =>
      row.api_key === principal.token ||
      (principal.userId !== null && row.user === principal.userId) ||
      state.isTeamAdmin(row.team_id, principal.userId),
  );
}

function dayOf(time: string, offsetMinutes = 0): string {
  return new Date(Date.parse(time) - offsetMinutes * 60_000).toISOString().slice(0, 10);
}

function legacyLogs(context: RequestContext): unknown {
  const { query, principal } = context;
  const apiKey = query.get('api_key');
  let userId = query.get('user_id');
  if (!canReadAll(principal)) userId = principal.userId;
  const requestId = query.get('request_id');
  const summarize = queryBoolean(query, 'summarize', true);
  const range = dateRange(context);
  let rows = visibleLogs(context);
  if (requestId) return rows.filter((row) => row.request_id === requestId);
  if (apiKey) {
    const token = apiKey.startsWith('sk-') ? hashToken(apiKey) : apiKey;
    rows = rows.filter((row) => row.api_key === token);
  }
  if (userId) rows = rows.filter((row) => row.user === userId);
  if (!range) return rows;
  rows = rows.filter((row) => inRange(row, range));
  if (!summarize) return [...rows].sort((left, right) => right.startTime.localeCompare(left.startTime));
  const days = new Map<string, JsonObject>();
  for (let time = range.start; time <= range.end; time += DAY_MS) {
    const day = new Date(time).toISOString().slice(0, 10);
    days.set(day, { startTime: day, spend: 0, users: {}, models: {} });
  }
  for (const row of rows) {
    const entry = days.get(dayOf(row.startTime));
    if (!entry) continue;
    entry.spend = (entry.spend as number) + row.spend;
    entry[row.api_key] = ((entry[row.api_key] as number | undefined) ?? 0) + row.spend;
    const users = entry.users as Record<string, number>;
    users[row.user] = (users[row.user] ?? 0) + row.spend;
    const models = entry.models as Record<string, number>;
    models[row.model] = (models[row.model] ?? 0) + row.spend;
  }
  return [...days.values()];
}

const LOG_SORT_FIELDS = [
  'startTime',
  'spend',
  'total_tokens',
  'endTime',
  'request_duration_ms',
  'model',
  'ttft_ms',
];

function uiLogs(context: RequestContext): unknown {
  const { query } = context;
  const range = dateRange(context, () =>
    proxyError(400, 'Start date and end date are required', 'bad_request', 'None'),
  )!;
  const page = queryInteger(query, 'page', 1, { min: 1 });
  const pageSize = queryInteger(query, 'page_size', 50, { min: 1, max: 1000 });
  const sortBy = query.get('sort_by') ?? 'startTime';
  if (!LOG_SORT_FIELDS.includes(sortBy)) {
    throw proxyError(
      400,
      `Invalid sort_by: ${sortBy}. Must be one of ${LOG_SORT_FIELDS.join(', ')}`,
      'bad_request',
      'sort_by',
    );
  }
  const sortOrder = sortOrderParameter(query, 'desc');
  const apiKey = query.get('api_key');
  const token = apiKey ? (apiKey.startsWith('sk-') ? hashToken(apiKey) : apiKey) : null;
  const filters: [string, (row: SpendLogRecord, value: string) => boolean][] = [
    ['user_id', (row, value) => row.user === value],
    ['request_id', (row, value) => row.request_id === value],
    ['session_id', (row, value) => row.session_id === value],
    ['team_id', (row, value) => row.team_id === value],
    ['model', (row, value) => row.model === value || row.model_group === value],
    ['model_id', (row, value) => row.model_id === value],
    ['model_group', (row, value) => row.model_group === value],
    ['key_alias', (row, value) => row.metadata.user_api_key_alias === value],
    ['end_user', (row, value) => row.end_user === value],
    ['status_filter', (row, value) => row.status === value],
    ['min_spend', (row, value) => row.spend >= Number(value)],
    ['max_spend', (row, value) => row.spend <= Number(value)],
    [
      'error_code',
      (row, value) =>
        String((row.metadata.error_information as JsonObject | null)?.error_code ?? '') === value,
    ],
    [
      'error_message',
      (row, value) =>
        String((row.metadata.error_information as JsonObject | null)?.error_message ?? '')
          .toLowerCase()
          .includes(value.toLowerCase()),
    ],
  ];
  const active = filters
    .map(([name, predicate]) => [query.get(name), predicate] as const)
    .filter(([value]) => value !== null && value !== '');
  const rows = visibleLogs(context).filter(
    (row) =>
      inRange(row, range) &&
      (!token || row.api_key === token) &&
      active.every(([value, predicate]) => predicate(row, value!)),
  );
  const sorted = sortRows([...rows], sortBy, sortOrder);
  const result = paginate(sorted, page, pageSize);
  return {
    data: result.items,
    total: result.total,
    page,
    page_size: pageSize,
    total_pages: result.totalPages,
  };
}

function logDetail(context: RequestContext): unknown {
  const requestId = context.params[0];
  const row = visibleLogs(context).find((item) => item.request_id === requestId);
  return row
    ? { messages: row.messages, response: row.response, proxy_server_request: row.proxy_server_request }
    : null;
}

function sessionLogs(context: RequestContext): unknown {
  const sessionId = context.query.get('session_id');
  const rows = visibleLogs(context).filter((row) => row.session_id === sessionId);
  return {
    data: rows,
    total: rows.length,
    page: 1,
    page_size: rows.length,
    total_pages: rows.length > 0 ? 1 : 0,
  };
}

function report(context: RequestContext): unknown {
  if (!context.settings.premium) throw wrappedError(400, `/spend/report endpoint ${NOT_PREMIUM_MESSAGE}`);
  const range = dateRange(context, () => wrappedError(400, 'Please provide start_date and end_date'))!;
  const { query, state } = context;
  const groupBy = query.get('group_by') ?? 'team';
  const apiKey = query.get('api_key');
  const token = apiKey ? (apiKey.startsWith('sk-') ? hashToken(apiKey) : apiKey) : null;
  const userId = query.get('internal_user_id');
  const teamId = query.get('team_id');
  const customerId = query.get('customer_id');
  const rows = state.spendLogs.filter(
    (row) =>
      inRange(row, range) &&
      (!token || row.api_key === token) &&
      (!userId || row.user === userId) &&
      (!teamId || row.team_id === teamId) &&
      (!customerId || row.end_user === customerId),
  );
  if (groupBy === 'api_key' || token || userId || teamId || customerId) {
    const byKey = new Map<string, JsonObject & { model_details: Map<string, JsonObject> }>();
    for (const row of rows) {
      const entry =
        byKey.get(row.api_key) ??
        ({
          api_key: row.api_key,
          total_cost: 0,
          total_input_tokens: 0,
          total_output_tokens: 0,
          model_details: new Map(),
        } as JsonObject & {
          model_details: Map<string, JsonObject>;
        });
      entry.total_cost = (entry.total_cost as number) + row.spend;
      entry.total_input_tokens = (entry.total_input_tokens as number) + row.prompt_tokens;
      entry.total_output_tokens = (entry.total_output_tokens as number) + row.completion_tokens;
      const model = entry.model_details.get(row.model) ?? {
        model: row.model,
        total_cost: 0,
        total_input_tokens: 0,
        total_output_tokens: 0,
      };
      model.total_cost = (model.total_cost as number) + row.spend;
      model.total_input_tokens = (model.total_input_tokens as number) + row.prompt_tokens;
      model.total_output_tokens = (model.total_output_tokens as number) + row.completion_tokens;
      entry.model_details.set(row.model, model);
      byKey.set(row.api_key, entry);
    }
    return [...byKey.values()].map((entry) => ({
      ...entry,
      model_details: [...entry.model_details.values()],
    }));
  }
  const days = new Map<string, Map<string, { spend: number; metadata: Map<string, JsonObject> }>>();
  for (const row of rows) {
    const day = dayOf(row.startTime);
    const group =
      groupBy === 'customer'
        ? row.end_user || 'Unassigned Customer'
        : ((row.team_id ? state.teams.get(row.team_id)?.team_alias : undefined) ??
          row.team_id ??
          'Unassigned Team');
    const byGroup = days.get(day) ?? new Map();
    const entry = byGroup.get(group) ?? { spend: 0, metadata: new Map<string, JsonObject>() };
    entry.spend += row.spend;
    const detailKey = `${row.model}\u0000${row.api_key}`;
    const detail = entry.metadata.get(detailKey) ?? {
      model: row.model,
      api_key: row.api_key,
      spend: 0,
      total_tokens: 0,
    };
    detail.spend = (detail.spend as number) + row.spend;
    detail.total_tokens = (detail.total_tokens as number) + row.total_tokens;
    entry.metadata.set(detailKey, detail);
    byGroup.set(group, entry);
    days.set(day, byGroup);
  }
  return [...days.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([day, groups]) => ({
      group_by_day: day,
      [groupBy === 'customer' ? 'customers' : 'teams']: [...groups.entries()].map(([name, entry]) => ({
        [groupBy === 'customer' ? 'customer' : 'team_name']: name,
        total_spend: entry.spend,
        metadata: [...entry.metadata.values()],
      })),
    }));
}

function globalSpend(context: RequestContext): unknown {
  const spend = context.state.spendLogs.reduce((total, row) => total + row.spend, 0);
  return { spend, max_budget: null };
}

function spendByKey(context: RequestContext): unknown {
  const limit = queryInteger(context.query, 'limit', 10, { min: 1 });
  const since = context.now - 30 * DAY_MS;
  const totals = new Map<string, number>();
  for (const row of visibleLogs(context)) {
    if (Date.parse(row.startTime) >= since)
      totals.set(row.api_key, (totals.get(row.api_key) ?? 0) + row.spend);
  }
  return [...totals.entries()]
    .sort((left, right) => right[1] - left[1])
    .slice(0, limit)
    .map(([token, total]) => {
      const key = context.state.keys.get(token);
      return {
        api_key: token,
        key_alias: key?.key_alias ?? null,
        key_name: key?.key_name ?? null,
        total_spend: total,
      };
    });
}

function spendByModel(context: RequestContext): unknown {
  const limit = queryInteger(context.query, 'limit', 10, { min: 1 });
  const totals = new Map<string, number>();
  for (const row of visibleLogs(context))
    totals.set(row.model_group, (totals.get(row.model_group) ?? 0) + row.spend);
  return [...totals.entries()]
    .sort((left, right) => right[1] - left[1])
    .slice(0, limit)
    .map(([model, total]) => ({ model, total_spend: total }));
}

function spendByTeam(context: RequestContext): unknown {
  const range = dateRange(context);
  const { state } = context;
  const daily = new Map<string, JsonObject>();
  const totals = new Map<string, number>();
  for (const row of state.spendLogs) {
    if (!inRange(row, range)) continue;
    const alias =
      (row.team_id ? state.teams.get(row.team_id)?.team_alias : undefined) ??
      row.team_id ??
      'Unassigned Team';
    const day = dayOf(row.startTime);
    const entry = daily.get(day) ?? { date: day };
    entry[alias] = ((entry[alias] as number | undefined) ?? 0) + row.spend;
    daily.set(day, entry);
    totals.set(alias, (totals.get(alias) ?? 0) + row.spend);
  }
  const top = [...totals.entries()].sort((left, right) => right[1] - left[1]).slice(0, 10);
  return {
    daily_spend: [...daily.values()].sort((left, right) =>
      String(left.date).localeCompare(String(right.date)),
    ),
    teams: top.map(([alias]) => alias),
    total_spend_per_team: top.map(([alias, total]) => ({ team_id: alias, total_spend: total })),
  };
}

function spendLogsByMonth(context: RequestContext): unknown {
  const apiKey = context.query.get('api_key');
  const token = apiKey ? (apiKey.startsWith('sk-') ? hashToken(apiKey) : apiKey) : null;
  const totals = new Map<string, number>();
  for (const row of visibleLogs(context)) {
    if (token && row.api_key !== token) continue;
    const month = `${row.startTime.slice(0, 7)}-01`;
    totals.set(month, (totals.get(month) ?? 0) + row.spend);
  }
  return [...totals.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([date, spend]) => ({ date, spend }));
}

function resetSpend(context: RequestContext): unknown {
  for (const key of context.state.keys.values()) key.spend = 0;
  for (const team of context.state.teams.values()) team.spend = 0;
  return { message: 'Spend for all API Keys and Teams reset successfully', status: 'success' };
}

type Metrics = {
  spend: number;
  prompt_tokens: number;
  completion_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
  total_tokens: number;
  successful_requests: number;
  failed_requests: number;
  api_requests: number;
};

function emptyMetrics(): Metrics {
  return {
    spend: 0,
    prompt_tokens: 0,
    completion_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation_input_tokens: 0,
    total_tokens: 0,
    successful_requests: 0,
    failed_requests: 0,
    api_requests: 0,
  };
}

function addMetrics(target: Metrics, row: SpendLogRecord): void {
  target.spend += row.spend;
  target.prompt_tokens += row.prompt_tokens;
  target.completion_tokens += row.completion_tokens;
  target.total_tokens += row.total_tokens;
  target.api_requests += 1;
  if (row.status === 'success') target.successful_requests += 1;
  else target.failed_requests += 1;
}

type Breakdown = { metrics: Metrics; metadata: JsonObject; api_key_breakdown?: Record<string, Breakdown> };

function addTo(
  map: Record<string, Breakdown>,
  name: string,
  row: SpendLogRecord,
  metadata: JsonObject,
): Breakdown {
  const entry = map[name] ?? { metrics: emptyMetrics(), metadata };
  addMetrics(entry.metrics, row);
  map[name] = entry;
  return entry;
}

type ActivityEntity = 'user' | 'team' | 'organization' | 'customer' | 'tag';

const ENTITY_PARAMETERS: Record<ActivityEntity, { filter: string; exclude: string; pageSize: number }> = {
  user: { filter: 'user_id', exclude: 'exclude_user_ids', pageSize: 50 },
  team: { filter: 'team_ids', exclude: 'exclude_team_ids', pageSize: 10 },
  organization: { filter: 'organization_ids', exclude: 'exclude_organization_ids', pageSize: 10 },
  customer: { filter: 'end_user_ids', exclude: 'exclude_end_user_ids', pageSize: 10 },
  tag: { filter: 'tags', exclude: 'exclude_tags', pageSize: 10 },
};

function entityOf(entity: ActivityEntity, row: SpendLogRecord): string[] {
  switch (entity) {
    case 'user':
      return [row.user];
    case 'team':
      return [row.team_id ?? ''];
    case 'organization':
      return [row.organization_id ?? ''];
    case 'customer':
      return [row.end_user];
    case 'tag':
      return (row.request_tags as string[] | undefined) ?? [];
  }
}

function dailyActivity(entity: ActivityEntity, aggregated = false) {
  return (context: RequestContext): unknown => {
    const { query, principal, state } = context;
    const parameters = ENTITY_PARAMETERS[entity];
    const missingDates = () =>
      proxyError(400, 'Please provide start_date and end_date', 'bad_request', 'start_date');
    const range = dateRange(context, entity === 'user' ? missingDates : undefined) ?? {
      start: context.now - 30 * DAY_MS,
      end: context.now,
    };
    const page = queryInteger(query, 'page', 1, { min: 1 });
    const pageSize = queryInteger(query, 'page_size', parameters.pageSize, { min: 1, max: 1000 });
    const timezone = queryInteger(query, 'timezone', 0, { min: -840, max: 840 });
    const model = query.get('model');
    const apiKey = query.get('api_key');
    const token = apiKey ? (apiKey.startsWith('sk-') ? hashToken(apiKey) : apiKey) : null;
    let filter =
      entity === 'user'
        ? query.get('user_id')
          ? [query.get('user_id')!]
          : undefined
        : queryList(query, parameters.filter);
    const exclude = new Set(queryList(query, parameters.exclude) ?? []);
    if (!canReadAll(principal)) {
      if (entity === 'user') {
        if (filter && filter[0] !== principal.userId) {
          throw proxyError(
            403,
            'Non-admin users can only view their own spend data.',
            'auth_error',
            'user_id',
          );
        }
        filter = [principal.userId ?? ''];
      } else if (entity === 'team') {
        const own = [...state.teams.values()]
          .filter((team) => state.isTeamMember(team.team_id, principal.userId))
          .map((team) => team.team_id);
        filter = filter ? filter.filter((id) => own.includes(id)) : own;
      } else if (entity === 'organization') {
        if (principal.role !== 'org_admin')
          throw proxyError(403, 'Only admins and org admins can view organization spend', 'auth_error');
      } else if (!isProxyAdmin(principal)) {
        throw proxyError(403, `Only admins can view ${entity} spend`, 'auth_error');
      }
    }
    const rows = state.spendLogs.filter((row) => {
      if (!inRange(row, range)) return false;
      if (model && row.model_group !== model && row.model !== model) return false;
      if (token && row.api_key !== token) return false;
      const ids = entityOf(entity, row);
      // Team/org/customer/tag tables only hold rows attributed to such an entity.
      if (entity !== 'user' && !ids.some((id) => id !== '')) return false;
      if (filter && !ids.some((id) => filter!.includes(id))) return false;
      if (ids.some((id) => exclude.has(id))) return false;
      return true;
    });
    const totals = emptyMetrics();
    for (const row of rows) addMetrics(totals, row);
    // LiteLLM pages over daily aggregate rows (date × entity × key × model) and groups the page by date.
    const aggregateKeys = new Map<string, SpendLogRecord[]>();
    for (const row of rows) {
      const groupKey = `${dayOf(row.startTime, timezone)}\u0000${entityOf(entity, row).join(',')}\u0000${row.api_key}\u0000${row.model_group}`;
      const list = aggregateKeys.get(groupKey) ?? [];
      list.push(row);
      aggregateKeys.set(groupKey, list);
    }
    const ordered = [...aggregateKeys.entries()].sort(([left], [right]) => right.localeCompare(left));
    const result = aggregated ? { items: ordered, totalPages: 1 } : paginate(ordered, page, pageSize);
    const byDate = new Map<
      string,
      JsonObject & { metrics: Metrics; breakdown: Record<string, Record<string, Breakdown>> }
    >();
    for (const [groupKey, groupRows] of result.items) {
      const date = groupKey.slice(0, 10);
      const day =
        byDate.get(date) ??
        ({
          date,
          metrics: emptyMetrics(),
          breakdown: {
            models: {},
            model_groups: {},
            providers: {},
            api_keys: {},
            entities: {},
            mcp_servers: {},
            endpoints: {},
          },
        } as JsonObject & { metrics: Metrics; breakdown: Record<string, Record<string, Breakdown>> });
      for (const row of groupRows) {
        addMetrics(day.metrics, row);
        const key = state.keys.get(row.api_key);
        const keyMetadata = {
          key_alias: key?.key_alias ?? (row.metadata.user_api_key_alias as string | null) ?? null,
          team_id: row.team_id,
          user_id: row.user || null,
        };
        const modelEntry = addTo(day.breakdown.models!, row.model_group, row, {});
        modelEntry.api_key_breakdown ??= {};
        addTo(modelEntry.api_key_breakdown, row.api_key, row, keyMetadata);
        addTo(day.breakdown.model_groups!, row.model_group, row, {});
        addTo(day.breakdown.providers!, String(row.custom_llm_provider ?? 'openai'), row, {});
        addTo(day.breakdown.api_keys!, row.api_key, row, keyMetadata);
        for (const id of entityOf(entity, row)) {
          const alias =
            entity === 'team'
              ? (state.teams.get(id)?.team_alias ?? null)
              : entity === 'organization'
                ? (state.organizations.get(id)?.organization_alias ?? null)
                : entity === 'user'
                  ? (state.users.get(id)?.user_email ?? null)
                  : null;
          addTo(day.breakdown.entities!, id, row, { alias, id });
        }
        addTo(day.breakdown.endpoints!, row.call_type, row, {});
      }
      byDate.set(date, day);
    }
    const results = [...byDate.values()].sort((left, right) =>
      String(right.date).localeCompare(String(left.date)),
    );
    const totalPages = result.totalPages;
    return {
      results,
      metadata: {
        total_spend: totals.spend,
        total_prompt_tokens: totals.prompt_tokens,
        total_completion_tokens: totals.completion_tokens,
        total_tokens: totals.total_tokens,
        total_api_requests: totals.api_requests,
        total_successful_requests: totals.successful_requests,
        total_failed_requests: totals.failed_requests,
        total_cache_read_input_tokens: 0,
        total_cache_creation_input_tokens: 0,
        page: aggregated ? 1 : page,
        total_pages: totalPages,
        has_more: !aggregated && page < totalPages,
      },
    };
  };
}

function calculate(context: RequestContext): unknown {
  const body = context.body as JsonObject | undefined;
  const text = JSON.stringify(body?.messages ?? body?.completion_response ?? '');
  return { cost: Math.ceil(text.length / 4) * 0.000_001 };
}

function providerBudgets(): unknown {
  return { providers: {} };
}

export const spendRoutes: RouteDefinition[] = [
  route('GET', '/spend/logs', 'any', legacyLogs),
  route('GET', '/spend/logs/ui', 'any', uiLogs),
  route('GET', '/spend/logs/v2', 'any', uiLogs),
  route('GET', '/spend/logs/ui/{request_id}', 'any', logDetail),
  route('GET', '/spend/logs/session/ui', 'any', sessionLogs),
  route('GET', '/global/spend/report', 'viewer', report),
  route('GET', '/global/spend', 'viewer', globalSpend),
  route('GET', '/global/spend/keys', 'any', spendByKey),
  route('GET', '/global/spend/models', 'any', spendByModel),
  route('GET', '/global/spend/teams', 'viewer', spendByTeam),
  route('GET', '/global/spend/logs', 'any', spendLogsByMonth),
  route('POST', '/global/spend/reset', 'master', resetSpend),
  route('POST', '/spend/calculate', 'any', calculate),
  route('GET', '/provider/budgets', 'admin', providerBudgets),
  route('GET', '/user/daily/activity', 'any', dailyActivity('user')),
  route('GET', '/user/daily/activity/aggregated', 'any', dailyActivity('user', true)),
  route('GET', '/team/daily/activity', 'any', dailyActivity('team')),
  route('GET', '/organization/daily/activity', 'any', dailyActivity('organization')),
  route('GET', '/customer/daily/activity', 'viewer', dailyActivity('customer')),
  route('GET', '/tag/daily/activity', 'viewer', dailyActivity('tag')),
];
