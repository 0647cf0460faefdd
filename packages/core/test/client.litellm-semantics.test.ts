import { type FakeWorker, startFakeWorker } from '@llm-control-plane/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerClient, type UpdateDeploymentRequest, type WorkerClient } from '../src/index.js';

const MASTER_KEY = 'sk-semantics-master-0123456789';

describe('LiteLLM semantics the client follows', () => {
  let worker: FakeWorker;
  let client: WorkerClient;

  beforeAll(async () => {
    worker = await startFakeWorker({ masterKey: MASTER_KEY, seed: { keys: 1, teams: 1, users: 1, seed: 9 } });
    client = createWorkerClient({ baseUrl: worker.url, apiKey: MASTER_KEY, timeoutMs: 5_000 });
  });
  afterAll(async () => {
    await client.close();
    await worker.close();
  });

  it('models.update needs model_info.id and litellm_params, and sends nothing without them', async () => {
    const before = worker.state.counters.requests;
    const noId = { model_info: {}, litellm_params: { rpm: 1 } } as unknown as UpdateDeploymentRequest;
    await expect(client.models.update(noId)).rejects.toThrow(/model_info\.id/);
    const noParams = { model_info: { id: 'x' } } as unknown as UpdateDeploymentRequest;
    await expect(client.models.update(noParams)).rejects.toThrow(/litellm_params/);
    expect(worker.state.counters.requests).toBe(before);
  });

  it('models.update merges litellm_params and models.patch renames, as /model/update and PATCH do', async () => {
    const created = await client.models.create({
      model_name: 'semantics-model',
      litellm_params: { model: 'openai/gpt-4o-mini', rpm: 10 },
    });
    const id = created.model_id ?? created.model_info?.id;
    expect(id).toBeTruthy();
    await client.models.update({ model_info: { id: id as string }, litellm_params: { tpm: 500 } });
    const patched = await client.models.patch(id as string, { model_name: 'semantics-renamed' });
    expect(patched.model_name).toBe('semantics-renamed');
    const info = await client.models.info({ litellm_model_id: id as string });
    const row = info.data[0] as { model_name?: string; litellm_params?: Record<string, unknown> };
    expect(row.model_name).toBe('semantics-renamed');
    expect(row.litellm_params).toMatchObject({ rpm: 10, tpm: 500 });
    await client.models.delete(id as string);
  });

  it('/key/delete uses keys when given (key_aliases are then ignored) and echoes the list it used', async () => {
    const first = await client.keys.generate({ key_alias: 'delete-by-key' });
    const second = await client.keys.generate({ key_alias: 'delete-by-alias' });
    const byKeys = await client.keys.delete({ keys: [first.key], key_aliases: ['delete-by-alias'] });
    expect(byKeys.deleted_keys).toEqual([first.key]);
    await expect(client.keys.info(second.key)).resolves.toMatchObject({
      info: { key_alias: 'delete-by-alias' },
    });
    const byAlias = await client.keys.delete({ key_aliases: ['delete-by-alias'] });
    expect(byAlias.deleted_keys).toEqual(['delete-by-alias']);
    await expect(client.keys.info(second.key)).rejects.toMatchObject({ status: 404 });
  });

  it('/key/info with the master key and no key answers 404: the master key is no database row', async () => {
    await expect(client.keys.info()).rejects.toMatchObject({ status: 404, type: 'not_found_error' });
  });

  it('models.patch on a worker older than the PATCH route says which version it needs', async () => {
    await using old = await startFakeWorker({ masterKey: MASTER_KEY, litellmVersion: '1.69.0' });
    await using oldClient = createWorkerClient({ baseUrl: old.url, apiKey: MASTER_KEY });
    await expect(oldClient.models.patch('m-1', { model_name: 'x' })).rejects.toMatchObject({
      status: 404,
      code: 'litellm_version_too_old',
      message:
        'PATCH /model/{model_id}/update needs LiteLLM ≥ 1.70.0; the worker does not serve this route (404 Not Found)',
    });
    // LiteLLM's own 404 for an unknown model stays as the worker wrote it.
    await expect(client.models.patch('no-such-model', { model_name: 'x' })).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('no-such-model'),
    });
  });
});
