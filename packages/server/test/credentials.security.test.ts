import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CANARY, jsonBody, MASTER_KEY, startHarness } from './support/fixtures.js';

describe('worker credentials never leave the control plane', () => {
  it('appear in no response, header, audit entry or log line over a full run', async () => {
    await using harness = await startHarness({
      workers: 3,
      entry: (index) => (index === 2 ? { timeout_ms: 300 } : {}),
    });
    const seen: string[] = [];
    const call = async (path: string, init?: Parameters<typeof harness.request>[1]) => {
      const response = await harness.request(path, init);
      seen.push(
        `${path} ${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`,
      );
      return response;
    };
    const today = new Date().toISOString().slice(0, 10);

    await harness.controlPlane.fleet.health();
    for (const path of [
      '/health/liveliness',
      '/health/readiness',
      '/.well-known/litellm-ui-config',
      '/litellm/.well-known/litellm-ui-config',
      '/openapi.json',
      '/api/v1/auth/me',
      '/api/v1/workers',
      '/api/v1/workers/worker-a',
      '/api/v1/fleet/overview',
      '/api/v1/fleet/health',
      '/api/v1/fleet/search?q=admin',
      `/api/v1/fleet/spend?start=2020-01-01&end=${today}&group_by=team`,
      '/api/v1/fleet/drift?baseline=worker-a',
      '/api/v1/workers/worker-a/admin/key/info',
      '/api/v1/workers/worker-a/admin/key/list?return_full_object=true',
      '/api/v1/workers/worker-a/admin/user/info',
      '/api/v1/workers/worker-a/admin/user/list',
      '/api/v1/workers/worker-a/admin/team/list',
      '/api/v1/workers/worker-a/admin/model/info',
      '/api/v1/workers/worker-a/admin/spend/logs',
      '/api/v1/workers/worker-a/admin/health/readiness',
      '/api/v1/workers/worker-a/admin/get/config/callbacks',
    ]) {
      await call(path);
    }
    await call('/api/v1/workers/worker-b/admin/key/generate', jsonBody({ key_alias: 'canary-test' }));
    await call('/api/v1/workers/worker-b/admin/team/new', jsonBody({ team_alias: 'canary-team' }));
    await call('/api/v1/workers/worker-b/admin/key/info?key=sk-not-a-real-key');
    await call('/api/v1/fleet/plan', jsonBody({ desired: { teams: [{ team_alias: 'canary-team' }] } }));
    await call(
      '/api/v1/workers',
      jsonBody({
        worker_id: 'runtime-1',
        name: 'Runtime',
        url: harness.workers[2]!.url,
        api_key: `sk-runtime-${CANARY}`,
      }),
    );
    await call('/api/v1/workers/runtime-1');
    await call('/api/v1/auth/login', { ...jsonBody({ username: 'admin', password: 'wrong' }), auth: null });
    await call('/api/v1/auth/login', {
      ...jsonBody({ username: 'admin', password: MASTER_KEY }),
      auth: null,
    });

    for (const mode of ['error500', 'garbage', 'hang', 'down'] as const) {
      await harness.workers[2]!.fault(mode);
      await call('/api/v1/workers/worker-c/admin/key/list');
      await call('/api/v1/workers/worker-c/admin/key/generate', jsonBody({ key_alias: 'x' }));
      await call('/api/v1/fleet/overview');
    }
    await call('/api/v1/audit');
    await call('/api/v1/audit?format=csv');

    const everything = [...seen, ...harness.logLines, inspect(harness.controlPlane, { depth: 6 })].join('\n');
    expect(seen.length).toBeGreaterThan(40);
    expect(harness.logLines.length).toBeGreaterThan(0);
    expect(everything).not.toContain(CANARY);
    for (const worker of harness.workers) expect(everything).not.toContain(worker.masterKey);
  });
});
