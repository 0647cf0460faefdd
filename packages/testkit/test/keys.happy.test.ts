import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorker, hashToken, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient, json } from './helpers.js';

describe('virtual keys', () => {
  let worker: FakeWorker;
  let api: ApiClient;

  beforeAll(async () => {
    worker = await startFakeWorker({ masterKey: 'sk-master-keys', models: ['gpt-4o', 'gpt-4o-mini'] });
    api = apiClient(worker);
  });
  afterAll(() => worker.close());

  it('generates a key stored by its SHA-256 hash with LiteLLM response fields', async () => {
    const response = await api.post('/key/generate', {
      key_alias: 'alpha',
      duration: '1h',
      models: ['gpt-4o'],
    });
    expect(response.status).toBe(200);
    const body = json(response);
    expect(body.key).toMatch(/^sk-[A-Za-z0-9_-]{22}$/);
    expect(body.token).toBe(hashToken(body.key));
    expect(body.token_id).toBe(body.token);
    expect(body.key).not.toBe(body.token);
    expect(body.key_name).toBe(`sk-...${body.key.slice(-4)}`);
    expect(body.key_alias).toBe('alpha');
    expect(body.models).toEqual(['gpt-4o']);
    expect(Date.parse(body.expires) - Date.now()).toBeGreaterThan(3_500_000);
    expect(body.spend).toBe(0);
    expect(body.created_by).toBe('default_user_id');
    expect(worker.state.keys.has(body.token)).toBe(true);
    const info = await api.get('/key/info', { key: body.key });
    expect(info.status).toBe(200);
    expect(json(info).key).toBe(body.token);
    expect(json(info).info.token).toBeUndefined();
    expect(json(info).info.key_alias).toBe('alpha');
  });

  it('accepts a custom sk- key and looks it up by raw key or hash', async () => {
    const generated = json(await api.post('/key/generate', { key: 'sk-custom-key-0001' }));
    expect(generated.key).toBe('sk-custom-key-0001');
    const byRaw = await api.get('/key/info', { query: { key: 'sk-custom-key-0001' } });
    const byHash = await api.get('/key/info', { query: { key: hashToken('sk-custom-key-0001') } });
    expect(byRaw.status).toBe(200);
    expect(json(byHash).info.key_name).toBe('sk-...0001');
  });

  it('updates only sent fields and replaces metadata wholesale', async () => {
    const created = json(await api.post('/key/generate', { metadata: { a: 1, b: 2 }, max_budget: 10 }));
    const updated = await api.post('/key/update', {
      key: created.key,
      metadata: { c: 3 },
      tpm_limit: 5,
      max_budget: null,
    });
    expect(updated.status).toBe(200);
    expect(json(updated).key).toBe(created.key);
    const info = json(await api.get('/key/info', { query: { key: created.token } })).info;
    expect(info.metadata).toEqual({ c: 3 });
    expect(info.tpm_limit).toBe(5);
    expect(info.max_budget).toBe(10);
  });

  it('deletes keys, after which they no longer authenticate', async () => {
    const created = json(await api.post('/key/generate', { key_alias: 'to-delete' }));
    expect((await api.get('/key/info', { key: created.key })).status).toBe(200);
    const deleted = await api.post('/key/delete', { key_aliases: ['to-delete'] });
    expect(json(deleted)).toEqual({ deleted_keys: ['to-delete'] });
    expect((await api.get('/key/info', { key: created.key })).status).toBe(401);
    const deletedList = json(
      await api.get('/key/list', { query: { status: 'deleted', return_full_object: true } }),
    );
    expect(deletedList.keys.map((key: { token: string }) => key.token)).toContain(created.token);
  });

  it('lists hashes by default, full objects on request, with the page envelope', async () => {
    const list = json(await api.get('/key/list', { query: { size: 2 } }));
    expect(Object.keys(list).sort()).toEqual(['current_page', 'keys', 'total_count', 'total_pages']);
    expect(list.keys).toHaveLength(2);
    expect(typeof list.keys[0]).toBe('string');
    expect(list.total_pages).toBe(Math.ceil(list.total_count / 2));
    const full = json(await api.get('/key/list', { query: { size: 2, return_full_object: true } }));
    expect(full.keys[0].token).toMatch(/^[0-9a-f]{64}$/);
    const beyond = json(await api.get('/key/list', { query: { page: 999 } }));
    expect(beyond.keys).toEqual([]);
    expect(beyond.current_page).toBe(999);
  });

  it('orders by created_at desc by default and supports sort_by/sort_order', async () => {
    const first = json(await api.post('/key/generate', { key_alias: 'order-a', max_budget: 1 }));
    const second = json(await api.post('/key/generate', { key_alias: 'order-b', max_budget: 2 }));
    worker.state.keys.get(first.token)!.created_at = '2000-01-01T00:00:00.000Z';
    const list = json(await api.get('/key/list', { query: { size: 100 } }));
    expect(list.keys.at(-1)).toBe(first.token);
    expect(list.keys).toContain(second.token);
    const byBudget = json(
      await api.get('/key/list', {
        query: { sort_by: 'max_budget', sort_order: 'desc', return_full_object: true, size: 1 },
      }),
    );
    expect(byBudget.keys[0].max_budget).toBeGreaterThanOrEqual(2);
  });

  it('lists aliases with their own envelope', async () => {
    const aliases = json(await api.get('/key/aliases', { query: { search: 'ORDER' } }));
    expect(aliases.aliases).toEqual(['order-a', 'order-b']);
    expect(aliases.size).toBe(50);
    expect(aliases.total_count).toBe(2);
  });

  it('regenerates a key in both forms: new raw key, old key refused, fields preserved', async () => {
    const created = json(
      await api.post('/key/generate', { key_alias: 'rotate-me', max_budget: 42, models: ['gpt-4o'] }),
    );
    worker.state.keys.get(created.token)!.spend = 1.5;
    const rotated = await api.post(`/key/${created.key}/regenerate`, { duration: '2h' });
    expect(rotated.status).toBe(200);
    const body = json(rotated);
    expect(body.key).not.toBe(created.key);
    expect(body.token).toBe(hashToken(body.key));
    expect(body.key_alias).toBe('rotate-me');
    expect(body.max_budget).toBe(42);
    expect(body.spend).toBe(1.5);
    expect(body.models).toEqual(['gpt-4o']);
    expect(Date.parse(body.expires)).toBeGreaterThan(Date.now() + 7_000_000);
    expect((await api.get('/key/info', { key: created.key })).status).toBe(401);
    expect((await api.get('/key/info', { key: body.key })).status).toBe(200);
    const again = await api.post('/key/regenerate', { key: body.token, new_key: 'sk-brand-new-key-12345' });
    expect(json(again).key).toBe('sk-brand-new-key-12345');
  });

  it('blocks and unblocks keys', async () => {
    const created = json(await api.post('/key/generate', {}));
    const blocked = await api.post('/key/block', { key: created.key });
    expect(json(blocked).blocked).toBe(true);
    expect((await api.get('/key/info', { key: created.key })).status).toBe(401);
    const unblocked = await api.post('/key/unblock', { key: created.token });
    expect(json(unblocked).blocked).toBe(false);
    expect((await api.get('/key/info', { key: created.key })).status).toBe(200);
  });

  it('answers /v2/key/info for several keys', async () => {
    const first = json(await api.post('/key/generate', {}));
    const second = json(await api.post('/key/generate', {}));
    const info = json(await api.post('/v2/key/info', { keys: [first.key, second.token] }));
    expect(info.info).toHaveLength(2);
  });

  it('/key/info without key describes the caller', async () => {
    const created = json(await api.post('/key/generate', { key_alias: 'self' }));
    const info = json(await api.get('/key/info', { key: created.key }));
    expect(info.key).toBe(created.token);
    expect(info.info.key_alias).toBe('self');
  });

  it('key_type sets allowed_routes', async () => {
    const created = json(await api.post('/key/generate', { key_type: 'read_only' }));
    expect(created.allowed_routes).toEqual(['info_routes']);
  });
});
