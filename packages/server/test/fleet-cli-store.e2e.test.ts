import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@llm-control-plane/core';
import type { FakeWorker } from '@llm-control-plane/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningControlPlane, startControlPlane } from '../src/start.js';
import { MASTER_KEY } from './support/fixtures.js';
import { run, runBinary, startThreeWorkers } from './support/fleet-cli.js';
import { storeBackends } from './support/postgres.js';

const FLEET = [
  'version: 1',
  'targets:',
  '  - name: everywhere',
  '    teams: [{ team_alias: platform, max_budget: 100 }]',
].join('\n');

type PlanJson = { workers: { worker_id: string; error?: unknown; changes: { action: string }[] }[] };

let directory: string;
let workers: FakeWorker[];
let fleetPath: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cp-fleet-cli-store-'));
  fleetPath = join(directory, 'fleet.yaml');
  await writeFile(fleetPath, FLEET);
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

beforeEach(async () => {
  workers = await startThreeWorkers();
});

afterEach(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
});

/** A config with two workers of its own; `databaseUrl` puts the store in PostgreSQL. */
async function writeConfig(name: string, databaseUrl: string | undefined): Promise<string> {
  const path = join(directory, name);
  const registry = workers.slice(0, 2).map((worker, index) => ({
    worker_id: `worker-${'ab'[index]}`,
    name: `Worker ${index}`,
    url: worker.url,
    api_key: worker.masterKey,
  }));
  const generalSettings = { master_key: MASTER_KEY, ...(databaseUrl ? { database_url: databaseUrl } : {}) };
  await writeFile(path, JSON.stringify({ worker_registry: registry, general_settings: generalSettings }));
  return path;
}

async function startServer(configPath: string, dataDir: string | undefined): Promise<RunningControlPlane> {
  const { config } = await loadConfig(configPath, { env: {} });
  return startControlPlane({
    config,
    port: 0,
    ...(dataDir === undefined ? {} : { dataDir }),
    uiAssetsDir: false,
    monitorIntervalMs: 60_000,
  });
}

describe.each(storeBackends())('control-plane plan|apply --config with the $kind store', (backend) => {
  beforeAll(() => backend.setup(), 120_000);
  afterAll(() => backend.teardown());

  it('plans and applies the workers registered at run time along with the config file’s', async () => {
    const store = await backend.freshOptions();
    const configPath = await writeConfig(`cp_config-${backend.kind}.yaml`, store.databaseUrl);
    const storeArgs = store.dataDir === undefined ? [] : ['--data-dir', store.dataDir];
    let server: RunningControlPlane | undefined = await startServer(configPath, store.dataDir);
    try {
      const registered = await fetch(`${server.url}/api/v1/workers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          worker_id: 'runtime-c',
          name: 'Runtime C',
          url: workers[2]!.url,
          api_key: workers[2]!.masterKey,
        }),
      });
      expect(registered.status).toBe(201);

      if (backend.kind === 'embedded') {
        // One process per embedded store: while the server holds it, the CLI says to go through the server.
        const held = await runBinary(['plan', '-f', fleetPath, '--config', configPath, ...storeArgs], {});
        expect(held.code).toBe(1);
        expect(held.stderr).toContain(`${store.dataDir} is in use by process ${process.pid}`);
        expect(held.stderr).toContain('plan and apply through it with --url');
        await server.close();
        server = undefined;
      }

      // PostgreSQL is shared by design: read while the server runs.
      const planned = await run('plan', ['-f', fleetPath, '--config', configPath, ...storeArgs, '--json']);
      expect(planned.stderr).toBe('');
      expect(planned.code).toBe(2);
      const plan = JSON.parse(planned.stdout) as PlanJson;
      expect(plan.workers.map((worker) => worker.worker_id)).toEqual(['worker-a', 'worker-b', 'runtime-c']);
      // The stored credential was decrypted: the worker answered the plan instead of refusing it.
      expect(plan.workers[2]).toMatchObject({ changes: [{ action: 'create' }] });
      expect(plan.workers[2]!.error).toBeUndefined();

      const applied = await run('apply', ['-f', fleetPath, '--config', configPath, ...storeArgs, '--yes']);
      expect(applied.code).toBe(0);
      expect([...workers[2]!.state.teams.values()].map((team) => team.team_alias)).toEqual(['platform']);
      const again = await run('plan', ['-f', fleetPath, '--config', configPath, ...storeArgs]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('Plan: 0 to create, 0 to update, 3 up to date on 3 worker(s).');

      // The CLI let go of the store: a server opens it again.
      server ??= await startServer(configPath, store.dataDir);
    } finally {
      await server?.close();
    }
  });
});

describe('control-plane plan --config without a store', () => {
  it('plans the config file’s workers and creates no data directory', async () => {
    const configPath = await writeConfig('cp_config-no-store.yaml', undefined);
    const dataDir = join(directory, 'never-created');
    const planned = await run('plan', ['-f', fleetPath, '--config', configPath, '--data-dir', dataDir]);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain('worker worker-b');
    expect(planned.stdout).not.toContain('runtime-c');
    expect(await readdir(directory)).not.toContain('never-created');

    const misplaced = await run(
      'plan',
      ['-f', fleetPath, '--url', 'http://127.0.0.1:1', '--data-dir', dataDir],
      {
        env: { CONTROL_PLANE_TOKEN: MASTER_KEY },
      },
    );
    expect(misplaced.code).toBe(1);
    expect(misplaced.stderr).toContain('--data-dir goes with --config');
  });
});
