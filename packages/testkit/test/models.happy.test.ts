import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorker, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient, json, proxyErrorOf } from './helpers.js';

describe('models', () => {
  let worker: FakeWorker;
  let api: ApiClient;

  beforeAll(async () => {
    worker = await startFakeWorker({ masterKey: 'sk-master-models', models: ['config-model'] });
    api = apiClient(worker);
  });
  afterAll(() => worker.close());

  it('exposes config models with db_model false', async () => {
    const info = json(await api.get('/model/info'));
    expect(info.data).toHaveLength(1);
    expect(info.data[0]).toMatchObject({ model_name: 'config-model', model_info: { db_model: false } });
  });

  it('creates, updates, patches and deletes DB models', async () => {
    const created = await api.post('/model/new', {
      model_name: 'db-model',
      litellm_params: { model: 'openai/gpt-4o-mini', api_key: 'os.environ/OPENAI_API_KEY' },
      model_info: { id: 'model-1' },
    });
    expect(created.status).toBe(200);
    expect(json(created)).toMatchObject({ model_id: 'model-1', model_name: 'db-model' });
    const updated = await api.post('/model/update', {
      model_info: { id: 'model-1' },
      litellm_params: { rpm: 10 },
    });
    expect(json(updated).litellm_params).toMatchObject({ model: 'openai/gpt-4o-mini', rpm: 10 });
    const patched = await api.request('PATCH', '/model/model-1/update', { body: { model_name: 'renamed' } });
    expect(json(patched).model_name).toBe('renamed');
    const v1 = json(await api.get('/v1/model/info', { query: { litellm_model_id: 'model-1' } }));
    expect(v1.data).toHaveLength(1);
    expect(v1.data[0].litellm_params.api_key).toBeUndefined();
    const deleted = await api.post('/model/delete', { id: 'model-1' });
    expect(json(deleted)).toEqual({ message: 'Model: model-1 deleted successfully' });
  });

  it('answers model errors like LiteLLM', async () => {
    expect((await api.post('/model/new', { model_name: 'x' })).status).toBe(422);
    expect((await api.post('/model/new', { model_name: 'x', litellm_params: {} })).status).toBe(422);
    const configEdit = await api.post('/model/update', {
      model_info: { id: 'config-model-1' },
      litellm_params: { rpm: 1 },
    });
    expect(configEdit.status).toBe(400);
    expect(proxyErrorOf(configEdit).message).toContain("Can't edit model. Model in config.");
    const missingDelete = await api.post('/model/delete', { id: 'ghost' });
    expect(missingDelete.status).toBe(400);
    expect(proxyErrorOf(missingDelete).message).toBe("{'error': 'Model with id=ghost not found in db'}");
    const missingPatch = await api.request('PATCH', '/model/ghost/update', { body: {} });
    expect(missingPatch.status).toBe(404);
    expect(proxyErrorOf(missingPatch).type).toBe('not_found_error');
    const user = json(await api.post('/user/new', { user_id: 'modeler' })).key;
    const denied = await api.post(
      '/model/new',
      { model_name: 'y', litellm_params: { model: 'openai/y' } },
      { key: user },
    );
    expect(denied.status).toBe(403);
  });

  it('pages /v2/model/info and lists model groups on /models', async () => {
    for (let index = 0; index < 5; index += 1) {
      await api.post('/model/new', {
        model_name: index < 3 ? 'group-a' : `solo-${index}`,
        litellm_params: { model: 'openai/x' },
      });
    }
    const page = json(await api.get('/v2/model/info', { query: { size: 2 } }));
    expect(Object.keys(page).sort()).toEqual(['current_page', 'data', 'size', 'total_count', 'total_pages']);
    expect(page.total_count).toBe(6);
    expect(page.total_pages).toBe(3);
    expect(json(await api.get('/v2/model/info', { query: { page: 10 } })).data).toEqual([]);
    expect((await api.get('/v2/model/info', { query: { size: 0 } })).status).toBe(422);
    expect(json(await api.get('/v2/model/info', { query: { search: 'SOLO' } })).total_count).toBe(2);
    const models = json(await api.get('/models'));
    expect(models.object).toBe('list');
    expect(models.data.map((model: { id: string }) => model.id).sort()).toEqual([
      'config-model',
      'group-a',
      'solo-3',
      'solo-4',
    ]);
    expect(models.data[0]).toMatchObject({ object: 'model', owned_by: 'openai' });
    expect(json(await api.get('/model_group/info', { query: { model_group: 'group-a' } })).data).toHaveLength(
      1,
    );
  });

  it('stores team models under a generated name with the public name in model_info', async () => {
    await api.post('/team/new', { team_id: 'model-team' });
    const created = json(
      await api.post('/model/new', {
        model_name: 'team-gpt',
        litellm_params: { model: 'openai/x' },
        model_info: { team_id: 'model-team' },
      }),
    );
    expect(created.model_name).toMatch(/^model_name_model-team_/);
    expect(created.model_info.team_public_model_name).toBe('team-gpt');
  });
});
