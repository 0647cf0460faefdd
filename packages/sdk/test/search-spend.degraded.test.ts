import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet, tokenOf } from '../src/index.js';
import { closeAll, entriesFor, startWorkers, type TestWorkers } from './helpers.js';

describe('search and spend while a worker is down', () => {
  let workers: TestWorkers;
  let fleet: Fleet;
  let rawKey: string;

  beforeAll(async () => {
    workers = await startWorkers(3, { keys: 2, teams: 2, users: 2, spendLogs: 40, seed: 7 });
    fleet = new Fleet(entriesFor(workers), { timeoutMs: 1_000 });
    for (const id of ['w0', 'w1']) {
      const { client } = fleet.worker(id);
      await client.teams.create({ team_alias: 'search-team' });
      await client.users.create({
        user_id: `person-${id}`,
        user_email: 'Person@Example.com',
        auto_create_key: false,
      });
    }
    rawKey = (await fleet.worker('w1').client.keys.generate({ key_alias: 'search-key' })).key;
    await workers[2]!.fault('down');
  });

  afterAll(async () => {
    await fleet?.close();
    await closeAll(workers);
  });

  it('finds a key by alias, raw key and token, and lists the worker that could not answer', async () => {
    const byAlias = await fleet.find.key({ alias: 'search-key' });
    expect(byAlias.matches.map((match) => match.workerId)).toEqual(['w1']);
    expect(byAlias.failures.map((failure) => failure.workerId)).toEqual(['w2']);
    expect(byAlias.failures[0]!.error).toMatchObject({ kind: 'unreachable' });

    const byKey = await fleet.find.key({ key: rawKey });
    expect(byKey.matches).toHaveLength(1);
    expect(byKey.matches[0]).toMatchObject({
      workerId: 'w1',
      item: { key_alias: 'search-key', token: tokenOf(rawKey) },
    });
    expect(JSON.stringify(byKey.matches)).not.toContain(rawKey);

    const byToken = await fleet.find.key({ token: tokenOf(rawKey) });
    expect(byToken.matches.map((match) => match.workerId)).toEqual(['w1']);
    const nothing = await fleet.find.key({ token: tokenOf('sk-does-not-exist') });
    expect(nothing.matches).toEqual([]);
    expect(nothing.failures.map((failure) => failure.workerId)).toEqual(['w2']);
  });

  it('finds users and teams', async () => {
    const byEmail = await fleet.find.user({ email: 'person@example.com' });
    expect(byEmail.matches.map((match) => `${match.workerId}:${match.item.user_id}`)).toEqual([
      'w0:person-w0',
      'w1:person-w1',
    ]);
    const byId = await fleet.find.user({ userId: 'person-w1' });
    expect(byId.matches.map((match) => match.workerId)).toEqual(['w1']);
    const teams = await fleet.find.team({ alias: 'search-team' });
    expect(teams.matches.map((match) => match.workerId)).toEqual(['w0', 'w1']);
    const teamId = teams.matches[0]!.item.team_id;
    const byTeamId = await fleet.find.team({ teamId });
    expect(byTeamId.matches).toMatchObject([{ workerId: 'w0', item: { team_id: teamId } }]);
    expect(byTeamId.failures.map((failure) => failure.workerId)).toEqual(['w2']);
    await expect(fleet.find.team({})).rejects.toThrow(TypeError);
  });

  it('totals spend per worker and names the missing worker', async () => {
    const end = new Date().toISOString().slice(0, 10);
    const start = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    const report = await fleet.spend({ start, end });
    expect(report.missing).toMatchObject([{ workerId: 'w2', error: { kind: 'unreachable' } }]);
    expect(report.workers.map((row) => row.workerId)).toEqual(['w0', 'w1']);
    for (const row of report.workers) {
      expect(row.spend).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(row.asOf))).toBe(false);
    }
    const sum = report.workers.reduce((total, row) => total + row.spend, 0);
    expect(report.total).toBeCloseTo(sum, 6);
    expect(report.rows.map((row) => row.key).sort()).toEqual(['w0', 'w1']);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);

    const byModel = await fleet.spend({ start, end, groupBy: 'model' });
    expect(byModel.rows.length).toBeGreaterThan(0);
    expect(byModel.rows.reduce((total, row) => total + row.spend, 0)).toBeCloseTo(byModel.total, 6);
    expect(byModel.missing.map((row) => row.workerId)).toEqual(['w2']);

    const byTeam = await fleet.spend({ start, end, groupBy: 'team' });
    expect(byTeam.total).toBeCloseTo(report.total, 6);
    expect(byTeam.rows.reduce((total, row) => total + row.spend, 0)).toBeCloseTo(byTeam.total, 6);

    await expect(fleet.spend({ start: '2026-13', end })).rejects.toThrow(TypeError);
  });
});
