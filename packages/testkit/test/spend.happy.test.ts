import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorker, hashToken, seededRawKey, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient, json, proxyErrorOf } from './helpers.js';

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe('spend and usage', () => {
  let worker: FakeWorker;
  let api: ApiClient;

  beforeAll(async () => {
    worker = await startFakeWorker({ masterKey: 'sk-master-spend', seed: { seed: 7, spendLogs: 120 } });
    api = apiClient(worker);
  });
  afterAll(() => worker.close());

  it('pages /spend/logs/ui within the date range', async () => {
    const response = await api.get('/spend/logs/ui', {
      query: { start_date: daysAgo(31), end_date: today(), page_size: 25 },
    });
    expect(response.status).toBe(200);
    const body = json(response);
    expect(Object.keys(body).sort()).toEqual(['data', 'page', 'page_size', 'total', 'total_pages']);
    expect(body.total).toBe(120);
    expect(body.data).toHaveLength(25);
    expect(body.total_pages).toBe(5);
    expect(body.data[0].startTime >= body.data[1].startTime).toBe(true);
    const beyond = json(
      await api.get('/spend/logs/ui', { query: { start_date: daysAgo(31), end_date: today(), page: 99 } }),
    );
    expect(beyond.data).toEqual([]);
    const missing = await api.get('/spend/logs/ui');
    expect(missing.status).toBe(400);
    expect(proxyErrorOf(missing).message).toBe('Start date and end date are required');
    expect(
      (
        await api.get('/spend/logs/ui', {
          query: { start_date: daysAgo(3), end_date: today(), page_size: 1001 },
        })
      ).status,
    ).toBe(422);
    const withTime = json(
      await api.get('/spend/logs/ui', {
        query: { start_date: `${daysAgo(31)} 00:00:00`, end_date: `${today()} 23:59:59` },
      }),
    );
    expect(withTime.total).toBe(120);
  });

  it('filters spend logs by key, model and status', async () => {
    const firstKey = seededRawKey(7, 0);
    const byKey = json(
      await api.get('/spend/logs/ui', {
        query: { start_date: daysAgo(31), end_date: today(), api_key: firstKey },
      }),
    );
    expect(byKey.total).toBe(
      worker.state.spendLogs.filter((row) => row.api_key === hashToken(firstKey)).length,
    );
    expect(byKey.data.every((row: { api_key: string }) => row.api_key === hashToken(firstKey))).toBe(true);
    const failures = json(
      await api.get('/spend/logs/ui', {
        query: { start_date: daysAgo(31), end_date: today(), status_filter: 'failure' },
      }),
    );
    expect(failures.data.every((row: { status: string }) => row.status === 'failure')).toBe(true);
    const model = worker.state.spendLogs[0]!.model_group;
    const byModel = json(
      await api.get('/spend/logs/ui', {
        query: { start_date: daysAgo(31), end_date: today(), model, page_size: 1000 },
      }),
    );
    expect(byModel.data.every((row: { model_group: string }) => row.model_group === model)).toBe(true);
  });

  it('serves the legacy /spend/logs forms', async () => {
    const requestId = worker.state.spendLogs[3]!.request_id;
    expect(json(await api.get('/spend/logs', { query: { request_id: requestId } }))).toHaveLength(1);
    const summary = json(
      await api.get('/spend/logs', { query: { start_date: daysAgo(2), end_date: today() } }),
    );
    expect(summary).toHaveLength(3);
    expect(summary[0]).toHaveProperty('startTime');
    expect(summary[0]).toHaveProperty('models');
    expect(json(await api.get('/spend/logs'))).toHaveLength(120);
  });

  it('reports /global/spend/report grouped by team and api_key', async () => {
    const byTeam = json(
      await api.get('/global/spend/report', { query: { start_date: daysAgo(31), end_date: today() } }),
    );
    expect(byTeam.length).toBeGreaterThan(0);
    expect(byTeam[0]).toHaveProperty('group_by_day');
    expect(byTeam[0].teams[0]).toHaveProperty('team_name');
    const byKey = json(
      await api.get('/global/spend/report', {
        query: { start_date: daysAgo(31), end_date: today(), group_by: 'api_key' },
      }),
    );
    expect(byKey[0]).toHaveProperty('model_details');
    const missing = await api.get('/global/spend/report');
    expect(missing.status).toBe(400);
  });

  it('answers /user/daily/activity with breakdowns and totals', async () => {
    const response = await api.get('/user/daily/activity', {
      query: { start_date: daysAgo(31), end_date: today(), page_size: 1000 },
    });
    expect(response.status).toBe(200);
    const body = json(response);
    expect(body.metadata.total_api_requests).toBe(120);
    expect(body.metadata).toMatchObject({ page: 1, total_pages: 1, has_more: false });
    const day = body.results[0];
    expect(day.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(day.metrics).toHaveProperty('successful_requests');
    expect(Object.keys(day.breakdown)).toEqual(
      expect.arrayContaining(['models', 'api_keys', 'entities', 'providers']),
    );
    const totalSpend = body.results.reduce(
      (sum: number, result: { metrics: { spend: number } }) => sum + result.metrics.spend,
      0,
    );
    expect(totalSpend).toBeCloseTo(body.metadata.total_spend);
    expect((await api.get('/user/daily/activity')).status).toBe(400);
    const paged = json(
      await api.get('/user/daily/activity', {
        query: { start_date: daysAgo(31), end_date: today(), page_size: 5 },
      }),
    );
    expect(paged.metadata.has_more).toBe(true);
  });

  it('answers /team/daily/activity with team entities and exclusions', async () => {
    const body = json(
      await api.get('/team/daily/activity', {
        query: {
          start_date: daysAgo(31),
          end_date: today(),
          page_size: 1000,
          exclude_team_ids: 'litellm-dashboard',
        },
      }),
    );
    const entities = new Set<string>();
    for (const result of body.results)
      for (const id of Object.keys(result.breakdown.entities)) entities.add(id);
    const teamIds = new Set(worker.state.teams.keys());
    expect(entities.size).toBeGreaterThan(0);
    expect([...entities].every((id) => teamIds.has(id))).toBe(true);
  });

  it('answers /tag/daily/activity from request tags', async () => {
    const body = json(
      await api.get('/tag/daily/activity', {
        query: { start_date: daysAgo(31), end_date: today(), page_size: 1000 },
      }),
    );
    const tagged = worker.state.spendLogs.filter((row) => (row.request_tags as string[]).length > 0).length;
    expect(tagged).toBeGreaterThan(0);
    expect(body.metadata.total_api_requests).toBe(tagged);
  });

  it('scopes daily activity for internal users to themselves', async () => {
    const user = [...worker.state.users.values()].find((row) => row.user_role === 'internal_user')!;
    const key = json(await api.post('/key/generate', { user_id: user.user_id })).key;
    const other = [...worker.state.users.values()].find((row) => row.user_id !== user.user_id)!;
    const refused = await api.get('/user/daily/activity', {
      key,
      query: { start_date: daysAgo(31), end_date: today(), user_id: other.user_id },
    });
    expect(refused.status).toBe(403);
    const own = json(
      await api.get('/user/daily/activity', { key, query: { start_date: daysAgo(31), end_date: today() } }),
    );
    for (const result of own.results) expect(Object.keys(result.breakdown.entities)).toEqual([user.user_id]);
  });

  it('aggregates global spend by key and model', async () => {
    expect(json(await api.get('/global/spend/keys', { query: { limit: 3 } }))).toHaveLength(3);
    const models = json(await api.get('/global/spend/models'));
    expect(models[0].total_spend).toBeGreaterThanOrEqual(models.at(-1).total_spend);
    expect(json(await api.get('/global/spend')).spend).toBeGreaterThan(0);
  });
});
