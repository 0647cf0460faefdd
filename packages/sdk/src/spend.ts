import type { DailyActivityParams, DailyActivityResponse, WorkerClient } from '@llm-control-plane/core';
import { serializeError } from './errors.js';
import type { Fleet } from './fleet.js';
import type { SpendGroupBy, SpendQuery, SpendReport, SpendRow } from './types.js';

const PAGE_SIZE = 1000;
/** Safety net against a worker whose `has_more` never turns false. */
const MAX_PAGES = 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UNASSIGNED_TEAM = '(no team)';

type Bucket = { label: string; spend: number };
type WorkerSpend = { total: number; buckets: Map<string, Bucket>; asOf: string };

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function spendOf(value: unknown): number {
  const spend = asRecord(asRecord(value)?.metrics)?.spend;
  return typeof spend === 'number' && Number.isFinite(spend) ? spend : 0;
}

async function* pages(
  fetchPage: (params: DailyActivityParams) => Promise<DailyActivityResponse>,
  params: DailyActivityParams,
): AsyncGenerator<DailyActivityResponse> {
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const response = await fetchPage({ ...params, page, page_size: PAGE_SIZE });
    yield response;
    if (!response.metadata?.has_more || response.results.length === 0) return;
  }
}

function addTo(buckets: Map<string, Bucket>, key: string, label: string, spend: number): void {
  const bucket = buckets.get(key);
  if (bucket) bucket.spend += spend;
  else buckets.set(key, { label, spend });
}

async function workerSpend(
  client: WorkerClient,
  query: { start: string; end: string; groupBy: SpendGroupBy },
  signal: AbortSignal,
): Promise<WorkerSpend> {
  const params: DailyActivityParams = { start_date: query.start, end_date: query.end };
  const buckets = new Map<string, Bucket>();
  let total = 0;
  for await (const page of pages((p) => client.spend.dailyActivity(p, { signal }), params)) {
    for (const day of page.results) {
      total += spendOf(day);
      if (query.groupBy !== 'model') continue;
      const models = asRecord(asRecord(day.breakdown)?.models) ?? {};
      for (const [model, entry] of Object.entries(models)) addTo(buckets, model, model, spendOf(entry));
    }
  }
  if (query.groupBy === 'team') {
    // The user route gives the worker's complete total; the team route splits it by team.
    let assigned = 0;
    const teamParams = { ...params, exclude_team_ids: 'litellm-dashboard' };
    for await (const page of pages((p) => client.spend.teamDailyActivity(p, { signal }), teamParams)) {
      for (const day of page.results) {
        const entities = asRecord(asRecord(day.breakdown)?.entities) ?? {};
        for (const [teamId, entry] of Object.entries(entities)) {
          const metadata = asRecord(asRecord(entry)?.metadata);
          const alias = metadata?.team_alias ?? metadata?.alias;
          // Team ids differ between workers; the alias is what identifies a team across the fleet.
          const key = typeof alias === 'string' && alias !== '' ? alias : teamId;
          const spend = spendOf(entry);
          assigned += spend;
          addTo(buckets, key, key, spend);
        }
      }
    }
    const unassigned = total - assigned;
    if (unassigned > 1e-9) addTo(buckets, UNASSIGNED_TEAM, 'Spend without a team', unassigned);
  }
  return { total, buckets, asOf: new Date().toISOString() };
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** Fleet-wide spend between two dates (inclusive, YYYY-MM-DD) from the daily-activity routes. */
export async function collectSpend(fleet: Fleet, query: SpendQuery): Promise<SpendReport> {
  const groupBy = query.groupBy ?? 'worker';
  if (!DATE.test(query.start) || !DATE.test(query.end))
    throw new TypeError('start and end must be YYYY-MM-DD');
  if (query.start > query.end) throw new RangeError('start must not be after end');
  if (!['worker', 'team', 'model'].includes(groupBy)) throw new TypeError(`Unknown groupBy '${groupBy}'`);
  const names = new Map(fleet.workers().map((entry) => [entry.worker_id, entry.name]));
  const results = await fleet.each(
    ({ client, signal }) => workerSpend(client, { start: query.start, end: query.end, groupBy }, signal),
    { workers: query.workers, timeoutMs: query.timeoutMs, signal: query.signal },
  );
  const report: SpendReport = {
    start: query.start,
    end: query.end,
    groupBy,
    total: 0,
    currency: 'USD',
    rows: [],
    workers: [],
    missing: [],
  };
  const rows = new Map<string, SpendRow>();
  for (const result of results) {
    if (!result.ok) {
      report.missing.push({ workerId: result.workerId, error: serializeError(result.error) });
      continue;
    }
    const { total, buckets, asOf } = result.value;
    report.total += total;
    report.workers.push({ workerId: result.workerId, spend: round(total), asOf });
    const entries: [string, Bucket][] =
      groupBy === 'worker'
        ? [[result.workerId, { label: names.get(result.workerId) ?? result.workerId, spend: total }]]
        : [...buckets];
    for (const [key, bucket] of entries) {
      const row = rows.get(key);
      if (row) {
        row.spend += bucket.spend;
        if (!row.workerIds.includes(result.workerId)) row.workerIds.push(result.workerId);
      } else {
        rows.set(key, { key, label: bucket.label, spend: bucket.spend, workerIds: [result.workerId] });
      }
    }
  }
  report.total = round(report.total);
  report.rows = [...rows.values()]
    .map((row) => ({ ...row, spend: round(row.spend) }))
    .sort((a, b) => b.spend - a.spend || a.key.localeCompare(b.key));
  return report;
}
