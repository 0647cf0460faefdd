import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiResponse,
  CANARY_PREFIX,
  cookieValue,
  envelopeOf,
  type Harness,
  observedResponses,
  openTestStore,
  startHarness,
} from './support/harness.js';

/**
 * Every API route, enumerated from the router and the OpenAPI document, against every authentication state;
 * then CSRF, session fixation, expiry, logout and the login rate limit.
 */

const clock = { offsetMs: 0 };
const now = () => Date.now() + clock.offsetMs;
const PASSWORD = 'correct horse battery staple';
const SESSION_TTL_SECONDS = 600;

let storeHandle: Awaited<ReturnType<typeof openTestStore>>;
let harness: Harness;
let other: Harness;
let attacksRefused = 0;
const tokens: Record<string, string> = {};

type Route = { method: string; path: string };
let routes: Route[] = [];

/** Route-table paths (`:workerId`, `*`) and OpenAPI paths (`{workerId}`, `{path}`) made concrete. */
function concrete(path: string, workerId: string): string {
  return path
    .replace(/\{workerId\}|:workerId/g, workerId)
    .replace(/\{username\}|:username/g, 'matrix-nobody')
    .replace(/\{kind\}|:kind/g, 'guardrails')
    .replace(/\/\{path\}$|\/\*$/, '/key/list');
}

const isAdminOnly = (route: Route) =>
  route.path.startsWith('/api/v1/users') ||
  route.path.startsWith('/api/v1/auth/lockouts') ||
  (/^\/api\/v1\/workers(\/[^/]+)?$/.test(route.path.replace(/\{workerId\}|:workerId/, 'id')) &&
    route.method !== 'GET');
/** POSTs that change nothing: computing a plan, ending one's own session. */
const isReadOnlyPost = (route: Route) =>
  route.path === '/api/v1/fleet/plan' ||
  /^\/api\/v1\/fleet\/objects\/(\{kind\}|:kind)\/plan$/.test(route.path) ||
  route.path === '/api/v1/auth/logout';
const isWrite = (route: Route) => route.method !== 'GET' && !isReadOnlyPost(route);
const namesWorker = (route: Route) => /\{workerId\}|:workerId/.test(route.path);

/** A valid plan, so that apply is judged on who calls it rather than on its body. */
let validPlan = '{}';

async function call(route: Route, headers: Record<string, string>, workerId = 'w1'): Promise<ApiResponse> {
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  const body = route.path === '/api/v1/fleet/apply' ? validPlan : '{}';
  return harness.api(concrete(route.path, workerId), {
    method: route.method,
    headers,
    ...(hasBody ? { rawBody: body } : {}),
  });
}

function codeOf(response: ApiResponse): string | null {
  if (response.status < 400) return null;
  try {
    return envelopeOf(response).code;
  } catch {
    return `non-envelope ${response.status}`;
  }
}

async function createUser(username: string, role: string, scope?: unknown): Promise<void> {
  const response = await harness.api('/api/v1/users', {
    method: 'POST',
    body: { username, password: PASSWORD, role, ...(scope === undefined ? {} : { scope }) },
  });
  expect(response.status, response.text).toBeLessThan(300);
}

/** A session token with the payload rewritten but the original signature. */
function tamper(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [prefix, payload, mac] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  change(claims);
  return `${prefix}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
}

beforeAll(async () => {
  storeHandle = await openTestStore();
  harness = await startHarness({
    store: storeHandle.store,
    workers: 3,
    now,
    generalSettings: { session_ttl_seconds: SESSION_TTL_SECONDS },
    loginThrottle: { maxFailures: 5, windowMs: 60_000, lockoutMs: 60_000, delayMs: 0 },
  });
  // Another control plane (another master key): its sessions must mean nothing here.
  other = await startHarness({ store: storeHandle.store, workers: 1 });

  await createUser('matrix-viewer', 'viewer');
  await createUser('matrix-operator', 'operator', { workers: ['w0'] });
  await createUser('matrix-gold', 'operator', { labels: { tier: 'gold' } });
  tokens.viewer = (await harness.login('matrix-viewer', PASSWORD)).token;
  tokens.operator = (await harness.login('matrix-operator', PASSWORD)).token;
  tokens.gold = (await harness.login('matrix-gold', PASSWORD)).token;
  tokens.admin = (await harness.login()).token;
  tokens.foreign = (await other.login()).token;
  const revoked = await harness.login('matrix-viewer', PASSWORD);
  const logout = await harness.api('/api/v1/auth/logout', {
    method: 'POST',
    headers: { authorization: `Bearer ${revoked.token}` },
  });
  expect(logout.status).toBe(200);
  tokens.revoked = revoked.token;

  const openapi = (await harness.api('/openapi.json')).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const seen = new Set<string>();
  const add = (method: string, path: string) => {
    const key = `${method} ${concrete(path, 'X')}`;
    if (seen.has(key)) return;
    seen.add(key);
    routes.push({ method, path });
  };
  for (const [path, operations] of Object.entries(openapi.paths)) {
    for (const method of Object.keys(operations))
      if (path.startsWith('/api/')) add(method.toUpperCase(), path);
  }
  // Routes registered on the router but missing from the document are covered too.
  for (const entry of harness.controlPlane.app.routes) {
    if (!entry.path.startsWith('/api/v1/') || entry.path === '/api/*') continue;
    const methods = entry.method === 'ALL' ? ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] : [entry.method];
    for (const method of methods) add(method, entry.path);
  }
  routes = routes.filter((route) => route.path !== '/api/v1/auth/login');
  const planned = await harness.api('/api/v1/fleet/plan', {
    method: 'POST',
    body: { desired: { budgets: [{ budget_id: 'matrix-budget', max_budget: 1 }] } },
  });
  validPlan = JSON.stringify({ plan: planned.json(), on_failure: 'continue' });
}, 240_000);

afterAll(async () => {
  for (const { text, headers } of observedResponses()) {
    expect(text).not.toContain(CANARY_PREFIX);
    expect(headers).not.toContain(CANARY_PREFIX);
  }
  for (const line of [...(harness?.logLines ?? []), ...(other?.logLines ?? [])]) {
    expect(line).not.toContain(CANARY_PREFIX);
  }
  await harness?.close();
  await other?.close();
  await storeHandle?.close();
  console.info(`[hardening] auth attacks refused: ${attacksRefused}`);
}, 60_000);

describe('route × authentication state', () => {
  it('enumerates every API route', () => {
    const paths = new Set(
      routes.map((route) => route.path.replace(/:(\w+)/g, '{$1}').replace(/\/\*$/, '/{path}')),
    );
    for (const expected of [
      '/api/v1/auth/me',
      '/api/v1/workers',
      '/api/v1/workers/{workerId}',
      '/api/v1/workers/{workerId}/admin/{path}',
      '/api/v1/fleet/overview',
      '/api/v1/fleet/apply',
      '/api/v1/audit',
      '/api/v1/users',
    ]) {
      expect(paths).toContain(expected);
    }
    expect(routes.length).toBeGreaterThan(20);
  });

  const UNAUTHENTICATED: { state: string; headers: () => Record<string, string> }[] = [
    { state: 'no credential', headers: () => ({ authorization: '' }) },
    { state: 'wrong bearer', headers: () => ({ authorization: 'Bearer sk-not-the-master-key' }) },
    { state: 'empty bearer', headers: () => ({ authorization: 'Bearer ' }) },
    {
      state: 'basic scheme',
      headers: () => ({ authorization: `Basic ${Buffer.from('admin:x').toString('base64')}` }),
    },
    { state: 'forged session', headers: () => ({ authorization: 'Bearer cp1.eyJzaWQiOiJ4In0.AAAA' }) },
    {
      state: 'tampered session (viewer → admin)',
      headers: () => ({
        authorization: `Bearer ${tamper(tokens.viewer ?? '', (claims) => {
          claims.role = 'admin';
          claims.kind = 'admin';
          claims.scope = null;
        })}`,
      }),
    },
    {
      state: 'tampered session (expiry extended)',
      headers: () => ({
        authorization: `Bearer ${tamper(tokens.viewer ?? '', (claims) => {
          claims.exp = Number(claims.exp) + 86_400 * 365;
        })}`,
      }),
    },
    {
      state: 'session of another control plane',
      headers: () => ({ authorization: `Bearer ${tokens.foreign}` }),
    },
    { state: 'revoked session (bearer)', headers: () => ({ authorization: `Bearer ${tokens.revoked}` }) },
    {
      state: 'revoked session (cookie)',
      headers: () => ({ authorization: '', cookie: `cp_session=${tokens.revoked}` }),
    },
    { state: 'garbage cookie', headers: () => ({ authorization: '', cookie: 'cp_session=%00%ff..' }) },
    {
      state: 'master key in a cookie',
      headers: () => ({ authorization: '', cookie: `cp_session=${harness.masterKey.slice(0, -1)}x` }),
    },
  ];

  it.each(UNAUTHENTICATED)('$state: every route answers 401 with the envelope', async ({ headers }) => {
    const failures: string[] = [];
    for (const route of routes) {
      const response = await call(route, headers());
      const code = codeOf(response);
      if (response.status !== 401 || code !== 'unauthorized') {
        failures.push(`${route.method} ${route.path} → ${response.status} ${code}`);
        continue;
      }
      if (!response.header('www-authenticate')?.startsWith('Bearer'))
        failures.push(`${route.path}: no WWW-Authenticate`);
      attacksRefused += 1;
    }
    expect(failures).toEqual([]);
  });

  it('viewer: reads pass, every write and every admin route is 403', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      if (route.path === '/api/v1/auth/logout') continue;
      const response = await call(route, { authorization: `Bearer ${tokens.viewer}` });
      const code = codeOf(response);
      // `/admin` without a management path names nothing to relay and is refused as a bad path.
      const refused =
        (response.status === 403 && code === 'forbidden') ||
        (route.path.endsWith('/admin') && response.status === 400 && code === 'invalid_path');
      if (isAdminOnly(route) || isWrite(route)) {
        if (!refused)
          failures.push(`${route.method} ${route.path} → ${response.status} ${code} (expected 403)`);
        else attacksRefused += 1;
      } else if (
        [401, 403].includes(response.status) ||
        (response.status >= 500 && code !== 'worker_error')
      ) {
        failures.push(`${route.method} ${route.path} → ${response.status} ${code} (expected access)`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('operator outside its scope: the worker does not exist for it, admin routes are 403', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      if (route.path === '/api/v1/auth/logout') continue;
      const response = await call(route, { authorization: `Bearer ${tokens.operator}` }, 'w1');
      const code = codeOf(response);
      if (isAdminOnly(route)) {
        if (response.status !== 403 || code !== 'forbidden')
          failures.push(`${route.method} ${route.path} → ${response.status} ${code} (expected 403)`);
        else attacksRefused += 1;
      } else if (namesWorker(route)) {
        if (response.status !== 404 || code !== 'worker_not_found') {
          failures.push(
            `${route.method} ${route.path} → ${response.status} ${code} (expected 404 worker_not_found)`,
          );
        } else {
          attacksRefused += 1;
        }
      } else if ([401, 403].includes(response.status) && route.path !== '/api/v1/fleet/apply') {
        failures.push(`${route.method} ${route.path} → ${response.status} ${code} (expected access)`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('operator inside its scope may write to its worker', async () => {
    const before = harness.workers[0]?.state.keys.size ?? 0;
    const response = await harness.api('/api/v1/workers/w0/admin/key/generate', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.operator}` },
      body: { key_alias: 'operator-made' },
    });
    expect(response.status, response.text).toBe(200);
    expect(harness.workers[0]?.state.keys.size).toBe(before + 1);
  });

  it.each([
    { state: 'master key', header: () => `Bearer ${harness.masterKey}` },
    { state: 'admin session', header: () => `Bearer ${tokens.admin}` },
  ])('admin ($state): no route refuses it', async ({ header }) => {
    const failures: string[] = [];
    for (const route of routes) {
      if (route.path === '/api/v1/auth/logout') continue;
      const response = await call(route, { authorization: header() });
      const code = codeOf(response);
      if (
        ['unauthorized', 'forbidden', 'csrf_refused'].includes(code ?? '') ||
        (response.status >= 500 && !code?.startsWith('worker_'))
      ) {
        failures.push(`${route.method} ${route.path} → ${response.status} ${code}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('scope holds through fan-out and search', () => {
  const asOperator = (path: string, init: { method?: string; body?: unknown } = {}) =>
    harness.api(path, { ...init, headers: { authorization: `Bearer ${tokens.operator}` } });

  it('lists, overview, health, search, spend, plan and audit show only the workers in scope', async () => {
    const ids = (rows: { worker_id?: string; workerId?: string }[]) => [
      ...new Set(rows.map((row) => row.worker_id ?? row.workerId)),
    ];
    expect(
      ids(((await asOperator('/api/v1/workers')).json() as { workers: { worker_id: string }[] }).workers),
    ).toEqual(['w0']);
    expect(
      ids(
        ((await asOperator('/api/v1/fleet/overview')).json() as { workers: { worker_id: string }[] }).workers,
      ),
    ).toEqual(['w0']);
    expect(
      ids(
        ((await asOperator('/api/v1/fleet/health')).json() as { workers: { worker_id: string }[] }).workers,
      ),
    ).toEqual(['w0']);
    const search = (await asOperator('/api/v1/fleet/search?q=a&type=all')).json() as {
      matches: { worker_id: string }[];
      failures: { worker_id: string }[];
    };
    for (const id of ids([...search.matches, ...search.failures])) expect(id).toBe('w0');
    const spend = (await asOperator('/api/v1/fleet/spend?start=2020-01-01&end=2100-01-01')).json() as {
      workers: { worker_id: string }[];
    };
    expect(ids(spend.workers)).toEqual(['w0']);
    const plan = (
      await asOperator('/api/v1/fleet/plan', {
        method: 'POST',
        body: { desired: { teams: [{ team_alias: 'scoped' }] } },
      })
    ).json() as {
      workers: { workerId: string }[];
    };
    expect(ids(plan.workers)).toEqual(['w0']);
    const audit = (await asOperator('/api/v1/audit')).json() as { entries: { worker_id: string | null }[] };
    for (const entry of audit.entries) expect(entry.worker_id).toBe('w0');
    const gold = (
      await harness.api('/api/v1/workers', { headers: { authorization: `Bearer ${tokens.gold}` } })
    ).json() as {
      workers: { worker_id: string }[];
    };
    expect(ids(gold.workers)).toEqual(['w0']);
  });

  it.each([
    { what: 'search naming w1', path: '/api/v1/fleet/search?q=a&workers=w1' },
    { what: 'overview naming w1', path: '/api/v1/fleet/overview?workers=w0,w1' },
    { what: 'spend naming w1', path: '/api/v1/fleet/spend?start=2020-01-01&end=2100-01-01&workers=w1' },
    { what: 'drift with baseline w1', path: '/api/v1/fleet/drift?baseline=w1' },
    { what: 'drift over w1', path: '/api/v1/fleet/drift?baseline=w0&workers=w1' },
    { what: 'audit of w1', path: '/api/v1/audit?worker_id=w1' },
  ])('$what is refused as if w1 did not exist', async ({ path }) => {
    const response = await asOperator(path);
    expect(response.status, response.text).toBe(404);
    expect(envelopeOf(response).code).toBe('worker_not_found');
    attacksRefused += 1;
  });

  it('a plan naming w1 is refused, and applying an admin plan that touches w1 changes nothing there', async () => {
    const named = await asOperator('/api/v1/fleet/plan', {
      method: 'POST',
      body: { desired: { teams: [{ team_alias: 'x' }] }, workers: ['w1'] },
    });
    expect(named.status).toBe(404);
    const adminPlan = (
      await harness.api('/api/v1/fleet/plan', {
        method: 'POST',
        body: { desired: { teams: [{ team_alias: 'smuggled-team' }] } },
      })
    ).json();
    const teamsBefore = harness.workers[1]?.state.teams.size;
    const applied = await asOperator('/api/v1/fleet/apply', { method: 'POST', body: { plan: adminPlan } });
    expect([403, 404]).toContain(applied.status);
    expect(harness.workers[1]?.state.teams.size).toBe(teamsBefore);
    attacksRefused += 2;
  });
});

describe('CSRF', () => {
  let cookie = '';
  beforeAll(async () => {
    cookie = (await harness.login()).cookie;
    expect(cookie).not.toBe('');
  });
  const sameOrigin = () => `http://127.0.0.1:${harness.port}`;
  const plan = (headers: Record<string, string>) =>
    harness.api('/api/v1/fleet/plan', {
      method: 'POST',
      headers: { authorization: '', cookie: `cp_session=${cookie}`, ...headers },
      body: { desired: { teams: [{ team_alias: 'csrf' }] } },
    });

  it('the session cookie is HttpOnly, SameSite=Strict, Path=/', async () => {
    const response = await harness.api('/api/v1/auth/login', {
      method: 'POST',
      headers: { authorization: '' },
      body: { username: 'admin', password: harness.masterKey },
    });
    const line = response.setCookies.find((value) => value.startsWith('cp_session=')) ?? '';
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect(line).toMatch(/;\s*SameSite=Strict/i);
    expect(line).toMatch(/;\s*Path=\//i);
  });

  it.each<{ what: string; headers: Record<string, string> }>([
    { what: 'no Origin and no Sec-Fetch-Site', headers: {} },
    { what: 'a foreign Origin', headers: { origin: 'https://evil.example' } },
    { what: 'Origin: null (sandboxed frame)', headers: { origin: 'null' } },
    { what: 'Sec-Fetch-Site: cross-site', headers: { 'sec-fetch-site': 'cross-site' } },
    { what: 'Sec-Fetch-Site: same-site (a sibling subdomain)', headers: { 'sec-fetch-site': 'same-site' } },
    { what: 'a look-alike Origin', headers: { origin: 'http://127.0.0.1.evil.example' } },
    {
      what: 'a foreign Origin with a form content type',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
    },
  ])('a cookie-carrying POST with $what is refused', async ({ headers }) => {
    const response = await plan(headers);
    expect(response.status, response.text).toBe(403);
    expect(['csrf_refused', 'origin_refused']).toContain(envelopeOf(response).code);
    attacksRefused += 1;
  });

  it('a cross-site relayed write carrying the cookie creates nothing on the worker', async () => {
    const before = harness.workers[0]?.state.keys.size;
    const attempts: Record<string, string>[] = [
      {},
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of attempts) {
      const response = await harness.api('/api/v1/workers/w0/admin/key/generate', {
        method: 'POST',
        headers: { authorization: '', cookie: `cp_session=${cookie}`, ...headers },
        body: { key_alias: 'csrf-key' },
      });
      expect(response.status).toBe(403);
      attacksRefused += 1;
    }
    expect(harness.workers[0]?.state.keys.size).toBe(before);
  });

  it('a cross-site logout carrying the cookie does not end the session', async () => {
    const response = await harness.api('/api/v1/auth/logout', {
      method: 'POST',
      headers: { authorization: '', cookie: `cp_session=${cookie}` },
    });
    expect(response.status).toBe(403);
    const me = await harness.api('/api/v1/auth/me', {
      headers: { authorization: '', cookie: `cp_session=${cookie}` },
    });
    expect(me.status).toBe(200);
    attacksRefused += 1;
  });

  it('a cross-site login is refused (login CSRF)', async () => {
    const response = await harness.api('/api/v1/auth/login', {
      method: 'POST',
      headers: { authorization: '', origin: 'https://evil.example' },
      body: { username: 'admin', password: harness.masterKey },
    });
    expect(response.status).toBe(403);
    expect(response.setCookies.some((line) => line.startsWith('cp_session='))).toBe(false);
    attacksRefused += 1;
  });

  it('same-origin requests are accepted (Origin or Sec-Fetch-Site)', async () => {
    expect((await plan({ origin: sameOrigin() })).status).toBe(200);
    expect((await plan({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('bearer requests are exempt: a browser cannot attach them cross-site', async () => {
    const response = await harness.api('/api/v1/fleet/plan', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.admin}` },
      body: { desired: { teams: [{ team_alias: 'bearer' }] } },
    });
    expect(response.status).toBe(200);
  });
});

describe('session fixation, logout and expiry', () => {
  it('a cookie value chosen by an attacker is never adopted: login issues a fresh token', async () => {
    const planted = 'attacker-chosen-session-value';
    const response = await harness.api('/api/v1/auth/login', {
      method: 'POST',
      headers: { authorization: '', cookie: `cp_session=${planted}` },
      body: { username: 'admin', password: harness.masterKey },
    });
    expect(response.status).toBe(200);
    const issued = cookieValue(response.setCookies, 'cp_session');
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);
    const withPlanted = await harness.api('/api/v1/auth/me', {
      headers: { authorization: '', cookie: `cp_session=${planted}` },
    });
    expect(withPlanted.status).toBe(401);
    attacksRefused += 1;
  });

  it("an attacker's own valid session planted in the victim's browser is replaced at login", async () => {
    const attacker = await harness.login('matrix-viewer', PASSWORD);
    const response = await harness.api('/api/v1/auth/login', {
      method: 'POST',
      headers: { authorization: '', cookie: `cp_session=${attacker.cookie}` },
      body: { username: 'admin', password: harness.masterKey },
    });
    const issued = cookieValue(response.setCookies, 'cp_session') ?? '';
    expect(issued).not.toBe(attacker.cookie);
    const me = (
      await harness.api('/api/v1/auth/me', { headers: { authorization: '', cookie: `cp_session=${issued}` } })
    ).json() as {
      role: string;
    };
    expect(me.role).toBe('admin');
    attacksRefused += 1;
  });

  it('two logins give two different sessions', async () => {
    const first = await harness.login();
    const second = await harness.login();
    expect(first.token).not.toBe(second.token);
    expect(first.cookie).toBe(first.token);
  });

  it('logout revokes the session (bearer and cookie), clears the cookie and leaves other sessions alone', async () => {
    const session = await harness.login();
    const bystander = await harness.login();
    const response = await harness.api('/api/v1/auth/logout', {
      method: 'POST',
      headers: { authorization: '', cookie: `cp_session=${session.cookie}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(response.status).toBe(200);
    const cleared = response.setCookies.find((line) => line.startsWith('cp_session=')) ?? '';
    expect(cleared).toMatch(/^cp_session=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(
      (await harness.api('/api/v1/auth/me', { headers: { authorization: `Bearer ${session.token}` } }))
        .status,
    ).toBe(401);
    expect(
      (
        await harness.api('/api/v1/auth/me', {
          headers: { authorization: '', cookie: `cp_session=${session.cookie}` },
        })
      ).status,
    ).toBe(401);
    expect(
      (await harness.api('/api/v1/auth/me', { headers: { authorization: `Bearer ${bystander.token}` } }))
        .status,
    ).toBe(200);
    attacksRefused += 2;
  });

  it('a deleted user’s session stops working at once', async () => {
    await createUser('matrix-leaver', 'operator');
    const session = await harness.login('matrix-leaver', PASSWORD);
    expect(
      (await harness.api('/api/v1/auth/me', { headers: { authorization: `Bearer ${session.token}` } }))
        .status,
    ).toBe(200);
    expect((await harness.api('/api/v1/users/matrix-leaver', { method: 'DELETE' })).status).toBe(200);
    expect(
      (await harness.api('/api/v1/auth/me', { headers: { authorization: `Bearer ${session.token}` } }))
        .status,
    ).toBe(401);
    attacksRefused += 1;
  });

  it('sessions expire after session_ttl_seconds', async () => {
    const session = await harness.login();
    const me = (
      await harness.api('/api/v1/auth/me', { headers: { authorization: `Bearer ${session.token}` } })
    ).json() as {
      expires_at: string;
    };
    expect(Math.abs(Date.parse(me.expires_at) - (now() + SESSION_TTL_SECONDS * 1000))).toBeLessThan(5000);
    clock.offsetMs += (SESSION_TTL_SECONDS + 1) * 1000;
    try {
      const expired = await harness.api('/api/v1/auth/me', {
        headers: { authorization: `Bearer ${session.token}` },
      });
      expect(expired.status).toBe(401);
      expect(envelopeOf(expired).code).toBe('unauthorized');
      attacksRefused += 1;
    } finally {
      clock.offsetMs = 0;
    }
  });
});

describe('login rate limit', () => {
  const attempt = (password: string, headers: Record<string, string> = {}) =>
    harness.api('/api/v1/auth/login', {
      method: 'POST',
      headers: { authorization: '', ...headers },
      body: { username: 'admin', password },
    });

  it('answers 429 with Retry-After after repeated failures, even for the right password and a spoofed X-Forwarded-For', async () => {
    for (let index = 0; index < 5; index += 1) {
      const response = await attempt(`wrong-${index}`);
      expect(response.status).toBe(401);
      expect(envelopeOf(response).message).not.toContain('wrong-');
    }
    const limited = await attempt('wrong-again');
    expect(limited.status).toBe(429);
    expect(envelopeOf(limited).code).toBe('login_locked');
    const retryAfter = Number(limited.header('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await attempt(harness.masterKey)).status).toBe(429);
    for (const forwarded of ['10.0.0.1', '203.0.113.9', '127.0.0.2']) {
      const spoofed = await attempt(harness.masterKey, {
        'x-forwarded-for': forwarded,
        'x-real-ip': forwarded,
      });
      expect(spoofed.status).toBe(429);
    }
    attacksRefused += 5;

    clock.offsetMs += 61_000;
    try {
      expect((await attempt(harness.masterKey)).status).toBe(200);
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('a concurrent burst of wrong passwords cannot get past the limit', async () => {
    // Every attempt of the burst starts before any failure is recorded; a limiter that only counts finished
    // failures lets all of them through, and each costs a full scrypt hash.
    clock.offsetMs += 120_000;
    try {
      const burst = await Promise.all(
        Array.from({ length: 25 }, (_unused, index) =>
          harness.api('/api/v1/auth/login', {
            method: 'POST',
            headers: { authorization: '' },
            body: { username: 'matrix-viewer', password: `burst-${index}-wrong-password` },
          }),
        ),
      );
      const statuses = burst.map((response) => response.status);
      const checked = statuses.filter((status) => status === 401).length;
      expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
      expect(
        checked,
        `passwords checked in one burst: ${checked} (limit 5); statuses ${statuses.join(',')}`,
      ).toBeLessThanOrEqual(5);
      attacksRefused += statuses.filter((status) => status === 429).length;
    } finally {
      clock.offsetMs += 120_000;
    }
  });

  it('oversized or malformed login bodies are 4xx, never 5xx', async () => {
    for (const body of [
      JSON.stringify({ username: 'admin', password: 'x'.repeat(100_000) }),
      JSON.stringify({ username: ['admin'], password: { $ne: '' } }),
      '{"username":"admin","password":',
      JSON.stringify({ username: 'admin' }),
      'null',
      '[]',
    ]) {
      const response = await harness.api('/api/v1/auth/login', {
        method: 'POST',
        headers: { authorization: '' },
        rawBody: body,
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
  });
});
