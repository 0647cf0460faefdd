import { inspect } from 'node:util';
import type { FakeWorker } from '@llm-control-plane/testkit';
import { startFakeWorker } from '@llm-control-plane/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from '../src/index.js';
import { closeAll } from './helpers.js';

const VERSIONS = ['1.79.0', '1.82.0', '1.83.7', '1.84.0'];
const PASSWORD = 'fleet-ui-password';

describe('a fleet holding UI logins of workers of every LiteLLM login generation', () => {
  let workers: FakeWorker[];

  beforeAll(async () => {
    workers = await Promise.all(
      VERSIONS.map((litellmVersion, index) =>
        startFakeWorker({
          masterKey: `sk-fleet-login-${index}`,
          uiPassword: PASSWORD,
          litellmVersion,
          seed: { keys: 2, teams: 2, users: 1, spendLogs: 0, seed: index + 1 },
        }),
      ),
    );
  });
  afterAll(() => closeAll(workers));

  const entries = () =>
    workers.map((worker, index) => ({
      worker_id: `v${index}`,
      name: `LiteLLM ${VERSIONS[index]}`,
      url: worker.url,
      ui_username: 'admin',
      ui_password: PASSWORD,
    }));

  it('logs in to each and manages it with the session, never exposing the password', async () => {
    await using fleet = new Fleet(entries());
    const results = await fleet.each(({ client }) => client.teams.list());
    for (const result of results) {
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (result.ok) expect(result.value.length).toBeGreaterThanOrEqual(2);
    }
    const listed = fleet.workers();
    for (const entry of listed) {
      expect(entry.has_credential).toBe(true);
      expect(entry).not.toHaveProperty('ui_password');
    }
    expect(JSON.stringify(listed) + inspect(fleet, { depth: 5 })).not.toContain(PASSWORD);
    const created = await fleet.worker('v0').client.keys.generate({ key_alias: 'made-through-form-login' });
    expect(created.key_alias).toBe('made-through-form-login');
  });

  it('records each worker’s LiteLLM version in its health', async () => {
    await using fleet = new Fleet(entries());
    const health = await fleet.health();
    expect(health.map((row) => row.version)).toEqual(VERSIONS);
  });
});

describe('a worker with litellm_key_header_name', () => {
  let worker: FakeWorker;

  beforeAll(async () => {
    worker = await startFakeWorker({
      masterKey: 'sk-fleet-key-header',
      keyHeaderName: 'X-Fleet-Key',
      seed: { keys: 1, teams: 1, users: 1, spendLogs: 0, seed: 3 },
    });
  });
  afterAll(() => worker.close());

  it('sends the key on that header, so every call works', async () => {
    const entry = { worker_id: 'h', name: 'Header', url: worker.url, api_key: worker.masterKey };
    await using plain = new Fleet([entry]);
    const refused = await plain.each(({ client }) => client.teams.list());
    expect(refused[0]?.ok).toBe(false);
    await using fleet = new Fleet([{ ...entry, litellm_key_header_name: 'X-Fleet-Key' }]);
    const [listed] = await fleet.each(({ client }) => client.teams.list());
    expect(listed?.ok).toBe(true);
  });
});
