import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { parseConfig } from '@llm-control-plane/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet, MissingCredentialError, serializeError, UnknownWorkerError } from '../src/index.js';
import { closeAll, entriesFor, startWorkers, type TestWorkers } from './helpers.js';

describe('registry, selection and credentials', () => {
  let workers: TestWorkers;

  beforeAll(async () => {
    workers = await startWorkers(4, { keys: 1 });
  });

  afterAll(async () => {
    await closeAll(workers);
  });

  const labelled = () =>
    entriesFor(workers, (index) => ({
      region: index < 2 ? 'eu' : 'us',
      labels: { tier: index % 2 === 0 ? 'gold' : 'silver' },
    }));

  it('lists workers without their credential', async () => {
    await using fleet = new Fleet(labelled());
    const listed = fleet.workers();
    expect(listed.map((entry) => entry.worker_id)).toEqual(['w0', 'w1', 'w2', 'w3']);
    for (const entry of listed) {
      expect(entry).not.toHaveProperty('api_key');
      expect(entry.has_credential).toBe(true);
    }
    const serialised =
      JSON.stringify(listed) + inspect(fleet, { depth: 5 }) + inspect(fleet.worker('w0').entry);
    for (const worker of workers) expect(serialised).not.toContain(worker.masterKey);
  });

  it('selects by id, label and region', async () => {
    await using fleet = new Fleet(labelled());
    expect(fleet.workers(['w3', 'w1']).map((entry) => entry.worker_id)).toEqual(['w1', 'w3']);
    expect(fleet.workers({ regions: ['eu'] }).map((entry) => entry.worker_id)).toEqual(['w0', 'w1']);
    expect(fleet.workers({ labels: { tier: 'gold' } }).map((entry) => entry.worker_id)).toEqual(['w0', 'w2']);
    expect(
      fleet.workers({ labels: { tier: 'gold' }, regions: ['us'] }).map((entry) => entry.worker_id),
    ).toEqual(['w2']);
    const results = await fleet.each(async ({ entry }) => entry.region, {
      workers: { labels: { tier: 'silver' } },
    });
    expect(results).toMatchObject([
      { workerId: 'w1', ok: true, value: 'eu' },
      { workerId: 'w3', ok: true, value: 'us' },
    ]);
  });

  it('reports unknown workers', async () => {
    await using fleet = new Fleet(labelled());
    expect(() => fleet.worker('nope')).toThrow(UnknownWorkerError);
    const thrown = (() => {
      try {
        fleet.worker('nope');
      } catch (error) {
        return error;
      }
    })();
    expect(UnknownWorkerError.isInstance(thrown)).toBe(true);
    expect(MissingCredentialError.isInstance(thrown)).toBe(false);
    expect(UnknownWorkerError.isInstance(new Error("Unknown worker 'nope'"))).toBe(false);
    // An error made by another copy of the package carries the same registered symbol.
    const foreign = Object.defineProperty(
      new Error('x'),
      Symbol.for('@llm-control-plane/sdk.UnknownWorkerError'),
      {
        value: true,
      },
    );
    expect(UnknownWorkerError.isInstance(foreign)).toBe(true);
    const results = await fleet.each(async () => 1, { workers: ['w0', 'nope'] });
    expect(results[1]).toMatchObject({ workerId: 'nope', ok: false });
    expect(serializeError(results[1]!.ok ? null : results[1]!.error)).toMatchObject({
      kind: 'unknown_worker',
    });
  });

  it('gives direct access to one worker', async () => {
    await using fleet = new Fleet(labelled());
    const { entry, client } = fleet.worker('w2');
    expect(entry).toMatchObject({ worker_id: 'w2', region: 'us', has_credential: true });
    const page = await client.keys.list();
    expect(page.keys.length).toBeGreaterThanOrEqual(1);
  });

  it('asks the credentials callback once per worker and uses its answer', async () => {
    const calls: string[] = [];
    const entries = entriesFor(workers).map(({ api_key: _key, ...entry }) => entry);
    await using fleet = new Fleet(entries, {
      credentials: async (entry) => {
        calls.push(entry.worker_id);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return workers[Number(entry.worker_id.slice(1))]!.masterKey;
      },
    });
    for (let round = 0; round < 3; round += 1) {
      const results = await fleet.each(
        async ({ client, signal }) => (await client.keys.list({}, { signal })).keys.length,
      );
      expect(results.every((result) => result.ok)).toBe(true);
    }
    expect([...calls].sort()).toEqual(['w0', 'w1', 'w2', 'w3']);
    // The synchronous accessor works too, waiting for the vault when needed.
    const page = await fleet.worker('w1').client.keys.list();
    expect(page.keys.length).toBeGreaterThanOrEqual(1);
    expect(calls).toHaveLength(4);
  });

  it('defers calls of worker(id).client until an asynchronous vault answers', async () => {
    const entries = entriesFor(workers).map(({ api_key: _key, ...entry }) => entry);
    await using fleet = new Fleet(entries, {
      credentials: async (entry) => workers[Number(entry.worker_id.slice(1))]!.masterKey,
    });
    const { client } = fleet.worker('w3');
    const keys = [];
    for await (const key of client.keys.listAll()) keys.push(key);
    expect(keys.length).toBeGreaterThanOrEqual(1);
  });

  it('fails rows of workers without a credential fast, unless the operation needs none', async () => {
    const entries = entriesFor(workers);
    delete entries[1]!.api_key;
    await using fleet = new Fleet(entries);
    expect(fleet.workers().map((entry) => entry.has_credential)).toEqual([true, false, true, true]);
    const results = await fleet.each(
      async ({ client, signal }) => (await client.keys.list({}, { signal })).keys.length,
    );
    expect(results[1]).toMatchObject({ ok: false });
    expect(results[1]!.ok ? null : results[1]!.error).toBeInstanceOf(MissingCredentialError);
    expect(serializeError(results[1]!.ok ? null : results[1]!.error)).toMatchObject({
      kind: 'no_credential',
    });
    const health = await fleet.health();
    expect(health[1]!.status).toBe('healthy');
    const unauthenticated = await fleet.each(async () => 'ran', {
      requireCredential: false,
      workers: ['w1'],
    });
    expect(unauthenticated[0]).toMatchObject({ ok: true, value: 'ran' });
  });

  it('changes the registry at runtime', async () => {
    const entries = entriesFor(workers);
    await using fleet = new Fleet(entries.slice(0, 2));
    const before = fleet.worker('w1').client;
    fleet.upsertWorker(entries[2]!);
    expect(fleet.workers().map((entry) => entry.worker_id)).toEqual(['w0', 'w1', 'w2']);
    fleet.upsertWorker({ ...entries[1]!, name: 'renamed' });
    expect(fleet.worker('w1').entry.name).toBe('renamed');
    expect(fleet.worker('w1').client).not.toBe(before);
    expect(fleet.removeWorker('w0')).toBe(true);
    expect(fleet.removeWorker('w0')).toBe(false);
    fleet.setWorkers([entries[3]!, entries[0]!]);
    expect(fleet.workers().map((entry) => entry.worker_id)).toEqual(['w3', 'w0']);
    const results = await fleet.each(
      async ({ client, signal }) => (await client.keys.list({}, { signal })).keys.length,
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(() => fleet.setWorkers([entries[0]!, entries[0]!])).toThrow(/Duplicate/);
  });

  it('keeps the client of an entry that is the same in another key order, replaces it on any change', async () => {
    const [entry] = labelled();
    await using fleet = new Fleet([entry!]);
    const first = fleet.worker('w0').client;
    // A key holding undefined is absent, as in the config file.
    const reordered = Object.fromEntries([...Object.entries(entry!).reverse(), ['timeout_ms', undefined]]);
    fleet.setWorkers([reordered as typeof entry & object]);
    expect(fleet.worker('w0').client).toBe(first);
    fleet.upsertWorker({ ...entry!, labels: { tier: 'gold' } });
    expect(fleet.worker('w0').client).toBe(first);
    fleet.setWorkers([{ ...entry!, labels: { tier: 'silver' } }]);
    const second = fleet.worker('w0').client;
    expect(second).not.toBe(first);
    fleet.setWorkers([{ ...entry!, labels: { tier: 'silver', zone: 'a' } }]);
    expect(fleet.worker('w0').client).not.toBe(second);
  });

  it('refuses use after close', async () => {
    const fleet = new Fleet(labelled());
    await fleet.close();
    expect(() => fleet.worker('w0')).toThrow(/closed/);
    await expect(fleet.each(async () => 1)).rejects.toThrow(/closed/);
  });

  it('loads the registry from a config file, resolving credentials from the environment', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'sdk-fleet-'));
    try {
      const path = join(directory, 'control-plane.yaml');
      await writeFile(
        path,
        [
          'worker_registry:',
          ...workers
            .slice(0, 2)
            .flatMap((worker, index) => [
              `  - worker_id: w${index}`,
              `    name: worker ${index}`,
              `    url: ${worker.url}`,
              `    api_key: os.environ/WORKER_${index}_KEY`,
              '    region: eu',
            ]),
          '    colour: blue',
          '',
        ].join('\n'),
      );
      const env = { WORKER_0_KEY: workers[0]!.masterKey, WORKER_1_KEY: workers[1]!.masterKey };
      await using fleet = await Fleet.load(path, { env, timeoutMs: 2_000 });
      expect(fleet.workers().map((entry) => [entry.worker_id, entry.region, entry.has_credential])).toEqual([
        ['w0', 'eu', true],
        ['w1', 'eu', true],
      ]);
      expect(fleet.configWarnings).toEqual([
        expect.objectContaining({ path: 'worker_registry[1].colour', file: path }),
      ]);
      const results = await fleet.each(
        async ({ client, signal }) => (await client.keys.list({}, { signal })).keys,
      );
      expect(results.every((result) => result.ok)).toBe(true);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('takes what parseConfig returns, or its config, and rejects anything else by name', async () => {
    const yaml = `worker_registry:\n  - worker_id: w0\n    name: w0\n    url: ${workers[0]!.url}\n    shade: red\n`;
    const parsed = parseConfig(yaml);
    await using whole = Fleet.fromConfig(parsed);
    expect(whole.workers().map((entry) => entry.worker_id)).toEqual(['w0']);
    expect(whole.configWarnings.map((warning) => warning.path)).toEqual(['worker_registry[0].shade']);
    await using inner = Fleet.fromConfig(parsed.config);
    expect(inner.workers().map((entry) => entry.worker_id)).toEqual(['w0']);
    expect(inner.configWarnings).toEqual([]);
    expect(() => Fleet.fromConfig({ config: parsed.config } as never)).toThrow(
      /loadConfig\(\)\/parseConfig\(\)/,
    );
    expect(() => Fleet.fromConfig('control-plane.yaml' as never)).toThrow(/got string/);
    expect(() => Fleet.fromConfig({ worker_registry: { w0: {} } } as never)).toThrow(
      /worker_registry must be a list/,
    );
  });
});
