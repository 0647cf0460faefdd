import { afterEach, describe, expect, it } from 'vitest';
import { type FakeWorker, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient } from './helpers.js';

const MASTER_KEY = 'sk-admin-registries-000';

describe('admin registries', () => {
  const workers: FakeWorker[] = [];
  const start = async (options: Partial<Parameters<typeof startFakeWorker>[0]> = {}) => {
    const worker = await startFakeWorker({ masterKey: MASTER_KEY, ...options });
    workers.push(worker);
    return apiClient(worker).request;
  };
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
  });

  it('seeds the same objects with differences by seed, so a demo fleet drifts', async () => {
    const odd = await start({ seed: 1 });
    const even = await start({ seed: 2 });
    const github = async (client: ApiClient['request']) =>
      (
        (await client('GET', '/v1/mcp/server')).body as { server_name: string; allowed_tools: string[] }[]
      ).find((server) => server.server_name === 'github');
    expect((await github(odd))?.allowed_tools).toEqual(['search_code', 'get_issue']);
    expect((await github(even))?.allowed_tools).toEqual(['search_code', 'get_issue', 'create_issue']);
    const names = async (client: ApiClient['request']) =>
      (
        (await client('GET', '/v2/guardrails/list')).body as { guardrails: { guardrail_name: string }[] }
      ).guardrails
        .map((item) => item.guardrail_name)
        .sort();
    expect(await names(odd)).toEqual(['content-filter', 'pii-mask', 'prompt-injection']);
    expect(await names(even)).toEqual(['content-filter', 'pii-mask']);
  });

  it('an older release answers the bare FastAPI 404 for registries it did not have', async () => {
    const old = await start({ version: '1.66.0' });
    expect(await old('GET', '/v2/guardrails/list')).toMatchObject({
      status: 404,
      body: { detail: 'Not Found' },
    });
    expect(await old('GET', '/v1/agents')).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
    expect((await old('GET', '/vector_store/list')).status).toBe(200);
    // The config-only list predates the database registry.
    expect((await old('GET', '/guardrails/list')).status).toBe(200);
  });

  it('tags need an enterprise licence', async () => {
    const community = await start({ premium: false });
    const response = await community('GET', '/tag/list');
    expect(response.status).toBe(403);
    expect(JSON.stringify(response.body)).toContain('LiteLLM Enterprise');
  });

  it('writes are proxy-admin only; a viewer key may read', async () => {
    const client = await start({ seed: 3 });
    await client('POST', '/user/new', { body: { user_id: 'viewer-1', user_role: 'proxy_admin_viewer' } });
    const viewer = (await client('POST', '/key/generate', { body: { user_id: 'viewer-1' } })).body as {
      key: string;
    };
    expect((await client('GET', '/v2/guardrails/list', { key: viewer.key })).status).toBe(200);
    const write = await client('POST', '/guardrails', {
      key: viewer.key,
      body: {
        guardrail: { guardrail_name: 'x', litellm_params: { guardrail: 'presidio', mode: 'pre_call' } },
      },
    });
    expect([401, 403]).toContain(write.status);
  });

  it('MCP server delete answers 202 with no body, and config guardrails cannot be changed', async () => {
    const client = await start({ seed: 1 });
    const deleted = await client('DELETE', '/v1/mcp/server/mcp-jira');
    expect(deleted).toMatchObject({ status: 202, text: '' });
    const config = await client('DELETE', '/guardrails/gr-content-filter');
    expect(config.status).toBe(400);
  });
});
