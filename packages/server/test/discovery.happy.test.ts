import { describe, expect, it } from 'vitest';
import { openApiPath } from '../src/routes/openapi.js';
import { startHarness } from './support/fixtures.js';

describe('public documents', () => {
  it('serves LiteLLM-shaped discovery documents without secrets', async () => {
    await using harness = await startHarness({ workers: 2 });
    for (const path of ['/.well-known/litellm-ui-config', '/litellm/.well-known/litellm-ui-config']) {
      const response = await harness.request(path, { auth: null });
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(
        [
          'admin_ui_disabled',
          'auto_redirect_to_sso',
          'hide_default_credentials_hint',
          'is_control_plane',
          'password_login_enabled',
          'proxy_base_url',
          'server_root_path',
          'sso_configured',
          'workers',
        ].sort(),
      );
      expect(body).toMatchObject({
        server_root_path: '/',
        proxy_base_url: null,
        is_control_plane: true,
        sso_configured: false,
        workers: [
          { worker_id: 'worker-a', name: 'Worker A', url: harness.workers[0]!.url },
          { worker_id: 'worker-b', name: 'Worker B', url: harness.workers[1]!.url },
        ],
      });
      expect(Object.keys((body.workers as object[])[0]!).sort()).toEqual(['name', 'url', 'worker_id']);
    }
  });

  it('answers liveliness and readiness without auth', async () => {
    await using harness = await startHarness({ workers: 2 });
    const live = await harness.request('/health/liveliness', { auth: null });
    expect(await live.text()).toBe("I'm alive!");
    await harness.workers[1]!.fault('down');
    await harness.controlPlane.fleet.health();
    const ready = await harness.request('/health/readiness', { auth: null });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      store: { status: 'ok' },
      workers: { total: 2, healthy: 1, unreachable: 1, unknown: 0 },
    });
  });

  it('describes every /api/v1 route in /openapi.json, which needs auth', async () => {
    await using harness = await startHarness({ workers: 1 });
    expect((await harness.request('/openapi.json', { auth: null })).status).toBe(401);
    const document = (await (await harness.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { summary: string; parameters: { name: string }[]; requestBody?: unknown }>
      >;
    };
    expect(document.openapi).toBe('3.1.0');
    const routes = harness.controlPlane.app.routes.filter(
      (entry) => entry.path.startsWith('/api/v1/') && !entry.path.endsWith('*') && entry.method !== 'ALL',
    );
    for (const entry of routes) {
      const operation = document.paths[openApiPath(entry.path)]?.[entry.method.toLowerCase()];
      expect(operation, `${entry.method} ${entry.path}`).toBeDefined();
      expect(operation!.summary).not.toBe(`${entry.method} ${openApiPath(entry.path)}`);
    }
    const login = document.paths['/api/v1/auth/login']?.post;
    expect(login?.requestBody).toBeDefined();
    const spend = document.paths['/api/v1/fleet/spend']?.get;
    expect(spend?.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['start', 'end', 'group_by']),
    );
    expect(document.paths['/api/v1/workers/{workerId}/admin/{path}']?.post).toBeDefined();
  });
});

describe('basePath', () => {
  it('serves everything under the prefix and reports it as server_root_path', async () => {
    await using harness = await startHarness({ workers: 1, controlPlane: { basePath: '/control' } });
    expect((await harness.request('/control/health/liveliness', { auth: null })).status).toBe(200);
    const discovery = (await (
      await harness.request('/control/.well-known/litellm-ui-config', { auth: null })
    ).json()) as {
      server_root_path: string;
    };
    expect(discovery.server_root_path).toBe('/control');
    expect((await harness.request('/control/api/v1/workers')).status).toBe(200);
    const outside = await harness.request('/api/v1/workers');
    expect(outside.status).toBe(404);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
