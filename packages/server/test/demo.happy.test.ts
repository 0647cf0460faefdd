import { describe, expect, it } from 'vitest';
import { startDemo } from '../src/demo.js';
import { silentLogger } from '../src/logger.js';
import { createMemoryStore } from './support/memory-store.js';

describe('demo', () => {
  it('starts seeded workers, one of them browser-direct, behind a control plane the printed login opens', async () => {
    const demo = await startDemo({
      workers: 3,
      port: 0,
      host: '127.0.0.1',
      logger: silentLogger,
      env: {},
      store: createMemoryStore(),
    });
    try {
      expect(demo.workers.map((worker) => [worker.name, worker.managed])).toEqual([
        ['US East', true],
        ['EU West', true],
        ['AP South', false],
      ]);
      const login = await fetch(`${demo.controlPlane.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: demo.masterKey }),
      });
      expect(login.status).toBe(200);
      const { access_token: token } = (await login.json()) as { access_token: string };
      const workers = (await (
        await fetch(`${demo.controlPlane.url}/api/v1/workers`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { workers: { worker_id: string; region: string; has_credential: boolean }[] };
      expect(
        workers.workers.map((worker) => [worker.worker_id, worker.region, worker.has_credential]),
      ).toEqual([
        ['us-east', 'us-east-1', true],
        ['eu-west', 'eu-west-1', true],
        ['ap-south', 'ap-south-1', false],
      ]);
      const keys = await fetch(`${demo.controlPlane.url}/api/v1/workers/us-east/admin/key/list`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(((await keys.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
    } finally {
      await demo.close();
    }
  });
});
