import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArguments } from '../src/cli/arguments.js';
import { type FakeWorker, startFakeWorker } from '../src/index.js';
import { apiClient, json } from './helpers.js';

const MASTER_KEY = 'sk-versions-master';
const CREDENTIALS = { username: 'admin', password: MASTER_KEY };
const started: FakeWorker[] = [];

async function workerAt(litellmVersion: string, extra: { keyHeaderName?: string } = {}) {
  const worker = await startFakeWorker({
    masterKey: MASTER_KEY,
    litellmVersion,
    controlPlaneUrl: 'http://127.0.0.1:9999',
    ...extra,
  });
  started.push(worker);
  return { worker, api: apiClient(worker) };
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((worker) => worker.close()));
});

describe('litellmVersion', () => {
  it('1.79: no /v2/login or /v3/login, the form POST /login answers 303 with the token cookie', async () => {
    const { api } = await workerAt('1.79.0');
    expect((await api.post('/v2/login', CREDENTIALS, { key: null })).status).toBe(404);
    expect((await api.post('/v3/login', CREDENTIALS, { key: null })).status).toBe(404);
    const form = await api.request('POST', '/login', {
      key: null,
      rawBody: new URLSearchParams(CREDENTIALS).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('set-cookie')).toMatch(/^token=[\w-]+\.[\w-]+\.[\w-]+;/);
    const readiness = json(await api.get('/health/readiness', { key: null }));
    expect(readiness.litellm_version).toBe('1.79.0');
  });

  it('1.82: /v2/login answers {redirect_url} and sets the token only as a cookie; no /v3/login yet', async () => {
    const { api } = await workerAt('1.82.0');
    const login = await api.post('/v2/login', CREDENTIALS, { key: null });
    expect(login.status).toBe(200);
    expect(Object.keys(json(login))).toEqual(['redirect_url']);
    expect(login.headers.get('set-cookie')).toMatch(/^token=/);
    expect((await api.post('/v3/login', CREDENTIALS, { key: null })).status).toBe(404);
  });

  it('1.83.7: /v3/login with control_plane_url, /v2/login still without a body token', async () => {
    const { api } = await workerAt('1.83.7');
    expect(json(await api.post('/v2/login', CREDENTIALS, { key: null })).token).toBeUndefined();
    const code = json(await api.post('/v3/login', CREDENTIALS, { key: null }));
    expect(code.expires_in).toBe(60);
    const exchanged = await api.post('/v3/login/exchange', { code: code.code }, { key: null });
    expect(typeof json(exchanged).token).toBe('string');
  });

  it('1.84: the token is in the /v2/login body too', async () => {
    const { api } = await workerAt('1.84.0');
    const body = json(await api.post('/v2/login', CREDENTIALS, { key: null }));
    expect(Object.keys(body).sort()).toEqual(['redirect_url', 'token']);
  });

  it('answers 404 on PATCH /model/{model_id}/update before 1.70', async () => {
    const old = await workerAt('1.69.0');
    const missing = await old.api.request('PATCH', '/model/m-1/update', { body: {} });
    expect(missing.status).toBe(404);
    expect(json(missing)).toEqual({ detail: 'Not Found' });
    const current = await workerAt('1.70.0');
    const response = await current.api.request('PATCH', '/model/m-1/update', { body: {} });
    // The route exists: the 404 now is LiteLLM's own answer for an unknown model.
    expect(JSON.stringify(json(response))).toContain('m-1');
  });

  it('refuses a value that is not a version', async () => {
    await expect(startFakeWorker({ masterKey: MASTER_KEY, litellmVersion: 'latest' })).rejects.toThrow(
      /litellmVersion/,
    );
  });
});

describe('keyHeaderName', () => {
  it('reads the key only from that header, and only with the Bearer prefix', async () => {
    const { api } = await workerAt('1.84.0', { keyHeaderName: 'X-Custom-Key' });
    expect((await api.get('/team/list')).status).toBe(401);
    expect(
      (await api.get('/team/list', { key: null, headers: { 'x-litellm-api-key': MASTER_KEY } })).status,
    ).toBe(401);
    expect((await api.get('/team/list', { key: null, headers: { 'x-custom-key': MASTER_KEY } })).status).toBe(
      401,
    );
    const accepted = await api.get('/team/list', {
      key: null,
      headers: { 'X-Custom-Key': `Bearer ${MASTER_KEY}` },
    });
    expect(accepted.status).toBe(200);
    const token = json(await api.post('/v2/login', CREDENTIALS, { key: null })).token as string;
    const claims = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString());
    expect(claims.auth_header_name).toBe('X-Custom-Key');
  });
});

describe('CLI flags', () => {
  it('parses --litellm-version and --key-header-name and explains bad values', () => {
    expect(
      parseCliArguments([
        '--master-key',
        'sk-a',
        '--litellm-version',
        '1.82.3',
        '--key-header-name',
        'X-Key',
      ]),
    ).toMatchObject({ kind: 'start', options: { litellmVersion: '1.82.3', keyHeaderName: 'X-Key' } });
    expect(parseCliArguments(['--master-key', 'sk-a', '--litellm-version', 'new'])).toMatchObject({
      kind: 'error',
      message: "--litellm-version must look like 1.83.10, got 'new'",
    });
    expect(parseCliArguments(['--master-key', 'sk-a', '--key-header-name', 'a b'])).toMatchObject({
      kind: 'error',
    });
  });
});
