import { type FakeWorker, startFakeWorker } from '@llm-control-plane/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorkerClient,
  WorkerApiError,
  type WorkerClient,
  WorkerFeatureUnavailableError,
} from '../src/index.js';

const MASTER_KEY = 'sk-testkit-master-admin-0123';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('admin registries against the LiteLLM emulator', () => {
  let worker: FakeWorker;
  let client: WorkerClient;

  beforeAll(async () => {
    worker = await startFakeWorker({ masterKey: MASTER_KEY, seed: 1, version: '1.81.0' });
    client = createWorkerClient({
      baseUrl: worker.url,
      apiKey: MASTER_KEY,
      workerId: 'admin-1',
      timeoutMs: 5_000,
    });
  });
  afterAll(async () => {
    await client.close();
    await worker.close();
  });

  it('MCP servers: list, create (201), get, update (202), health, delete (202 without a body)', async () => {
    const seeded = await client.mcpServers.list();
    expect(seeded.map((server) => server.server_name).sort()).toEqual(['github', 'jira']);
    const created = await client.mcpServers.create({
      server_id: 'mcp-wiki',
      server_name: 'wiki',
      url: 'https://wiki.example/mcp',
      transport: 'http',
      allowed_tools: ['search'],
    });
    expect(created).toMatchObject({ server_id: 'mcp-wiki', server_name: 'wiki', transport: 'http' });
    expect((await client.mcpServers.get('mcp-wiki')).allowed_tools).toEqual(['search']);
    const updated = await client.mcpServers.update({
      server_id: 'mcp-wiki',
      allowed_tools: ['search', 'read'],
    });
    expect(updated.allowed_tools).toEqual(['search', 'read']);
    expect(updated.server_name).toBe('wiki');
    const health = await client.mcpServers.health(['mcp-wiki']);
    expect(health).toEqual([expect.objectContaining({ server_id: 'mcp-wiki', status: 'healthy' })]);
    await expect(client.mcpServers.delete('mcp-wiki')).resolves.toBeUndefined();
    const missing = await failure(client.mcpServers.get('mcp-wiki'));
    // A missing object is an ordinary 404, not a missing feature.
    expect(WorkerApiError.isInstance(missing) && missing.status).toBe(404);
    expect(WorkerFeatureUnavailableError.isInstance(missing)).toBe(false);
  });

  it('MCP servers refuse a second server with the same name and an http server without a url', async () => {
    const duplicate = await failure(
      client.mcpServers.create({ server_name: 'github', url: 'https://x.example' }),
    );
    expect((duplicate as WorkerApiError).status).toBe(400);
    const noUrl = await failure(client.mcpServers.create({ server_name: 'nourl', transport: 'http' }));
    expect((noUrl as WorkerApiError).message).toMatch(/url is required/);
  });

  it('MCP toolsets on a release that has them', async () => {
    const toolset = await client.mcpServers.createToolset({
      toolset_name: 'support',
      tools: [{ server_id: 'mcp-github', tool_name: 'get_issue' }],
    });
    expect(toolset.toolset_name).toBe('support');
    expect((await client.mcpServers.listToolsets()).map((item) => item.toolset_id)).toContain(
      toolset.toolset_id,
    );
    await client.mcpServers.deleteToolset(toolset.toolset_id);
    expect(await client.mcpServers.listToolsets()).toEqual([]);
  });

  it('guardrails: v2 list masks secrets, config list has config guardrails only, CRUD by id', async () => {
    const { guardrails } = await client.guardrails.list();
    const injection = guardrails.find((item) => item.guardrail_name === 'prompt-injection');
    expect(injection?.litellm_params?.api_key).toMatch(/^lk-s\*+-key$/);
    expect((await client.guardrails.listConfigured()).guardrails.map((item) => item.guardrail_name)).toEqual([
      'content-filter',
    ]);
    const created = await client.guardrails.create({
      guardrail_name: 'toxicity',
      litellm_params: { guardrail: 'openai_moderation', mode: 'pre_call', api_key: 'sk-moderation-secret-1' },
    });
    const id = created.guardrail_id as string;
    expect(created.litellm_params?.api_key).not.toContain('moderation-secret');
    const updated = await client.guardrails.update(id, {
      guardrail_name: 'toxicity',
      litellm_params: { guardrail: 'openai_moderation', mode: 'post_call' },
    });
    expect(updated.litellm_params?.mode).toBe('post_call');
    expect((await client.guardrails.get(id)).guardrail_name).toBe('toxicity');
    await client.guardrails.delete(id);
    const badMode = await failure(
      client.guardrails.create({
        guardrail_name: 'x',
        litellm_params: { guardrail: 'presidio', mode: 'sometimes' },
      }),
    );
    expect((badMode as WorkerApiError).status).toBe(400);
  });

  it('vector stores: the management registry only, paginated', async () => {
    const page = await client.vectorStores.listPage({ page: 1, page_size: 1 });
    expect(page).toMatchObject({ object: 'list', total_count: 1, current_page: 1 });
    const created = await client.vectorStores.create({
      vector_store_id: 'vs-policies',
      custom_llm_provider: 'openai',
      vector_store_name: 'Policies',
    });
    expect(created.vector_store?.vector_store_id).toBe('vs-policies');
    await client.vectorStores.update({
      vector_store_id: 'vs-policies',
      vector_store_description: 'HR policies',
    });
    expect((await client.vectorStores.get('vs-policies')).vector_store?.vector_store_description).toBe(
      'HR policies',
    );
    expect((await client.vectorStores.list()).map((store) => store.vector_store_id).sort()).toEqual([
      'vs-policies',
      'vs-support-kb',
    ]);
    await client.vectorStores.delete('vs-policies');
    expect(await client.vectorStores.list()).toHaveLength(1);
  });

  it('agents, prompts and search tools: create, read, replace, delete', async () => {
    const agent = await client.agents.create({
      agent_name: 'research',
      agent_card_params: { name: 'Research' },
    });
    expect((await client.agents.get(agent.agent_id)).agent_name).toBe('research');
    await client.agents.update(agent.agent_id, {
      agent_name: 'research',
      agent_card_params: { name: 'R&D' },
    });
    expect(
      (await client.agents.list()).find((item) => item.agent_id === agent.agent_id)?.agent_card_params,
    ).toEqual({
      name: 'R&D',
    });
    await expect(client.agents.delete(agent.agent_id)).resolves.toMatchObject({
      message: expect.any(String),
    });

    await client.prompts.create({
      prompt_id: 'summary',
      litellm_params: { prompt_integration: 'dotprompt' },
    });
    expect((await client.prompts.get('summary')).prompt_spec.prompt_id).toBe('summary');
    await client.prompts.update('summary', {
      prompt_id: 'summary',
      litellm_params: { prompt_integration: 'langfuse' },
    });
    const prompts = (await client.prompts.list()).prompts;
    expect(prompts.find((item) => item.prompt_id === 'summary')?.litellm_params).toEqual({
      prompt_integration: 'langfuse',
    });
    await client.prompts.delete('summary');

    const tool = await client.searchTools.create({
      search_tool_name: 'news',
      litellm_params: { search_provider: 'exa_ai', api_key: 'exa-secret-value-123' },
    });
    expect(tool.litellm_params?.api_key).toBe('exa-************-123');
    const id = tool.search_tool_id as string;
    expect((await client.searchTools.get(id)).search_tool_name).toBe('news');
    await client.searchTools.update(id, {
      search_tool_name: 'news',
      litellm_params: { search_provider: 'tavily' },
    });
    expect((await client.searchTools.list()).data.map((item) => item.search_tool_name).sort()).toEqual([
      'news',
      'web-search',
    ]);
    await client.searchTools.delete(id);
  });

  it('credentials: values are written once and only ever read back masked', async () => {
    await client.credentials.create({
      credential_name: 'azure-eu',
      credential_values: { api_key: 'azure-secret-value-0001', api_base: 'https://eu.example' },
      credential_info: { custom_llm_provider: 'azure' },
    });
    const read = await client.credentials.get('azure-eu');
    expect(read.credential_values?.api_key).toBe('azur***************0001');
    expect(JSON.stringify(await client.credentials.list())).not.toContain('secret-value');
    await client.credentials.update('azure-eu', { credential_info: { region: 'eu-west' } });
    expect((await client.credentials.get('azure-eu')).credential_info).toEqual({
      custom_llm_provider: 'azure',
      region: 'eu-west',
    });
    await client.credentials.delete('azure-eu');
    expect((await client.credentials.list()).credentials.map((item) => item.credential_name)).toEqual([
      'openai-shared',
    ]);
  });

  it('tags on an enterprise worker', async () => {
    await client.tags.create({ name: 'eval', description: 'Evaluations', models: ['gpt-4o'], max_budget: 5 });
    const info = await client.tags.info(['eval', 'nope']);
    expect(Object.keys(info)).toEqual(['eval']);
    expect(info.eval?.litellm_budget_table).toMatchObject({ max_budget: 5 });
    await client.tags.update({ name: 'eval', description: 'Offline evaluations' });
    expect((await client.tags.list()).find((tag) => tag.name === 'eval')?.description).toBe(
      'Offline evaluations',
    );
    await client.tags.delete('eval');
    expect((await client.tags.list()).map((tag) => tag.name)).toEqual(['production']);
  });
});

describe('a worker lacking a feature', () => {
  it('an older LiteLLM answers 404 for the route: WorkerFeatureUnavailableError(not_found)', async () => {
    await using worker = await startFakeWorker({ masterKey: MASTER_KEY, version: '1.64.0' });
    await using client = createWorkerClient({ baseUrl: worker.url, apiKey: MASTER_KEY, workerId: 'old' });
    const error = await failure(client.guardrails.list());
    expect(WorkerFeatureUnavailableError.isInstance(error)).toBe(true);
    const unavailable = error as WorkerFeatureUnavailableError;
    expect(unavailable).toMatchObject({
      feature: 'guardrails',
      reason: 'not_found',
      status: 404,
      workerId: 'old',
    });
    expect(unavailable.toJSON()).toMatchObject({ code: 'feature_not_available', feature: 'guardrails' });
    // Still a WorkerApiError for callers that only know the older errors.
    expect(WorkerApiError.isInstance(error)).toBe(true);
    // Credentials came earlier and work on this release.
    await expect(client.credentials.list()).resolves.toEqual({ credentials: [] });
    const toolsets = await failure(client.mcpServers.listToolsets());
    expect((toolsets as WorkerFeatureUnavailableError).feature).toBe('mcpToolsets');
  });

  it('a community edition refuses tags: WorkerFeatureUnavailableError(enterprise)', async () => {
    await using worker = await startFakeWorker({ masterKey: MASTER_KEY, premium: false });
    await using client = createWorkerClient({ baseUrl: worker.url, apiKey: MASTER_KEY });
    const error = await failure(client.tags.list());
    expect(WorkerFeatureUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ feature: 'tags', reason: 'enterprise', status: 403 });
    expect((error as WorkerFeatureUnavailableError).toJSON().code).toBe('enterprise_only');
  });
});
