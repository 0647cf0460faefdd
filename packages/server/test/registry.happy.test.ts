import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialSecrets } from '../src/registry/secrets.js';
import { startRegistrySync } from '../src/registry/sync.js';
import { type ControlPlaneStore, openStore } from '../src/storage/index.js';
import {
  HARNESS_MASTER_KEY,
  harnessConfig,
  type RouteHarness,
  startRouteHarness,
  storeBackends,
} from './support/postgres.js';

const WORKER_CREDENTIAL = 'sk-runtime-worker-credential-7f3a9c';

type WorkerBody = {
  worker_id: string;
  source: string;
  has_credential: boolean;
  name: string;
  labels: object;
};

describe.each(storeBackends())('runtime registry on the $kind store', (backend) => {
  let store: ControlPlaneStore;
  let harness: RouteHarness;

  beforeAll(() => backend.setup(), 120_000);
  afterAll(() => backend.teardown(), 60_000);

  async function begin(): Promise<void> {
    store = await openStore(await backend.freshOptions());
    harness = startRouteHarness({ store });
  }

  afterEach(async () => {
    await harness?.close();
    await store?.close();
  });

  it('adds, changes and removes a worker without a restart', async () => {
    await begin();
    const created = await harness.request('POST', '/api/v1/workers', {
      body: {
        worker_id: 'runtime-b',
        name: 'Runtime B',
        url: 'HTTP://10.0.0.7:4000/',
        api_key: WORKER_CREDENTIAL,
        region: 'eu-west',
        labels: { env: 'staging' },
        timeout_ms: 5000,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      worker_id: 'runtime-b',
      name: 'Runtime B',
      url: 'HTTP://10.0.0.7:4000/',
      region: 'eu-west',
      labels: { env: 'staging' },
      timeout_ms: 5000,
      source: 'runtime',
      has_credential: true,
    });
    expect(created.text).not.toContain(WORKER_CREDENTIAL);
    expect(await store.workers.version()).toBe(1);
    expect(harness.fleet.worker('runtime-b').entry.has_credential).toBe(true);

    const listed = await harness.request('GET', '/api/v1/workers');
    const workers = (listed.body as { workers: WorkerBody[] }).workers;
    expect(workers.map((worker) => [worker.worker_id, worker.source])).toEqual([
      ['config-a', 'config'],
      ['runtime-b', 'runtime'],
    ]);

    const changed = await harness.request('PATCH', '/api/v1/workers/runtime-b', {
      body: { name: 'Runtime B2', labels: { env: 'prod' }, api_key: null, timeout_ms: null },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'Runtime B2',
      labels: { env: 'prod' },
      has_credential: false,
    });
    expect((changed.body as { timeout_ms: unknown }).timeout_ms).toBeNull();
    expect(harness.fleet.worker('runtime-b').entry).toMatchObject({
      name: 'Runtime B2',
      has_credential: false,
    });
    expect(await store.workers.version()).toBe(2);

    const credentialAgain = await harness.request('PATCH', '/api/v1/workers/runtime-b', {
      body: { api_key: 'sk-second-credential-000111' },
    });
    expect(credentialAgain.body).toMatchObject({ has_credential: true, name: 'Runtime B2' });

    const removed = await harness.request('DELETE', '/api/v1/workers/runtime-b');
    expect(removed).toMatchObject({ status: 200, body: { worker_id: 'runtime-b', deleted: true } });
    expect(harness.fleet.workers().map((worker) => worker.worker_id)).toEqual(['config-a']);
    expect(await store.workers.get('runtime-b')).toBeNull();

    const again = await harness.request('DELETE', '/api/v1/workers/runtime-b');
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ error: { code: 'worker_not_found', worker_id: 'runtime-b' } });
    const missing = await harness.request('PATCH', '/api/v1/workers/nope', { body: { name: 'x' } });
    expect(missing.status).toBe(404);
  });

  it('audits every registry change with actor, worker, status and request id', async () => {
    await begin();
    await harness.request('POST', '/api/v1/workers', {
      body: {
        worker_id: 'audited',
        name: 'Audited',
        url: 'http://10.0.0.8:4000',
        api_key: WORKER_CREDENTIAL,
      },
    });
    await harness.request('PATCH', '/api/v1/workers/audited', { body: { region: 'us' } });
    await harness.request('DELETE', '/api/v1/workers/audited');
    await harness.request('POST', '/api/v1/workers', {
      body: { worker_id: 'config-a', name: 'Clash', url: 'http://10.0.0.9:4000' },
    });
    const { entries } = await store.audit.query({ action: 'worker.*' });
    expect(entries.map((entry) => [entry.action, entry.workerId, entry.status, entry.actor])).toEqual([
      ['worker.create', 'config-a', 409, 'admin'],
      ['worker.delete', 'audited', 200, 'admin'],
      ['worker.update', 'audited', 200, 'admin'],
      ['worker.create', 'audited', 201, 'admin'],
    ]);
    for (const entry of entries) {
      expect(entry.requestId).not.toBe('');
      expect(entry.method).toMatch(/^(POST|PATCH|DELETE)$/);
      expect(entry.path).toMatch(/^\/api\/v1\/workers/);
    }
    expect(entries[3]?.detail).toMatchObject({ url: 'http://10.0.0.8:4000', has_credential: true });
    expect(entries[2]?.detail).toMatchObject({ changed: ['region'], region: 'us' });
    expect(JSON.stringify(entries)).not.toContain(WORKER_CREDENTIAL);
  });

  it('loads stored workers into the fleet after the config workers, with their credentials', async () => {
    await begin();
    const secrets = createCredentialSecrets(HARNESS_MASTER_KEY);
    await store.workers.insert({
      worker_id: 'stored-1',
      name: 'Stored',
      url: 'http://10.0.0.10:4000',
      labels: { env: 'dev' },
      api_key_encrypted: secrets.encrypt(WORKER_CREDENTIAL, 'stored-1'),
      created_by: 'admin',
    });
    // A stored row that collides with a config worker never overrides the config file.
    await store.workers.insert({
      worker_id: 'config-a',
      name: 'Shadow',
      url: 'http://10.0.0.11',
      created_by: 'x',
    });
    const config = harnessConfig();
    const applied: string[][] = [];
    const credentials = new Map<string, string | undefined>();
    const sync = startRegistrySync({
      store,
      fleet: {
        setWorkers(entries) {
          applied.push(entries.map((entry) => entry.worker_id));
          for (const entry of entries) credentials.set(entry.worker_id, entry.api_key);
        },
      },
      configWorkers: config.worker_registry,
      secrets,
      intervalMs: 50,
    });
    try {
      await sync.refresh();
      expect(applied.at(-1)).toEqual(['config-a', 'stored-1']);
      expect(credentials.get('stored-1')).toBe(WORKER_CREDENTIAL);
      expect(sync.version).toBe(2);
      const loads = applied.length;
      // Polls that find the same version do not reload.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(applied.length).toBe(loads);
      await store.workers.remove('stored-1');
      await expect.poll(() => applied.at(-1), { timeout: 2000, interval: 25 }).toEqual(['config-a']);
    } finally {
      sync.stop();
    }
  });

  it('lists a worker whose credential cannot be decrypted without it, and reports why', async () => {
    await begin();
    const other = createCredentialSecrets('a-different-secret-entirely');
    await store.workers.insert({
      worker_id: 'foreign',
      name: 'Foreign',
      url: 'http://10.0.0.12:4000',
      api_key_encrypted: other.encrypt(WORKER_CREDENTIAL, 'foreign'),
      created_by: 'admin',
    });
    const errors: { message: string; workerId?: string }[] = [];
    const sync = startRegistrySync({
      store,
      fleet: harness.fleet,
      configWorkers: harnessConfig().worker_registry,
      secrets: createCredentialSecrets(HARNESS_MASTER_KEY),
      onError: (error, context) => errors.push({ message: (error as Error).message, ...context }),
    });
    try {
      await sync.refresh();
      expect(harness.fleet.worker('foreign').entry.has_credential).toBe(false);
      // Reported on each load (the first poll and this refresh), never more often than the registry changes.
      expect(errors.length).toBeGreaterThanOrEqual(1);
      expect(new Set(errors.map((error) => error.workerId))).toEqual(new Set(['foreign']));
      expect(errors[0]?.message).toContain('different secret');
      expect(errors[0]?.message).not.toContain(WORKER_CREDENTIAL);
    } finally {
      sync.stop();
    }
  });
});

describe('two replicas on one PostgreSQL', () => {
  const backend = storeBackends().find((candidate) => candidate.kind === 'postgres');
  if (backend === undefined) throw new Error('postgres backend missing');
  beforeAll(() => backend.setup(), 120_000);
  afterAll(() => backend.teardown(), 60_000);

  it('shows a worker added on one replica on the other within 2 s, and its removal too', async () => {
    const { databaseUrl } = await backend.freshOptions();
    const storeA = await openStore({ databaseUrl });
    const storeB = await openStore({ databaseUrl });
    const replicaA = startRouteHarness({ store: storeA });
    const replicaB = startRouteHarness({ store: storeB });
    const config = harnessConfig();
    const syncs = [replicaA, replicaB].map((replica) =>
      startRegistrySync({
        store: replica.deps.store,
        fleet: replica.fleet,
        configWorkers: config.worker_registry,
        secrets: createCredentialSecrets(HARNESS_MASTER_KEY),
      }),
    );
    try {
      await Promise.all(syncs.map((sync) => sync.refresh()));
      const created = await replicaA.request('POST', '/api/v1/workers', {
        body: {
          worker_id: 'shared',
          name: 'Shared',
          url: 'http://10.0.0.20:4000',
          api_key: WORKER_CREDENTIAL,
        },
      });
      expect(created.status).toBe(201);
      const addedAt = Date.now();
      await expect
        .poll(() => replicaB.fleet.workers().some((worker) => worker.worker_id === 'shared'), {
          timeout: 2000,
          interval: 20,
        })
        .toBe(true);
      expect(Date.now() - addedAt).toBeLessThan(2000);
      expect(replicaB.fleet.worker('shared').entry.has_credential).toBe(true);
      const onB = await replicaB.request('GET', '/api/v1/workers/shared');
      expect(onB.body).toMatchObject({ worker_id: 'shared', source: 'runtime', has_credential: true });

      // Replica B edits, replica A follows.
      await replicaB.request('PATCH', '/api/v1/workers/shared', { body: { name: 'Renamed on B' } });
      await expect
        .poll(() => replicaA.fleet.workers().find((worker) => worker.worker_id === 'shared')?.name, {
          timeout: 2000,
          interval: 20,
        })
        .toBe('Renamed on B');

      await replicaA.request('DELETE', '/api/v1/workers/shared');
      await expect
        .poll(() => replicaB.fleet.workers().map((worker) => worker.worker_id), {
          timeout: 2000,
          interval: 20,
        })
        .toEqual(['config-a']);

      // Both replicas wrote to the one audit log.
      const { entries } = await storeB.audit.query({ workerId: 'shared' });
      expect(entries.map((entry) => entry.action)).toEqual([
        'worker.delete',
        'worker.update',
        'worker.create',
      ]);
    } finally {
      for (const sync of syncs) sync.stop();
      await replicaA.close();
      await replicaB.close();
      await storeA.close();
      await storeB.close();
    }
  });
});
