import { describe, expect, it } from 'vitest';
import { type Harness, jsonBody, startHarness } from './support/fixtures.js';

type ListBody = {
  kind: string;
  workers: { workerId: string; status: string; items?: Record<string, unknown>[] }[];
};

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function viewerToken(harness: Harness): Promise<string> {
  await harness.request('/api/v1/users', {
    ...jsonBody({ username: 'objects-viewer', password: 'long enough password', role: 'viewer' }),
  });
  const login = await harness.request('/api/v1/auth/login', {
    ...jsonBody({ username: 'objects-viewer', password: 'long enough password' }),
    auth: null,
  });
  return json<{ access_token: string }>(login).then((body) => body.access_token);
}

describe('fleet object routes', () => {
  it('list, drift, plan and apply a guardrail across env=prod workers with one down', async () => {
    await using harness = await startHarness({
      workers: 4,
      entry: (index) => ({ labels: { env: index === 3 ? 'staging' : 'prod' } }),
    });
    await harness.workers[2]!.fault('down');

    const listed = await json<ListBody>(
      await harness.request('/api/v1/fleet/objects/guardrails?labels=env%3Dprod'),
    );
    expect(listed.workers.map((row) => [row.workerId, row.status])).toEqual([
      ['worker-a', 'ok'],
      ['worker-b', 'ok'],
      ['worker-c', 'error'],
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/lk-seed|\*\*\*/);

    const drift = await json<{ objects: { name: string; summary: string; differing: unknown[] }[] }>(
      await harness.request('/api/v1/fleet/objects/mcpServers/drift?workers=worker-a,worker-b'),
    );
    const github = drift.objects.find((object) => object.name === 'github');
    expect(github?.summary).toBe('MCP server `github` is on 2 of 2 workers; its settings differ on 1');

    const source = listed.workers[0]!.items!.find((item) => item.guardrail_name === 'prompt-injection')!;
    const planResponse = await harness.request(
      '/api/v1/fleet/objects/guardrails/plan',
      jsonBody({ object: source, labels: { env: 'prod' } }),
    );
    expect(planResponse.status).toBe(200);
    const plan = await json<{
      workers: { workerId: string; action: string }[];
      object: Record<string, unknown>;
    }>(planResponse);
    expect(plan.workers.map((row) => [row.workerId, row.action])).toEqual([
      ['worker-a', 'noop'],
      ['worker-b', 'create'],
      ['worker-c', 'error'],
    ]);

    const applied = await json<{ workers: { workerId: string; status: string }[]; correlationId: string }>(
      await harness.request('/api/v1/fleet/objects/guardrails/apply', jsonBody({ plan })),
    );
    expect(applied.workers.map((row) => row.status)).toEqual(['unchanged', 'applied', 'failed']);
    const onB = [...harness.workers[1]!.state.adminObjects.guardrails.values()].map(
      (item) => item.guardrail_name,
    );
    expect(onB).toContain('prompt-injection');
    // The staging worker is outside the selection and stays as it was.
    const onStaging = [...harness.workers[3]!.state.adminObjects.guardrails.values()].map(
      (item) => item.guardrail_name,
    );
    expect(onStaging).not.toContain('prompt-injection');

    const audit = await json<{ entries: { worker_id: string; action: string; correlation_id: string }[] }>(
      await harness.request('/api/v1/audit?action=fleet.objects.apply'),
    );
    expect(audit.entries.map((entry) => entry.worker_id).sort()).toEqual(['worker-b', 'worker-c']);
    expect(new Set(audit.entries.map((entry) => entry.correlation_id))).toEqual(
      new Set([applied.correlationId]),
    );
  });

  it('answers clear 4xx envelopes for unknown kinds, bad selectors and bad plans', async () => {
    await using harness = await startHarness({ workers: 1 });
    const unknown = await harness.request('/api/v1/fleet/objects/widgets');
    expect(unknown.status).toBe(404);
    expect((await json<{ error: { message: string } }>(unknown)).error.message).toMatch(
      /expected one of mcpServers/,
    );
    const labels = await harness.request('/api/v1/fleet/objects/guardrails?labels=env');
    expect(labels.status).toBe(400);
    expect(await labels.text()).toMatch(/name=value pairs/);
    const nameless = await harness.request(
      '/api/v1/fleet/objects/agents/plan',
      jsonBody({ object: { description: 'x' } }),
    );
    expect(nameless.status).toBe(400);
    expect(await nameless.text()).toMatch(/needs agent_name/);
    const mismatched = await harness.request(
      '/api/v1/fleet/objects/agents/apply',
      jsonBody({
        plan: { id: 'p', kind: 'guardrails', name: 'x', object: {}, workers: [{ workerId: 'worker-a' }] },
      }),
    );
    expect(mismatched.status).toBe(400);
    const unknownWorker = await harness.request(
      '/api/v1/fleet/objects/guardrails/apply',
      jsonBody({
        plan: { id: 'p', kind: 'guardrails', name: 'x', object: {}, workers: [{ workerId: 'nope' }] },
      }),
    );
    expect(unknownWorker.status).toBe(404);
  });

  it('needs a credential, and write access to apply', async () => {
    await using harness = await startHarness({ workers: 1 });
    expect((await harness.request('/api/v1/fleet/objects/guardrails', { auth: null })).status).toBe(401);
    const token = await viewerToken(harness);
    expect((await harness.request('/api/v1/fleet/objects/guardrails', { auth: token })).status).toBe(200);
    const refused = await harness.request('/api/v1/fleet/objects/guardrails/apply', {
      ...jsonBody({
        plan: { id: 'p', kind: 'guardrails', name: 'x', object: {}, workers: [{ workerId: 'worker-a' }] },
      }),
      auth: token,
    });
    expect(refused.status).toBe(403);
  });

  it('is described in /openapi.json', async () => {
    await using harness = await startHarness({ workers: 1 });
    const spec = await json<{ paths: Record<string, unknown> }>(await harness.request('/openapi.json'));
    for (const path of ['', '/search', '/drift', '/plan', '/apply']) {
      expect(spec.paths[`/api/v1/fleet/objects/{kind}${path}`]).toBeDefined();
    }
  });
});
