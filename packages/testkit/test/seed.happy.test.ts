import { describe, expect, it } from 'vitest';
import { hashToken, seededRawKey, startFakeWorker } from '../src/index.js';
import { apiClient, json } from './helpers.js';

describe('seeding', () => {
  it('creates deterministic demo data spread over the last 30 days', async () => {
    await using first = await startFakeWorker({ masterKey: 'sk-seed-a', seed: 42 });
    await using second = await startFakeWorker({ masterKey: 'sk-seed-b', seed: 42 });
    expect([...first.state.teams.keys()]).toEqual([...second.state.teams.keys()]);
    expect([...first.state.keys.keys()]).toEqual([...second.state.keys.keys()]);
    expect(first.state.spendLogs.map((row) => row.spend)).toEqual(
      second.state.spendLogs.map((row) => row.spend),
    );
    expect(first.state.keys.size).toBe(12);
    expect(first.state.teams.size).toBe(4);
    expect(first.state.users.size).toBe(6);
    expect(first.state.models.size).toBe(4);
    expect(first.state.organizations.size).toBe(2);
    expect(first.state.spendLogs).toHaveLength(300);
    const oldest = Date.parse(first.state.spendLogs[0]!.startTime);
    expect(Date.now() - oldest).toBeLessThanOrEqual(30 * 86_400_000);
    expect(Date.now() - oldest).toBeGreaterThan(20 * 86_400_000);
    const seededKey = seededRawKey(42, 0);
    expect(first.state.keys.has(hashToken(seededKey))).toBe(true);
    expect((await apiClient(first).get('/key/info', { key: seededKey })).status).toBe(200);
  });

  it('honours seed counts and configured models', async () => {
    await using worker = await startFakeWorker({
      masterKey: 'sk-seed-c',
      models: ['only-model'],
      seed: { seed: 3, keys: 2, teams: 1, users: 2, spendLogs: 10 },
    });
    expect(worker.state.keys.size).toBe(2);
    expect(worker.state.teams.size).toBe(1);
    expect(worker.state.models.size).toBe(1);
    expect(worker.state.spendLogs).toHaveLength(10);
    expect(worker.state.spendLogs.every((row) => row.model_group === 'only-model')).toBe(true);
    const overview = json(await apiClient(worker).get('/key/list', { query: { return_full_object: true } }));
    expect(overview.total_count).toBe(2);
  });

  it('starts empty without a seed', async () => {
    await using worker = await startFakeWorker({ masterKey: 'sk-seed-d' });
    expect(worker.state.keys.size).toBe(0);
    expect(worker.state.models.size).toBe(0);
    expect(json(await apiClient(worker).get('/team/list'))).toEqual([]);
  });
});
