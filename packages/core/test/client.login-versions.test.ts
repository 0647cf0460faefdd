import { type FakeWorker, startFakeWorker } from '@llm-control-plane/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserLoginSupport,
  createWorkerClient,
  featureRequirement,
  type LoginTokenSource,
  litellmSupports,
  parseLiteLLMVersion,
  sessionFromUiToken,
  WorkerApiError,
  type WorkerClient,
} from '../src/index.js';

const MASTER_KEY = 'sk-login-versions-0123456789';
const PASSWORD = 'ui-password-for-versions';
const CONTROL_PLANE_URL = 'http://127.0.0.1:1';

/** One worker per LiteLLM login generation, and the shape its login must come back in. */
const GENERATIONS: { version: string; source: LoginTokenSource; v3: boolean }[] = [
  { version: '1.79.0', source: 'form_cookie', v3: false },
  { version: '1.82.0', source: 'v2_cookie', v3: false },
  { version: '1.83.7', source: 'v2_cookie', v3: true },
  { version: '1.84.0', source: 'v2_body', v3: true },
];

describe.each(GENERATIONS)('auth.login against a LiteLLM $version worker', ({ version, source, v3 }) => {
  let worker: FakeWorker;
  let client: WorkerClient;

  beforeAll(async () => {
    worker = await startFakeWorker({
      masterKey: MASTER_KEY,
      uiPassword: PASSWORD,
      litellmVersion: version,
      controlPlaneUrl: CONTROL_PLANE_URL,
      seed: { keys: 2, teams: 1, users: 1, spendLogs: 0, seed: 5 },
    });
    client = createWorkerClient({ baseUrl: worker.url, workerId: `w-${version}`, timeoutMs: 5_000 });
  });
  afterAll(async () => {
    await client.close();
    await worker.close();
  });

  it(`returns the UI token from the ${source} shape, and the session it opens works`, async () => {
    const login = await client.auth.login({ username: 'admin', password: PASSWORD });
    expect(login.source).toBe(source);
    expect(login.redirect_url).toContain('/ui');
    const session = sessionFromUiToken(login.token);
    expect(session.key).toMatch(/^sk-/);
    expect(session.subject).not.toBeNull();
    expect(session.authHeaderName).toBe('Authorization');
    await using sessionClient = createWorkerClient({ baseUrl: worker.url, apiKey: session.key });
    const keys = await sessionClient.keys.list({ return_full_object: true });
    expect(keys.keys.length).toBeGreaterThan(0);
  });

  it('refuses a wrong password with the worker’s own error', async () => {
    const failure = await client.auth.login({ username: 'admin', password: 'wrong' }).catch((e) => e);
    expect(WorkerApiError.isInstance(failure)).toBe(true);
    expect((failure as WorkerApiError).status).toBeGreaterThanOrEqual(400);
    expect(String((failure as Error).message)).not.toContain(PASSWORD);
  });

  it(v3 ? 'logs in through /v3/login and the code exchange' : 'has no /v3/login', async () => {
    const attempt = client.auth.loginWithControlPlane({ username: 'admin', password: PASSWORD });
    if (v3) {
      const login = await attempt;
      expect(login.source).toBe('v3_code');
      await using sessionClient = createWorkerClient({
        baseUrl: worker.url,
        apiKey: sessionFromUiToken(login.token).key,
      });
      await expect(sessionClient.teams.list()).resolves.toBeInstanceOf(Array);
    } else {
      // The route is missing, not refused: the error names the version that has it.
      await expect(attempt).rejects.toMatchObject({
        status: 404,
        code: 'litellm_version_too_old',
        message: expect.stringContaining('needs LiteLLM ≥ 1.83.3'),
      });
    }
    expect(litellmSupports(version, 'v3_login')).toBe(v3);
  });

  it('agrees with the feature table', () => {
    expect(litellmSupports(version, 'v2_login')).toBe(source !== 'form_cookie');
    expect(litellmSupports(version, 'v2_login_body_token')).toBe(source === 'v2_body');
  });
});

describe('LiteLLM version table', () => {
  it('parses the spellings LiteLLM reports and tags', () => {
    expect(parseLiteLLMVersion('1.83.10')).toEqual([1, 83, 10]);
    expect(parseLiteLLMVersion('v1.83.10-stable')).toEqual([1, 83, 10]);
    expect(parseLiteLLMVersion('main-v1.82.3-nightly')).toEqual([1, 82, 3]);
    expect(parseLiteLLMVersion('1.81.0.rc1')).toEqual([1, 81, 0]);
    expect(parseLiteLLMVersion('1.79')).toEqual([1, 79, 0]);
    expect(parseLiteLLMVersion('unknown')).toBeNull();
    expect(parseLiteLLMVersion(null)).toBeNull();
  });

  it('compares numerically, not as text, and leaves an unknown version undecided', () => {
    expect(litellmSupports('1.83.9', 'v2_login_body_token')).toBe(false);
    expect(litellmSupports('1.83.10', 'v2_login_body_token')).toBe(true);
    expect(litellmSupports('1.100.0', 'v2_login_body_token')).toBe(true);
    expect(litellmSupports('1.80.7', 'v2_login')).toBe(false);
    expect(litellmSupports(undefined, 'v3_login')).toBeUndefined();
    expect(featureRequirement('v2_login_body_token')).toBe(
      'the token in the /v2/login body needs LiteLLM ≥ 1.83.10',
    );
  });
});

describe('a worker with litellm_key_header_name', () => {
  const HEADER = 'X-LiteLLM-Key';
  let worker: FakeWorker;

  beforeAll(async () => {
    worker = await startFakeWorker({
      masterKey: MASTER_KEY,
      keyHeaderName: HEADER,
      seed: { keys: 2, teams: 1, users: 1, spendLogs: 0, seed: 6 },
    });
  });
  afterAll(() => worker.close());

  it('refuses the key on Authorization and accepts it on its header', async () => {
    await using plain = createWorkerClient({ baseUrl: worker.url, apiKey: MASTER_KEY });
    await expect(plain.teams.list()).rejects.toMatchObject({ status: 401 });
    await using custom = createWorkerClient({ baseUrl: worker.url, apiKey: MASTER_KEY, keyHeader: HEADER });
    const team = await custom.teams.create({ team_alias: 'header-team' });
    expect(team.team_alias).toBe('header-team');
    const key = await custom.keys.generate({ team_id: team.team_id });
    await custom.keys.delete({ keys: [key.key] });
    await custom.teams.delete({ team_ids: [team.team_id] });
    const login = await custom.auth.login({ username: 'admin', password: MASTER_KEY });
    const session = sessionFromUiToken(login.token);
    expect(session.authHeaderName).toBe(HEADER);
    await using sessionClient = createWorkerClient({
      baseUrl: worker.url,
      apiKey: session.key,
      keyHeader: session.authHeaderName ?? undefined,
    });
    await expect(sessionClient.keys.list()).resolves.toBeDefined();
  });

  it('rejects an invalid header name before any call', () => {
    expect(() =>
      createWorkerClient({ baseUrl: worker.url, apiKey: MASTER_KEY, keyHeader: 'bad header' }),
    ).toThrow(/header name/);
  });
});

describe('a client built with the worker’s UI credentials', () => {
  let worker: FakeWorker;

  beforeAll(async () => {
    worker = await startFakeWorker({
      masterKey: MASTER_KEY,
      uiPassword: PASSWORD,
      litellmVersion: '1.82.0',
      seed: { keys: 2, teams: 1, users: 1, spendLogs: 0, seed: 7 },
    });
  });
  afterAll(() => worker.close());

  it('logs in once, reuses the session, and logs in again when the worker revokes it', async () => {
    await using client = createWorkerClient({
      baseUrl: worker.url,
      login: { username: 'admin', password: PASSWORD },
    });
    const before = worker.state.counters.requests;
    await client.teams.list();
    await client.keys.list();
    // Two calls and one login (a /v2/login answered with the token only in its cookie).
    expect(worker.state.counters.requests - before).toBe(3);
    await using admin = createWorkerClient({ baseUrl: worker.url, apiKey: MASTER_KEY });
    const sessionTokens = [...worker.state.keys.values()]
      .filter((key) => key.team_id === 'litellm-dashboard')
      .map((key) => key.token);
    expect(sessionTokens).toHaveLength(1);
    await admin.keys.delete({ keys: sessionTokens });
    const beforeRetry = worker.state.counters.requests;
    await expect(client.teams.list()).resolves.toBeInstanceOf(Array);
    // The refused call, a new login, and the call again.
    expect(worker.state.counters.requests - beforeRetry).toBe(3);
  });

  it('reports a wrong password as the worker’s error without repeating the password', async () => {
    await using client = createWorkerClient({
      baseUrl: worker.url,
      login: { username: 'admin', password: 'not-the-password' },
    });
    const failure = await client.teams.list().catch((error) => error);
    expect(WorkerApiError.isInstance(failure)).toBe(true);
    expect(JSON.stringify(failure)).not.toContain('not-the-password');
  });
});

describe('browserLoginSupport', () => {
  it('says when a browser can log in by itself and what it takes otherwise', () => {
    expect(browserLoginSupport('1.84.0')).toEqual({ possible: true, note: null });
    expect(browserLoginSupport('1.83.7')).toMatchObject({ possible: true, note: /control_plane_url/ });
    const old = browserLoginSupport('1.82.0');
    expect(old.possible).toBe(false);
    expect(old.note).toContain('needs LiteLLM ≥ 1.83.10');
    expect(old.note).toContain('ui_username and ui_password');
    expect(browserLoginSupport(null)).toEqual({ possible: null, note: null });
  });
});
