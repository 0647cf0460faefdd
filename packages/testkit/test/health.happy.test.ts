import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorker, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient, json } from './helpers.js';

describe('health, discovery and CORS', () => {
  let worker: FakeWorker;
  let api: ApiClient;

  beforeAll(async () => {
    worker = await startFakeWorker({ masterKey: 'sk-master-health', version: '1.77.3', models: ['gpt-4o'] });
    api = apiClient(worker);
  });
  afterAll(() => worker.close());

  it('answers liveliness and liveness with a bare JSON string', async () => {
    for (const path of ['/health/liveliness', '/health/liveness']) {
      const response = await api.get(path, { key: null });
      expect(response.status).toBe(200);
      expect(response.text).toBe('"I\'m alive!"');
    }
  });

  it('answers readiness with litellm_version', async () => {
    const body = json(await api.get('/health/readiness', { key: null }));
    expect(body).toMatchObject({ status: 'healthy', db: 'connected', litellm_version: '1.77.3' });
  });

  it('aggregates /health counts and 404s unknown model ids', async () => {
    const body = json(await api.get('/health'));
    expect(body.healthy_count).toBe(1);
    expect(body.unhealthy_count).toBe(0);
    expect(body.healthy_endpoints[0].model).toBe('openai/gpt-4o');
    expect((await api.get('/health', { query: { model_id: 'nope' } })).status).toBe(404);
    expect((await api.get('/health', { key: null })).status).toBe(401);
  });

  it('serves the UI discovery document on both paths without auth', async () => {
    for (const path of ['/.well-known/litellm-ui-config', '/litellm/.well-known/litellm-ui-config']) {
      const body = json(await api.get(path, { key: null }));
      expect(body).toEqual({
        server_root_path: '/',
        proxy_base_url: null,
        auto_redirect_to_sso: false,
        admin_ui_disabled: false,
        sso_configured: false,
        hide_default_credentials_hint: false,
        is_control_plane: false,
        workers: [],
      });
    }
  });

  it('lists its routes', async () => {
    const body = json(await api.get('/routes', { key: null }));
    const paths = body.routes.map((entry: { path: string }) => entry.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/key/generate', '/v2/login', '/chat/completions', '/routes']),
    );
  });

  it('reports the licence according to the premium switch', async () => {
    expect(json(await api.get('/health/license')).has_license).toBe(true);
  });

  it('answers CORS preflights reflecting the origin with credentials', async () => {
    const response = await fetch(`${worker.url}/key/list`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://control-plane.example:3000',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://control-plane.example:3000');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(worker.state.counters.requests).toBeGreaterThan(0);
  });

  it('adds CORS headers to actual responses, errors included', async () => {
    const ok = await api.get('/key/list', { headers: { origin: 'http://ui.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://ui.example');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    const denied = await api.get('/key/list', { key: null, headers: { origin: 'http://ui.example' } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe('http://ui.example');
    const login = await api.post(
      '/v2/login',
      { username: 'admin', password: 'sk-master-health' },
      {
        key: null,
        headers: { origin: 'http://ui.example' },
      },
    );
    expect(login.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('answers OPTIONS on liveliness', async () => {
    const response = await fetch(`${worker.url}/health/liveliness`, { method: 'OPTIONS' });
    expect(response.status).toBe(200);
  });
});
