import { type FakeWorker, startFakeWorker } from '@llm-control-plane/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from '../src/index.js';
import { closeAll } from './helpers.js';

/**
 * Four production workers: two seeded differently, one down, one on a LiteLLM release older than
 * the guardrail and MCP registries; and one staging worker that a `env=prod` selector must leave alone.
 */
describe('admin objects across the fleet', () => {
  const workers: FakeWorker[] = [];
  let fleet: Fleet;
  const prod = { labels: { env: 'prod' } };

  beforeAll(async () => {
    const options = [{ seed: 1 }, { seed: 2 }, { seed: 3 }, { version: '1.64.0' }, {}];
    for (const [index, extra] of options.entries()) {
      workers.push(await startFakeWorker({ masterKey: `sk-admin-${index}-master`, ...extra }));
    }
    fleet = new Fleet(
      workers.map((worker, index) => ({
        worker_id: `w${index}`,
        name: `worker ${index}`,
        url: worker.url,
        api_key: worker.masterKey,
        labels: { env: index === 4 ? 'staging' : 'prod' },
      })),
      { timeoutMs: 5_000 },
    );
    await workers[2]!.fault('down');
  });
  afterAll(async () => {
    await fleet?.close();
    await closeAll(workers);
  });

  it('lists with one row per worker: ok, down and "not available" with the LiteLLM version', async () => {
    const result = await fleet.admin('guardrails').list({ workers: prod });
    const rows = Object.fromEntries(result.workers.map((row) => [row.workerId, row]));
    expect(rows.w0?.items?.map((item) => item.guardrail_name).sort()).toEqual([
      'content-filter',
      'pii-mask',
      'prompt-injection',
    ]);
    expect(rows.w2).toMatchObject({ status: 'error', error: { kind: 'unreachable' } });
    expect(rows.w3).toMatchObject({ status: 'unavailable', reason: 'not_found', litellmVersion: '1.64.0' });
    expect(rows.w4).toBeUndefined();
    // Listed secrets are redacted, not merely masked.
    const injection = rows.w0?.items?.find((item) => item.guardrail_name === 'prompt-injection');
    expect(injection?.litellm_params).toMatchObject({ api_key: '[redacted]' });
  });

  it('searches by name across workers', async () => {
    const found = await fleet.admin('mcpServers').search('GIT', { match: 'contains' });
    expect(found.matches.map((match) => match.workerId)).toEqual(['w0', 'w1']);
    expect(found.workers.find((row) => row.workerId === 'w3')?.status).toBe('unavailable');
  });

  it('drift names where each object is and which fields differ', async () => {
    const report = await fleet.admin('mcpServers').drift({ workers: prod });
    const github = report.objects.find((object) => object.name === 'github');
    expect(github).toMatchObject({ reference: 'w0', presentOn: ['w0', 'w1'], missingOn: [], inSync: false });
    expect(github?.differing).toEqual([
      {
        workerId: 'w1',
        fields: [
          {
            field: 'allowed_tools',
            from: ['create_issue', 'get_issue', 'search_code'],
            to: ['get_issue', 'search_code'],
          },
        ],
      },
    ]);
    expect(github?.summary).toBe('MCP server `github` is on 2 of 2 workers; its settings differ on 1');
    const jira = report.objects.find((object) => object.name === 'jira');
    expect(jira).toMatchObject({ presentOn: ['w0'], missingOn: ['w1'] });
    expect(jira?.summary).toBe('MCP server `jira` is on 1 of 2 workers');
    expect(report.workers.map((row) => row.status)).toEqual(['ok', 'ok', 'error', 'unavailable']);
  });

  it('drift against a baseline worker hides secret values but reports that they differ', async () => {
    await fleet.worker('w1').client.credentials.create({
      credential_name: 'azure-eu',
      credential_values: { api_key: 'azure-one-secret-value-1' },
    });
    await fleet.worker('w0').client.credentials.create({
      credential_name: 'azure-eu',
      credential_values: { api_key: 'other-secret-value-0002' },
    });
    const report = await fleet.admin('credentials').drift({ workers: ['w0', 'w1'], baseline: 'w0' });
    const azure = report.objects.find((object) => object.name === 'azure-eu');
    expect(azure?.differing).toEqual([
      {
        workerId: 'w1',
        fields: [{ field: 'credential_values.api_key', from: '[redacted]', to: '[redacted]' }],
      },
    ]);
    expect(JSON.stringify(report)).not.toMatch(/secret-value|\*\*\*/);
    // Names and descriptions of credentials are not secrets; their values are.
    const listed = await fleet.admin('credentials').list({ workers: ['w0'] });
    expect(listed.workers[0]?.items?.find((item) => item.credential_name === 'openai-shared')).toMatchObject({
      credential_info: { custom_llm_provider: 'openai' },
      credential_values: { api_key: '[redacted]' },
    });
  });

  it('plans a guardrail roll-out to env=prod: no secret in the plan, one row per worker', async () => {
    const source = (await fleet.worker('w0').client.guardrails.list()).guardrails.find(
      (item) => item.guardrail_name === 'prompt-injection',
    );
    const plan = await fleet.admin('guardrails').plan(source!, { workers: prod });
    expect(plan.object.litellm_params).toMatchObject({ guardrail: 'lakera_v2', api_key: '[redacted]' });
    expect(plan.object.guardrail_id).toBeUndefined();
    expect(plan.secretFields).toEqual(['litellm_params.api_key']);
    expect(JSON.stringify(plan)).not.toMatch(/lk-seed|\*\*\*/);
    expect(plan.workers.map((row) => [row.workerId, row.action])).toEqual([
      ['w0', 'noop'],
      ['w1', 'create'],
      ['w2', 'error'],
      ['w3', 'unavailable'],
    ]);
    expect(plan.workers[3]?.litellmVersion).toBe('1.64.0');
    expect(plan.summary).toEqual({ create: 1, update: 0, noop: 1, unavailable: 1, failed: 1 });

    const applied = await fleet.admin('guardrails').apply(plan);
    expect(applied.workers.map((row) => [row.workerId, row.status])).toEqual([
      ['w0', 'unchanged'],
      ['w1', 'applied'],
      ['w2', 'failed'],
      ['w3', 'unavailable'],
    ]);
    expect(applied.status).toBe('partial');
    const copied = workers[1]!.state.adminObjects.guardrails;
    const created = [...copied.values()].find((item) => item.guardrail_name === 'prompt-injection');
    expect(created?.litellm_params).toEqual({ guardrail: 'lakera_v2', mode: 'pre_call' });

    const again = await fleet.admin('guardrails').apply(plan);
    expect(again.workers.find((row) => row.workerId === 'w1')?.status).toBe('unchanged');
    expect([...copied.values()].filter((item) => item.guardrail_name === 'prompt-injection')).toHaveLength(1);
  });

  it('updates only the fields that differ and leaves the staging worker alone', async () => {
    const plan = await fleet
      .admin('guardrails')
      .plan(
        { guardrail_name: 'pii-mask', litellm_params: { guardrail: 'presidio', mode: 'during_call' } },
        { workers: prod },
      );
    const w1 = plan.workers.find((row) => row.workerId === 'w1');
    expect(w1).toMatchObject({
      action: 'update',
      diff: [{ field: 'litellm_params.mode', from: 'pre_call', to: 'during_call' }],
    });
    const result = await fleet.admin('guardrails').apply(plan);
    expect(result.summary).toMatchObject({ applied: 2, failed: 1, unavailable: 1 });
    const pii = [...workers[1]!.state.adminObjects.guardrails.values()].find(
      (item) => item.guardrail_name === 'pii-mask',
    );
    // Settings the desired object does not name stay as they were.
    expect(pii?.litellm_params).toMatchObject({
      mode: 'during_call',
      default_on: true,
      pii_entities_config: expect.any(Object),
    });
    expect(workers[4]!.state.adminObjects.guardrails.size).toBe(0);
  });

  it('does not create a credential whose values it cannot know', async () => {
    const plan = await fleet
      .admin('credentials')
      .plan(
        { credential_name: 'azure-eu', credential_values: { api_key: 'azur*****0001' } },
        { workers: ['w4'] },
      );
    expect(plan.workers[0]).toMatchObject({ action: 'noop', note: expect.stringContaining('write-only') });
    const result = await fleet.admin('credentials').apply(plan);
    expect(result.workers[0]?.status).toBe('skipped');
  });

  it('refuses an unknown kind and a desired object without its name', async () => {
    expect(() => fleet.admin('widgets' as never)).toThrow(/Unknown admin object kind 'widgets'/);
    await expect(fleet.admin('agents').plan({ description: 'x' })).rejects.toThrow(/needs agent_name/);
  });
});
