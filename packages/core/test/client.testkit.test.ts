import { type FakeWorker, startFakeWorker } from '@llm-control-plane/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorkerClient,
  hashToken,
  WorkerApiError,
  type WorkerClient,
  WorkerResponseError,
  WorkerTimeoutError,
  WorkerUnreachableError,
} from '../src/index.js';

const MASTER_KEY = 'sk-testkit-master-0123456789';

describe('worker client against the LiteLLM emulator', () => {
  let worker: FakeWorker;
  let client: WorkerClient;

  beforeAll(async () => {
    worker = await startFakeWorker({
      masterKey: MASTER_KEY,
      controlPlaneUrl: 'http://127.0.0.1:1',
      seed: { keys: 7, teams: 3, users: 5, spendLogs: 20, seed: 3 },
    });
    client = createWorkerClient({
      baseUrl: worker.url,
      apiKey: MASTER_KEY,
      workerId: 'fake-1',
      timeoutMs: 5_000,
    });
  });
  afterAll(async () => {
    await client.close();
    await worker.close();
  });

  it('health and ui config', async () => {
    await expect(client.health.liveliness()).resolves.toBe("I'm alive!");
    const readiness = await client.health.readiness();
    expect(readiness.status).toBe('healthy');
    const uiConfig = await client.uiConfig();
    expect(typeof uiConfig.server_root_path).toBe('string');
  });

  it('hashToken gives the token the worker stores, so a key can be looked up without its secret', async () => {
    const generated = await client.keys.generate({ key_alias: 'lookup-by-token' });
    const token = hashToken(generated.key);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(generated.token).toBe(token);
    const info = await client.keys.info(token);
    expect(info.info.key_alias).toBe('lookup-by-token');
    await client.keys.delete({ keys: [generated.key] });
  });

  it('teams.listAll yields every seeded team', async () => {
    const listed = await client.teams.list();
    const walked: string[] = [];
    for await (const team of client.teams.listAll({ page_size: 2 })) walked.push(team.team_id);
    expect(walked.sort()).toEqual(listed.map((team) => team.team_id).sort());
  });

  it('key lifecycle: generate, info, update, block, regenerate, delete', async () => {
    const generated = await client.keys.generate({ key_alias: 'integration-key', max_budget: 5 });
    expect(generated.key).toMatch(/^sk-/);
    const info = await client.keys.info(generated.key);
    expect(info.info.key_alias).toBe('integration-key');
    const updated = await client.keys.update({ key: generated.key, max_budget: 7 });
    expect(updated.max_budget).toBe(7);
    expect((await client.keys.block(generated.key)).blocked).toBe(true);
    expect((await client.keys.unblock(generated.key)).blocked).toBe(false);
    const rotated = await client.keys.regenerate(generated.key);
    expect(rotated.key).not.toBe(generated.key);
    await expect(client.keys.delete({ keys: [rotated.key] })).resolves.toEqual({
      deleted_keys: [rotated.key],
    });
    const missing = await client.keys.info(rotated.key).catch((error: unknown) => error);
    expect(WorkerApiError.isInstance(missing)).toBe(true);
    expect((missing as WorkerApiError).status).toBe(404);
  });

  it('keys.listAll returns every key across pages', async () => {
    const first = await client.keys.list({ size: 2 });
    const all = [];
    for await (const key of client.keys.listAll({ size: 2 })) all.push(key);
    expect(all.length).toBe(first.total_count);
    expect(new Set(all.map((key) => key.token)).size).toBe(all.length);
  });

  it('teams, members and users', async () => {
    const team = await client.teams.create({ team_alias: 'integration-team' });
    const user = await client.users.create({ user_email: 'integration@example.com', auto_create_key: false });
    await client.teams.addMember({ team_id: team.team_id, member: { role: 'user', user_id: user.user_id } });
    const info = await client.teams.info(team.team_id);
    expect(info.team_info.members_with_roles?.some((member) => member.user_id === user.user_id)).toBe(true);
    const updated = await client.teams.update({ team_id: team.team_id, max_budget: 9 });
    expect(updated.data.max_budget).toBe(9);
    const page = await client.teams.listPage({ page: 1, page_size: 100 });
    expect(page.teams.some((candidate) => candidate.team_id === team.team_id)).toBe(true);
    const users = [];
    for await (const candidate of client.users.listAll({ page_size: 2 })) users.push(candidate.user_id);
    expect(users).toContain(user.user_id);
    await client.teams.delete({ team_ids: [team.team_id] });
    await client.users.delete({ user_ids: [user.user_id] });
  });

  it('models', async () => {
    const created = await client.models.create({
      model_name: 'integration-model',
      litellm_params: { model: 'openai/gpt-4o-mini' },
    });
    const id = created.model_id ?? created.model_info?.id ?? '';
    const info = await client.models.info({ litellm_model_id: id });
    expect(info.data[0]?.model_name).toBe('integration-model');
    const list = await client.models.list();
    expect(list.data.map((model) => model.id)).toContain('integration-model');
    await expect(client.models.delete(id)).resolves.toMatchObject({ message: expect.any(String) });
  });

  it('budgets, organizations and customers', async () => {
    const budget = await client.budgets.create({ budget_id: 'integration-budget', max_budget: 10 });
    expect(budget.budget_id).toBe('integration-budget');
    expect(
      (await client.budgets.update({ budget_id: 'integration-budget', max_budget: 20 })).max_budget,
    ).toBe(20);
    expect((await client.budgets.info(['integration-budget']))[0]?.max_budget).toBe(20);
    expect((await client.budgets.list()).map((row) => row.budget_id)).toContain('integration-budget');
    await client.budgets.delete('integration-budget');

    const organization = await client.organizations.create({ organization_alias: 'integration-org' });
    expect((await client.organizations.info(organization.organization_id)).organization_alias).toBe(
      'integration-org',
    );
    const renamed = await client.organizations.update({
      organization_id: organization.organization_id,
      organization_alias: 'renamed-org',
    });
    expect(renamed.organization_alias).toBe('renamed-org');
    expect((await client.organizations.list()).map((row) => row.organization_id)).toContain(
      organization.organization_id,
    );
    await client.organizations.delete([organization.organization_id]);

    const customer = await client.customers.create({ user_id: 'integration-customer', alias: 'C' });
    expect(customer.user_id).toBe('integration-customer');
    expect((await client.customers.info('integration-customer')).alias).toBe('C');
    await client.customers.update({ user_id: 'integration-customer', alias: 'D' });
    expect((await client.customers.list()).map((row) => row.user_id)).toContain('integration-customer');
    await client.customers.delete(['integration-customer']);
    const gone = await client.customers.info('integration-customer').catch((error: unknown) => error);
    expect((gone as WorkerApiError).status).toBe(404);
  });

  it('spend logs and daily activity over the seeded data', async () => {
    const end = new Date();
    const start = new Date(end.getTime() - 40 * 24 * 60 * 60 * 1000);
    const day = (date: Date) => date.toISOString().slice(0, 10);
    const logs = await client.spend.logs({
      start_date: `${day(start)} 00:00:00`,
      end_date: `${day(end)} 23:59:59`,
      page: 1,
      page_size: 5,
    });
    expect(logs.data.length).toBeGreaterThan(0);
    expect(logs.total).toBeGreaterThan(0);
    const activity = await client.spend.dailyActivity({
      start_date: day(start),
      end_date: day(end),
      page_size: 1000,
    });
    expect(Array.isArray(activity.results)).toBe(true);
    const teamActivity = await client.spend.teamDailyActivity({ start_date: day(start), end_date: day(end) });
    expect(Array.isArray(teamActivity.results)).toBe(true);
    const report = await client.spend.report({
      start_date: day(start),
      end_date: day(end),
      group_by: 'team',
    });
    expect(Array.isArray(report)).toBe(true);
  });

  it('the remaining read endpoints validate against the emulator', async () => {
    const teams = await client.teams.list();
    expect(teams.length).toBeGreaterThan(0);
    const firstTeam = teams[0]!;
    expect((await client.teams.block(firstTeam.team_id)).blocked).toBe(true);
    expect((await client.teams.unblock(firstTeam.team_id)).blocked).toBe(false);
    const me = await client.users.info();
    expect(me).toBeDefined();
    const page = await client.models.infoPage({ page: 1, size: 2 });
    expect(Array.isArray(page.data)).toBe(true);
    const health = await client.health.check();
    expect(health).toBeDefined();
  });

  it('login and the one-time code exchange', async () => {
    const login = await client.auth.login({ username: 'admin', password: MASTER_KEY });
    expect(login.redirect_url).toContain('/ui');
    const code = await client.auth.loginWithCode({ username: 'admin', password: MASTER_KEY });
    const exchanged = await client.auth.exchangeCode(code.code);
    expect(typeof exchanged.token).toBe('string');
  });

  it('a wrong credential gives a parsed 401 ProxyException without the credential', async () => {
    const wrongKey = 'sk-wrong-credential-987654321';
    const intruder = createWorkerClient({ baseUrl: worker.url, apiKey: wrongKey });
    try {
      const error = await intruder.keys.list().catch((caught: unknown) => caught);
      expect(WorkerApiError.isInstance(error)).toBe(true);
      expect((error as WorkerApiError).status).toBe(401);
      expect((error as WorkerApiError).type).toBeDefined();
      expect(JSON.stringify(error)).not.toContain(wrongKey);
      expect(String(error)).not.toContain(wrongKey);
    } finally {
      await intruder.close();
    }
  });

  describe('faults', () => {
    it('error500: GET is retried (counted), POST is not', async () => {
      await worker.fault('error500');
      try {
        const before = worker.state.counters.requests;
        await expect(client.budgets.list()).rejects.toSatisfy(WorkerApiError.isInstance);
        expect(worker.state.counters.requests - before).toBe(3);
        const beforePost = worker.state.counters.requests;
        await expect(client.keys.generate()).rejects.toSatisfy(WorkerApiError.isInstance);
        expect(worker.state.counters.requests - beforePost).toBe(1);
      } finally {
        await worker.fault('none');
      }
    });

    it('flaky: a GET succeeds thanks to a retry', async () => {
      await worker.fault('flaky', { every: 2 });
      try {
        for (let index = 0; index < 3; index += 1)
          await expect(client.health.readiness()).resolves.toBeDefined();
      } finally {
        await worker.fault('none');
      }
    });

    it('garbage: WorkerResponseError', async () => {
      await worker.fault('garbage');
      try {
        await expect(client.teams.list()).rejects.toSatisfy(WorkerResponseError.isInstance);
      } finally {
        await worker.fault('none');
      }
    });

    it('hang: WorkerTimeoutError within the deadline', async () => {
      await worker.fault('hang');
      try {
        const started = Date.now();
        const error = await client.keys.list({}, { timeoutMs: 300 }).catch((caught: unknown) => caught);
        expect(WorkerTimeoutError.isInstance(error)).toBe(true);
        expect(Date.now() - started).toBeLessThan(300 + 250);
      } finally {
        await worker.fault('none');
      }
    });

    it('down: WorkerUnreachableError, and the client recovers when it is back', async () => {
      await worker.fault('down');
      try {
        const error = await client.health.liveliness({ timeoutMs: 2_000 }).catch((caught: unknown) => caught);
        expect(WorkerUnreachableError.isInstance(error)).toBe(true);
        expect((error as WorkerUnreachableError).code).toBe('ECONNREFUSED');
      } finally {
        await worker.fault('none');
      }
      await expect(client.health.liveliness()).resolves.toBe("I'm alive!");
    });
  });
});
