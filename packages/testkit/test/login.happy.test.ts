import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorker, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient, json, proxyErrorOf } from './helpers.js';

function decodeJwt(token: string) {
  const [header, payload, signature] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(payload!, 'base64url').toString()),
    signature: signature!,
    signedPart: `${header}.${payload}`,
  };
}

describe('UI login flows', () => {
  let worker: FakeWorker;
  let api: ApiClient;

  beforeAll(async () => {
    worker = await startFakeWorker({
      masterKey: 'sk-master-login',
      controlPlaneUrl: 'http://127.0.0.1:9999',
    });
    api = apiClient(worker);
  });
  afterAll(() => worker.close());

  it('/v2/login returns exactly {redirect_url, token} with an HS256 JWT and a token cookie', async () => {
    const response = await api.post(
      '/v2/login',
      { username: 'admin', password: 'sk-master-login' },
      { key: null },
    );
    expect(response.status).toBe(200);
    const body = json(response);
    expect(Object.keys(body).sort()).toEqual(['redirect_url', 'token']);
    expect(body.redirect_url).toContain('/ui');
    expect(body.redirect_url).toContain('login=success');
    expect(response.headers.get('set-cookie')).toContain(`token=${body.token}`);
    const jwt = decodeJwt(body.token);
    expect(jwt.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(createHmac('sha256', 'sk-master-login').update(jwt.signedPart).digest('base64url')).toBe(
      jwt.signature,
    );
    expect(jwt.claims).toMatchObject({
      user_id: 'default_user_id',
      user_role: 'proxy_admin',
      login_method: 'username_password',
      premium_user: true,
      auth_header_name: 'Authorization',
      disabled_non_admin_personal_key_creation: false,
      server_root_path: '/',
    });
    expect(jwt.claims.key).toMatch(/^sk-/);
    const sessionKey = jwt.claims.key as string;
    const info = json(await api.get('/key/info', { key: sessionKey }));
    expect(info.info.team_id).toBe('litellm-dashboard');
    expect((await api.get('/user/list', { key: sessionKey })).status).toBe(200);
    const list = json(await api.get('/key/list', { query: { size: 100 } }));
    expect(list.keys).not.toContain(info.key);
  });

  it('rejects bad credentials with the invalid_credentials ProxyException', async () => {
    const response = await api.post('/v2/login', { username: 'admin', password: 'wrong' }, { key: null });
    expect(response.status).toBe(401);
    expect(proxyErrorOf(response)).toMatchObject({ type: 'auth_error', param: 'invalid_credentials' });
    expect(proxyErrorOf(response).message).toContain('Invalid credentials used to access UI');
  });

  it('logs in DB users by email and password with their own role', async () => {
    await api.post('/user/new', {
      user_email: 'dana@example.com',
      password: 'correct-horse',
      user_role: 'internal_user',
      auto_create_key: false,
    });
    const response = await api.post(
      '/v2/login',
      { username: 'dana@example.com', password: 'correct-horse' },
      { key: null },
    );
    expect(response.status).toBe(200);
    const claims = decodeJwt(json(response).token).claims;
    expect(claims.user_role).toBe('internal_user');
    expect(claims.user_email).toBe('dana@example.com');
    const wrong = await api.post(
      '/v2/login',
      { username: 'dana@example.com', password: 'nope-nope' },
      { key: null },
    );
    expect(wrong.status).toBe(401);
  });

  it('form /login answers 303 to the UI with a token cookie', async () => {
    const response = await fetch(`${worker.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'admin', password: 'sk-master-login' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/\/ui\/\?login=success$/);
    expect(response.headers.get('set-cookie')).toMatch(/^token=ey/);
    const returning = await fetch(`${worker.url}/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: 'litellm_cp_return_to=/ui/custom',
      },
      body: new URLSearchParams({ username: 'admin', password: 'sk-master-login' }),
      redirect: 'manual',
    });
    expect(returning.headers.get('location')).toBe('/ui/custom');
    const failed = await fetch(`${worker.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'admin', password: 'bad' }),
      redirect: 'manual',
    });
    expect(failed.status).toBe(401);
  });

  it('serves the fallback login page', async () => {
    const response = await api.get('/fallback/login', { key: null });
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.text).toContain('<form');
  });

  it('/v3/login issues a single-use code that /v3/login/exchange redeems once', async () => {
    const login = await api.post(
      '/v3/login',
      { username: 'admin', password: 'sk-master-login' },
      { key: null },
    );
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toBeNull();
    const { code, expires_in } = json(login);
    expect(expires_in).toBe(60);
    expect(typeof code).toBe('string');
    const exchanged = await api.post('/v3/login/exchange', { code }, { key: null });
    expect(exchanged.status).toBe(200);
    expect(Object.keys(json(exchanged)).sort()).toEqual(['redirect_url', 'token']);
    expect(exchanged.headers.get('set-cookie')).toContain('token=');
    const replay = await api.post('/v3/login/exchange', { code }, { key: null });
    expect(replay.status).toBe(401);
    expect(proxyErrorOf(replay).message).toBe('Invalid or expired login code');
  });

  it('redeems a code only once under concurrent exchanges', async () => {
    const { code } = json(
      await api.post('/v3/login', { username: 'admin', password: 'sk-master-login' }, { key: null }),
    );
    const results = await Promise.all(
      Array.from({ length: 5 }, () => api.post('/v3/login/exchange', { code }, { key: null })),
    );
    expect(results.filter((response) => response.status === 200)).toHaveLength(1);
    expect(results.filter((response) => response.status === 401)).toHaveLength(4);
  });

  it('expires codes after 60 seconds', async () => {
    const { code } = json(
      await api.post('/v3/login', { username: 'admin', password: 'sk-master-login' }, { key: null }),
    );
    const entry = worker.state.loginCodes.get(code)!;
    expect(entry.expiresAt - Date.now()).toBeGreaterThan(55_000);
    entry.expiresAt = Date.now() - 1;
    expect((await api.post('/v3/login/exchange', { code }, { key: null })).status).toBe(401);
  });

  it('validates exchange input and credentials', async () => {
    const missing = await api.post('/v3/login/exchange', {}, { key: null });
    expect(missing.status).toBe(400);
    expect(proxyErrorOf(missing).message).toBe("Missing 'code' parameter");
    expect((await api.post('/v3/login', { username: 'admin', password: 'x' }, { key: null })).status).toBe(
      401,
    );
  });

  it('answers 404 on /v3 routes when no control plane URL is configured', async () => {
    await using plain = await startFakeWorker({ masterKey: 'sk-master-plain' });
    const plainApi = apiClient(plain);
    const login = await plainApi.post(
      '/v3/login',
      { username: 'admin', password: 'sk-master-plain' },
      { key: null },
    );
    expect(login.status).toBe(404);
    expect(proxyErrorOf(login).param).toBe('control_plane_url');
    expect((await plainApi.post('/v3/login/exchange', { code: 'x' }, { key: null })).status).toBe(404);
    expect(
      (await plainApi.post('/v2/login', { username: 'admin', password: 'sk-master-plain' }, { key: null }))
        .status,
    ).toBe(200);
  });

  it('honours custom UI credentials', async () => {
    await using custom = await startFakeWorker({
      masterKey: 'sk-master-ui',
      uiUsername: 'root',
      uiPassword: 'secret-pass',
    });
    const customApi = apiClient(custom);
    expect(
      (await customApi.post('/v2/login', { username: 'root', password: 'secret-pass' }, { key: null }))
        .status,
    ).toBe(200);
    expect(
      (await customApi.post('/v2/login', { username: 'admin', password: 'sk-master-ui' }, { key: null }))
        .status,
    ).toBe(401);
  });
});
