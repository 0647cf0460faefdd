import { startFakeWorkers } from '@llm-control-plane/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DesiredState, Fleet, type Plan } from '../src/index.js';
import { closeAll, entriesFor, startWorkers, type TestWorkers } from './helpers.js';

const desired: DesiredState = {
  budgets: [{ budget_id: 'standard-budget', max_budget: 100, budget_duration: '30d' }],
  models: [
    {
      model_name: 'fleet-gpt',
      litellm_params: { model: 'openai/gpt-4o-mini', api_key: 'os.environ/OPENAI_API_KEY', rpm: 100 },
      model_info: { mode: 'chat' },
    },
  ],
  teams: [
    {
      team_alias: 'platform',
      models: ['fleet-gpt'],
      max_budget: 50,
      budget_duration: '30d',
      metadata: { owner: 'ops' },
    },
    { team_alias: 'research', models: [], max_budget: 10 },
  ],
  keyPolicies: [{ key_alias: 'ci-bot', max_budget: 5, models: ['fleet-gpt'] }],
};

function countActions(plan: Plan): Record<string, number> {
  const counts: Record<string, number> = { create: 0, update: 0, noop: 0 };
  for (const worker of plan.workers) for (const change of worker.changes) counts[change.action]! += 1;
  return counts;
}

describe('plan, apply and drift across five workers', () => {
  let workers: TestWorkers;
  let fleet: Fleet;

  beforeAll(async () => {
    workers = await startWorkers(5);
    fleet = new Fleet(entriesFor(workers), { timeoutMs: 5_000 });
    // Every worker already has the key the policy targets; worker 0 already has one team, but different.
    await fleet.each(({ client, signal }) =>
      client.keys.generate({ key_alias: 'ci-bot', max_budget: 1 }, { signal }),
    );
    await fleet
      .worker('w0')
      .client.teams.create({ team_alias: 'platform', max_budget: 20, models: ['fleet-gpt'] });
  });

  afterAll(async () => {
    await fleet?.close();
    await closeAll(workers);
  });

  it('plans, applies, and re-applies without further changes', async () => {
    const plan = await fleet.plan(desired);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    expect(plan.workers.map((worker) => worker.workerId)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4']);
    expect(plan.workers.every((worker) => worker.error === undefined)).toBe(true);

    const w0 = plan.workers[0]!.changes;
    const platform = w0.find((change) => change.resource === 'teams' && change.id === 'platform');
    expect(platform?.action).toBe('update');
    expect(platform?.diff).toEqual(
      expect.arrayContaining([
        { field: 'max_budget', from: 20, to: 50 },
        { field: 'metadata.owner', from: null, to: 'ops' },
      ]),
    );
    const w1 = plan.workers[1]!.changes;
    expect(w1.find((change) => change.id === 'platform')?.action).toBe('create');
    expect(w1.find((change) => change.resource === 'budgets')?.action).toBe('create');
    expect(w1.find((change) => change.resource === 'models')?.action).toBe('create');
    expect(w1.find((change) => change.resource === 'keyPolicies')).toMatchObject({
      action: 'update',
      diff: expect.arrayContaining([{ field: 'max_budget', from: 1, to: 5 }]),
    });
    expect(countActions(plan)).toEqual({ create: 4 * 4 + 3, update: 5 + 1, noop: 0 });

    // The plan can travel through JSON (the server sends it to a browser and takes it back).
    const result = await fleet.apply(JSON.parse(JSON.stringify(plan)) as Plan, { maxParallel: 2 });
    expect(result.status).toBe('applied');
    expect(result.summary.failed).toBe(0);
    expect(result.workers.map((worker) => worker.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);

    const second = await fleet.apply(plan);
    expect(second.status).toBe('unchanged');
    expect(second.summary.applied).toBe(0);
    for (const worker of second.workers) {
      expect(
        worker.changes.every((change) => change.action === 'noop' && change.status === 'unchanged'),
      ).toBe(true);
    }
    const replanned = await fleet.plan(desired);
    expect(countActions(replanned)).toEqual({ create: 0, update: 0, noop: 25 });
  });

  it('reports drift against a baseline worker and against the desired state', async () => {
    const inSync = await fleet.drift({
      baseline: desired,
      resources: ['teams', 'models', 'budgets', 'keyPolicies'],
    });
    expect(inSync.workers.every((worker) => worker.inSync)).toBe(true);

    const team = (await fleet.find.team({ alias: 'research' }, { workers: ['w3'] })).matches[0]!.item;
    await fleet.worker('w3').client.teams.update({ team_id: team.team_id, max_budget: 99 });
    await fleet.worker('w4').client.budgets.create({ budget_id: 'stray-budget', max_budget: 1 });

    const fromWorker = await fleet.drift({ baseline: 'w0', resources: ['teams', 'budgets'] });
    expect(fromWorker.baseline).toEqual({ kind: 'worker', workerId: 'w0' });
    expect(fromWorker.workers.map((worker) => worker.workerId)).toEqual(['w1', 'w2', 'w3', 'w4']);
    const w3 = fromWorker.workers.find((worker) => worker.workerId === 'w3')!;
    expect(w3.inSync).toBe(false);
    expect(w3.differences).toContainEqual({
      resource: 'teams',
      id: 'research',
      kind: 'changed',
      fields: [{ field: 'max_budget', from: 99, to: 10 }],
    });
    const w4 = fromWorker.workers.find((worker) => worker.workerId === 'w4')!;
    expect(w4.differences).toContainEqual({ resource: 'budgets', id: 'stray-budget', kind: 'extra' });
    expect(fromWorker.workers.find((worker) => worker.workerId === 'w1')?.inSync).toBe(true);

    const fromDesired = await fleet.drift({ baseline: desired, resources: ['teams'] });
    expect(fromDesired.workers.find((worker) => worker.workerId === 'w3')?.differences).toContainEqual({
      resource: 'teams',
      id: 'research',
      kind: 'changed',
      fields: [{ field: 'max_budget', from: 99, to: 10 }],
    });

    const repair = await fleet.plan(desired, { workers: ['w3'] });
    expect(countActions(repair)).toEqual({ create: 0, update: 1, noop: 4 });
    await fleet.apply(repair);
    const after = await fleet.drift({ baseline: desired, resources: ['teams'], workers: ['w3'] });
    expect(after.workers[0]?.inSync).toBe(true);
  });

  it('stops after the first failure, or continues, as asked', async () => {
    const more: DesiredState = { teams: [{ team_alias: 'late-team', max_budget: 1 }] };
    const plan = await fleet.plan(more);
    await workers[1]!.fault('down');
    try {
      const continued = await fleet.apply(plan, { onFailure: 'continue', maxParallel: 1, timeoutMs: 2_000 });
      expect(continued.status).toBe('partial');
      expect(continued.workers.map((worker) => worker.status)).toEqual([
        'applied',
        'failed',
        'applied',
        'applied',
        'applied',
      ]);
      expect(continued.workers[1]?.error?.kind).toBe('unreachable');
    } finally {
      await workers[1]!.fault('none');
    }
    const stopPlan = await fleet.plan({ teams: [{ team_alias: 'later-team' }] });
    await workers[0]!.fault('down');
    try {
      const stopped = await fleet.apply(stopPlan, { onFailure: 'stop', maxParallel: 1, timeoutMs: 2_000 });
      expect(stopped.workers.map((worker) => worker.status)).toEqual([
        'failed',
        'skipped',
        'skipped',
        'skipped',
        'skipped',
      ]);
      expect(stopped.status).toBe('failed');
    } finally {
      await workers[0]!.fault('none');
    }
  });

  it('rejects malformed desired states and plans', async () => {
    await expect(fleet.plan({ teams: [{ max_budget: 1 } as never] })).rejects.toThrow(/team_alias/);
    await expect(fleet.apply({ workers: 'w0' } as never)).rejects.toThrow(/plan.workers/);
  });

  it('leaves config-file models alone and keeps provider secrets out of plans', async () => {
    const [configured] = await startFakeWorkers(1, () => ({
      masterKey: 'sk-config-worker',
      models: [{ model_name: 'from-config', litellm_params: { model: 'openai/gpt-4o' } }],
    }));
    try {
      await using single = new Fleet([
        { worker_id: 'cfg', name: 'config', url: configured!.url, api_key: configured!.masterKey },
      ]);
      const secretive: DesiredState = {
        models: [
          { model_name: 'from-config', litellm_params: { model: 'openai/gpt-4o-mini' } },
          {
            model_name: 'with-secret',
            litellm_params: { model: 'openai/gpt-4o', api_key: 'sk-provider-secret-1' },
          },
        ],
      };
      const plan = await single.plan(secretive);
      const [fromConfig, withSecret] = plan.workers[0]!.changes;
      expect(fromConfig).toMatchObject({ action: 'noop', note: expect.stringMatching(/config file/) });
      expect(fromConfig?.diff).toEqual([
        { field: 'litellm_params.model', from: 'openai/gpt-4o', to: 'openai/gpt-4o-mini' },
      ]);
      expect(withSecret).toMatchObject({
        action: 'create',
        after: { litellm_params: { api_key: '[redacted]' } },
      });
      expect(JSON.stringify(plan.workers)).not.toContain('sk-provider-secret-1');

      const applied = await single.apply(plan);
      expect(applied.workers[0]?.changes.map((change) => change.status)).toEqual(['unchanged', 'applied']);
      const again = await single.plan(secretive);
      expect(again.workers[0]!.changes.map((change) => change.action)).toEqual(['noop', 'noop']);
    } finally {
      await configured?.close();
    }
  });
});
