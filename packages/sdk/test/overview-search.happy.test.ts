import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet, tokenOf } from '../src/index.js';
import { closeAll, entriesFor, startWorkers, type TestWorkers } from './helpers.js';

describe('fleet.overview and fleet.search', () => {
  let workers: TestWorkers;
  let fleet: Fleet;
  let rawKey: string;

  beforeAll(async () => {
    workers = await startWorkers(3, { keys: 2, teams: 1, users: 3, spendLogs: 20, seed: 11 });
    // w2 has no credential: the server cannot ask it (a browser-direct worker).
    fleet = new Fleet(
      entriesFor(workers).map((entry, index) => (index === 2 ? { ...entry, api_key: undefined } : entry)),
      { timeoutMs: 1_000 },
    );
    rawKey = (await fleet.worker('w1').client.keys.generate({ key_alias: 'overview-key' })).key;
    await fleet.worker('w0').client.teams.create({ team_alias: 'overview-key' });
  });

  afterAll(async () => {
    await fleet?.close();
    await closeAll(workers);
  });

  it('gives counts and 30-day spend per worker, and keeps the last numbers, stale, for a worker that fails', async () => {
    const first = await fleet.overview({ maxAgeMs: 0 });
    expect(first.workers.map((row) => row.workerId)).toEqual(['w0', 'w1', 'w2']);
    const [w0, w1, w2] = first.workers;
    expect(w0).toMatchObject({ stale: false, asOf: first.generatedAt, counts: { teams: 2, users: 3 } });
    expect(w1!.counts?.keys).toBe(w0!.counts!.keys + 1);
    expect(typeof w0!.spend).toBe('number');
    expect(w2).toEqual({ workerId: 'w2', counts: null, spend: null, stale: false, asOf: null });

    // A finished round answers later callers for maxAgeMs; a narrower selection is a view of it.
    const cached = await fleet.overview({ workers: ['w1'], maxAgeMs: 60_000 });
    expect(cached.generatedAt).toBe(first.generatedAt);
    expect(cached.workers.map((row) => row.workerId)).toEqual(['w1']);

    await workers[1]!.fault('down');
    try {
      const second = await fleet.overview({ maxAgeMs: 0 });
      const down = second.workers.find((row) => row.workerId === 'w1')!;
      expect(down).toMatchObject({
        counts: w1!.counts,
        spend: w1!.spend,
        stale: true,
        asOf: first.generatedAt,
      });
      expect(down.error?.kind).toBe('unreachable');
      expect(second.workers.find((row) => row.workerId === 'w0')).toMatchObject({ stale: false });
    } finally {
      await workers[1]!.fault('none');
    }
  });

  it('searches one term as every kind it may be, once per match and once per failed worker', async () => {
    const byAlias = await fleet.search('overview-key', { match: 'exact', workers: ['w0', 'w1'] });
    expect(byAlias.matches.map((match) => `${match.type}:${match.workerId}`).sort()).toEqual([
      'key:w1',
      'team:w0',
    ]);
    expect(byAlias.failures).toEqual([]);
    const byKey = await fleet.search(rawKey, { type: 'key', workers: ['w0', 'w1'] });
    expect(byKey.matches).toEqual([expect.objectContaining({ workerId: 'w1', type: 'key' })]);
    expect(JSON.stringify(byKey)).not.toContain(rawKey);
    const byToken = await fleet.search(tokenOf(rawKey), { type: 'key', workers: ['w0', 'w1'] });
    expect(byToken.matches.map((match) => match.workerId)).toEqual(['w1']);

    await workers[0]!.fault('down');
    try {
      const partial = await fleet.search('overview-key', { workers: ['w0', 'w1'] });
      expect(partial.failures).toEqual([
        { workerId: 'w0', error: expect.objectContaining({ kind: 'unreachable' }) },
      ]);
      expect(partial.matches.map((match) => `${match.type}:${match.workerId}`)).toEqual(['key:w1']);
    } finally {
      await workers[0]!.fault('none');
    }
  });
});
