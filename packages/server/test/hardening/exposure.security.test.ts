import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { isLlmPath, isManagementPath, parseConfig } from '@llm-control-plane/core';
import type { FakeWorker } from '@llm-control-plane/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlPlane, silentLogger } from '../../src/index.js';
import {
  type ApiResponse,
  CANARY_PREFIX,
  envelopeOf,
  type Harness,
  observedResponses,
  openTestStore,
  startHarness,
} from './support/harness.js';
import { type RogueWorker, startRogueWorker } from './support/rogue-worker.js';

/**
 * What leaves the control plane: no worker credential in any response or log line over a full run, secure
 * headers, CORS that never pairs a wildcard with credentials, DNS-rebinding protection, SSRF-safe registry
 * URLs, and worker answers that cannot smuggle active content or headers onto the control plane's origin.
 */

let storeHandle: Awaited<ReturnType<typeof openTestStore>>;
let harness: Harness;
let uiDir: string;
let attacksRefused = 0;
let runtimeWorker: FakeWorker;

beforeAll(async () => {
  storeHandle = await openTestStore();
  uiDir = await mkdtemp(join(tmpdir(), 'cp-hardening-ui-'));
  await mkdir(join(uiDir, 'assets'));
  await writeFile(
    join(uiDir, 'index.html'),
    '<!doctype html><html><head><title>cp</title></head><body></body></html>',
  );
  await writeFile(join(uiDir, 'assets', 'app.js'), 'console.log("ui")');
  harness = await startHarness({
    store: storeHandle.store,
    workers: 2,
    spareWorkers: 1,
    workerTimeoutMs: 400,
    uiAssetsDir: uiDir,
    generalSettings: { allowed_worker_hosts: ['127.0.0.1'] },
  });
  runtimeWorker = harness.spares[0] as FakeWorker;
  const created = await harness.api('/api/v1/workers', {
    method: 'POST',
    body: {
      worker_id: 'runtime',
      name: 'Runtime worker',
      url: runtimeWorker.url,
      api_key: runtimeWorker.masterKey,
    },
  });
  expect(created.status, created.text).toBe(201);
}, 240_000);

afterAll(async () => {
  await harness?.close();
  await storeHandle?.close();
  await rm(uiDir, { recursive: true, force: true });
  console.info(`[hardening] exposure attacks refused: ${attacksRefused}`);
}, 60_000);

const SECURE_HEADER_CHECKS = (response: ApiResponse, where: string) => {
  expect(response.header('x-content-type-options'), where).toBe('nosniff');
  const frameOptions = response.header('x-frame-options');
  const csp = response.header('content-security-policy') ?? '';
  expect(frameOptions !== undefined || /frame-ancestors/.test(csp), `${where}: framing`).toBe(true);
  expect(response.header('referrer-policy'), where).toBeDefined();
  expect(response.header('x-powered-by'), where).toBeUndefined();
};

describe('a canary credential over a full run', () => {
  it('exercises every route, every management path of the workers, failures and exports', async () => {
    const api = harness.api;
    const openapi = (await api('/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, operations] of Object.entries(openapi.paths)) {
      if (!('get' in operations) || path.includes('{path}')) continue;
      for (const workerId of ['runtime', 'w0']) {
        await api(path.replace('{workerId}', workerId).replace('{username}', 'admin'));
      }
    }
    for (const query of [
      'fleet/search?q=a&type=all',
      'fleet/spend?start=2020-01-01&end=2100-01-01&group_by=team',
      'fleet/drift?baseline=runtime&resources=models,teams,budgets,organizations,keyPolicies',
      'audit?format=csv&limit=1000',
      'audit?format=json&limit=1000',
    ]) {
      await api(`/api/v1/${query}`);
    }
    const listing = (await (await fetch(`${runtimeWorker.url}/routes`)).json()) as {
      routes: { path: string; methods: string[] }[];
    };
    const management = listing.routes.filter(
      (route) => isManagementPath(route.path) && !isLlmPath(route.path),
    );
    expect(management.length).toBeGreaterThan(40);
    for (const route of management) {
      const path = route.path.replace(/\{[^}]+\}/g, 'x').replace(/^\//, '');
      for (const method of route.methods) {
        for (const workerId of ['runtime', 'w0']) {
          await api(`/api/v1/workers/${workerId}/admin/${path}`, {
            method,
            ...(method === 'GET' ? {} : { body: {} }),
          });
        }
      }
    }
    for (const workerId of ['runtime', 'w0']) {
      await api(`/api/v1/workers/${workerId}/admin/key/generate`, {
        method: 'POST',
        body: { key_alias: `k-${workerId}` },
      });
      await api(`/api/v1/workers/${workerId}/admin/key/info`);
      await api(`/api/v1/workers/${workerId}/admin/v2/key/info`, { method: 'POST', body: { keys: [] } });
      await api(`/api/v1/workers/${workerId}/admin/user/info`);
    }
    const plan = await api('/api/v1/fleet/plan', {
      method: 'POST',
      body: {
        desired: {
          teams: [{ team_alias: 'canary-team' }],
          models: [
            {
              model_name: 'm',
              litellm_params: { model: 'openai/gpt', api_key: 'os.environ/OPENAI_API_KEY' },
            },
          ],
        },
      },
    });
    await api('/api/v1/fleet/apply', { method: 'POST', body: { plan: plan.json(), on_failure: 'continue' } });

    // A wrong stored credential: the worker's 401 quotes the key it received.
    const wrongKey = `${CANARY_PREFIX}-wrong-credential-0123456789`;
    expect(
      (await api('/api/v1/workers/runtime', { method: 'PATCH', body: { api_key: wrongKey } })).status,
    ).toBe(200);
    await api('/api/v1/workers/runtime/admin/key/list');
    await api('/api/v1/workers/runtime/admin/team/new', { method: 'POST', body: { team_alias: 'x' } });
    await api('/api/v1/fleet/overview');
    expect(
      (await api('/api/v1/workers/runtime', { method: 'PATCH', body: { api_key: runtimeWorker.masterKey } }))
        .status,
    ).toBe(200);

    // Failures carry worker messages; none may carry a credential.
    const first = harness.workers[0] as FakeWorker;
    for (const mode of ['error500', 'garbage', 'hang', 'down'] as const) {
      await first.fault(mode);
      await api('/api/v1/workers/w0/admin/key/list');
      await api('/api/v1/workers/w0/admin/key/generate', { method: 'POST', body: {} });
      await api('/api/v1/fleet/overview');
      await api('/api/v1/fleet/search?q=x');
      await api('/api/v1/fleet/health');
    }
    await first.fault('none');
    await harness.controlPlane.fleet.health();
    await api('/api/v1/audit?format=csv&limit=1000');
    await api('/api/v1/audit?limit=1000');
    await api('/api/v1/workers');
    await harness.login();
    await api('/api/v1/auth/login', {
      method: 'POST',
      headers: { authorization: '' },
      body: { username: 'admin', password: 'nope' },
    });
  }, 180_000);

  it('no response body or header, and no log line, contains any worker credential', () => {
    const responses = observedResponses();
    expect(responses.length).toBeGreaterThan(300);
    const leaks: string[] = [];
    for (const { where, text, headers } of responses) {
      for (const canary of [...harness.canaries, CANARY_PREFIX]) {
        if (text.includes(canary) || headers.includes(canary)) leaks.push(`${where}: ${text.slice(0, 200)}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(harness.logLines.length).toBeGreaterThan(0);
    const logLeaks = harness.logLines.filter((line) => line.includes(CANARY_PREFIX));
    expect(logLeaks).toEqual([]);
    attacksRefused += 1;
  });

  it('the fleet, its entries and the stored registry do not reveal credentials either', async () => {
    const fleet = harness.controlPlane.fleet;
    const texts = [
      inspect(fleet, { depth: 6 }),
      JSON.stringify(fleet.workers()),
      inspect(fleet.worker('runtime'), { depth: 6 }),
      JSON.stringify(await harness.controlPlane.store.workers.list()),
      String(fleet.worker('w0').client),
    ];
    for (const text of texts) expect(text).not.toContain(CANARY_PREFIX);
  });
});

describe('secure headers', () => {
  it('are present on API answers, errors, relayed answers, probes and the UI', async () => {
    const checks: [string, ApiResponse][] = [
      ['me', await harness.api('/api/v1/auth/me')],
      ['401', await harness.api('/api/v1/auth/me', { headers: { authorization: '' } })],
      ['404', await harness.api('/api/v1/nope')],
      ['relay', await harness.api('/api/v1/workers/w0/admin/key/list')],
      ['liveliness', await harness.api('/health/liveliness', { headers: { authorization: '' } })],
      ['discovery', await harness.api('/.well-known/litellm-ui-config', { headers: { authorization: '' } })],
      ['ui', await harness.api('/ui/', { headers: { authorization: '' } })],
      ['ui asset', await harness.api('/ui/assets/app.js', { headers: { authorization: '' } })],
    ];
    for (const [where, response] of checks) SECURE_HEADER_CHECKS(response, where);
    for (const [where, response] of checks.slice(0, 4))
      expect(response.header('cache-control'), where).toContain('no-store');
    const ui = checks.find(([where]) => where === 'ui')?.[1] as ApiResponse;
    expect(ui.status).toBe(200);
    const csp = ui.header('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-eval'/);
  });
});

describe('DNS rebinding (bound to loopback)', () => {
  it.each([
    'evil.example',
    `evil.example:${0}`,
    '127.0.0.1.nip.io',
    'localhost.evil.example',
    '127.0.0.1:1',
    '0.0.0.0',
  ])('Host "%s" is refused on public and private routes', async (host) => {
    const value = host === 'evil.example:0' ? `evil.example:${harness.port}` : host;
    for (const path of ['/health/readiness', '/api/v1/workers', '/.well-known/litellm-ui-config', '/ui/']) {
      const response = await harness.raw({
        path,
        headers: { host: value, authorization: `Bearer ${harness.masterKey}` },
      });
      expect(response.status, `${path} with Host ${value}`).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      if (response.text !== '') expect(envelopeOf(response).code).toBe('host_refused');
      attacksRefused += 1;
    }
  });

  it('a request without a Host header (HTTP/1.0) is refused', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(harness.port, '127.0.0.1', () => {
        socket.write(`GET /api/v1/workers HTTP/1.0\r\nAuthorization: Bearer ${harness.masterKey}\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('utf8');
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.[01] 4\d\d /);
    attacksRefused += 1;
  });

  it('loopback names are accepted, and a foreign Origin is refused even on reads', async () => {
    for (const host of [`127.0.0.1:${harness.port}`, `localhost:${harness.port}`]) {
      const response = await harness.raw({
        path: '/api/v1/workers',
        headers: { host, authorization: `Bearer ${harness.masterKey}` },
      });
      expect(response.status).toBe(200);
    }
    const foreign = await harness.api('/api/v1/workers', { headers: { origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(envelopeOf(foreign).code).toBe('origin_refused');
    attacksRefused += 1;
  });
});

describe('SSRF: registry URLs', () => {
  const BAD_URLS = [
    'file:///etc/passwd',
    'file://127.0.0.1/etc/passwd',
    'javascript:alert(1)',
    'data:text/plain,hello',
    'gopher://127.0.0.1:6379/_INFO',
    'ftp://127.0.0.1/',
    'ws://127.0.0.1:4000/',
    'dict://127.0.0.1:11211/stat',
    'ldap://127.0.0.1/',
    'http://user:pass@127.0.0.1:4000',
    'http://admin@127.0.0.1:4000',
    'http://127.0.0.1@evil.example',
    'http://127.0.0.1:4000@evil.example',
    'http://evil.example',
    'https://evil.example:443',
    'http://127.0.0.1.evil.example',
    'http://evil.example\\@127.0.0.1',
    'http://evil.example#@127.0.0.1',
    'http://169.254.169.254/latest/meta-data/',
    'http://2852039166/',
    'http://0xa9fea9fe/',
    'http://0251.0376.0251.0376/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fd00:ec2::254]/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://100.100.100.200/',
    'http://localhost:4000',
    'http://[::1]:4000',
    'http://10.0.0.1',
    '//127.0.0.1:4000',
    '127.0.0.1:4000',
    '',
    `http://127.0.0.1/${'a'.repeat(5000)}`,
  ];

  it.each(BAD_URLS.map((url, index) => ({ url, index })))('POST refuses $url', async ({ url, index }) => {
    const response = await harness.api('/api/v1/workers', {
      method: 'POST',
      body: { worker_id: `ssrf-${index}`, name: 'ssrf', url, api_key: 'sk-ssrf' },
    });
    expect(response.status, `${url} → ${response.text}`).toBe(400);
    expect(envelopeOf(response).code).toBe('invalid_request');
    expect((await harness.api(`/api/v1/workers/ssrf-${index}`)).status).toBe(404);
    attacksRefused += 1;
  });

  it('control characters and spaces never reach a stored URL (refused, or removed by URL parsing)', async () => {
    for (const [index, url] of [
      'http://127.0.0.1:4000/\r\nHost: evil',
      'http://127.0.0.1:4000/ x',
      ' http://127.0.0.1',
      'http://127.0.0.1:4000/\tx',
    ].entries()) {
      const response = await harness.api('/api/v1/workers', {
        method: 'POST',
        body: { worker_id: `odd-${index}`, name: 'odd', url },
      });
      if (response.status === 400) continue;
      expect(response.status).toBe(201);
      const stored = (response.json() as { url: string }).url;
      expect([...stored].some((char) => char.charCodeAt(0) <= 0x20 || char === '\u007f')).toBe(false);
      expect(new URL(stored).hostname).toBe('127.0.0.1');
      await harness.api(`/api/v1/workers/odd-${index}`, { method: 'DELETE' });
    }
  });

  it('PATCH refuses the same URLs and leaves the worker where it was', async () => {
    for (const url of BAD_URLS) {
      const response = await harness.api('/api/v1/workers/runtime', { method: 'PATCH', body: { url } });
      expect(response.status, `${url} → ${response.text}`).toBe(400);
      attacksRefused += 1;
    }
    expect(((await harness.api('/api/v1/workers/runtime')).json() as { url: string }).url).toBe(
      runtimeWorker.url,
    );
  });
});

describe('a rogue worker cannot reach through the relay', () => {
  let rogue: RogueWorker;
  let target: RogueWorker;

  beforeAll(async () => {
    target = await startRogueWorker((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"stolen":true}');
    });
    rogue = await startRogueWorker((request, response) => {
      if (request.url?.startsWith('/key/list')) {
        response.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'set-cookie': 'cp_session=planted-by-worker; Path=/',
          'access-control-allow-origin': '*',
          'access-control-allow-credentials': 'true',
        });
        response.end('<html><script>fetch("/api/v1/users",{method:"POST"})</script></html>');
        return;
      }
      if (request.url?.startsWith('/team/list')) {
        response.writeHead(307, { location: `${target.url}/stolen` });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
    const created = await harness.api('/api/v1/workers', {
      method: 'POST',
      body: { worker_id: 'rogue', name: 'Rogue', url: rogue.url, api_key: `${CANARY_PREFIX}-rogue-key` },
    });
    expect(created.status, created.text).toBe(201);
  });

  afterAll(async () => {
    await harness.api('/api/v1/workers/rogue', { method: 'DELETE' });
    await rogue?.close();
    await target?.close();
  });

  it('does not forward its cookies or CORS headers', async () => {
    const response = await harness.api('/api/v1/workers/rogue/admin/key/list');
    expect(response.setCookies).toEqual([]);
    expect(response.header('access-control-allow-origin')).toBeUndefined();
    expect(response.header('access-control-allow-credentials')).toBeUndefined();
    attacksRefused += 1;
  });

  it('cannot serve active content (HTML) on the control plane origin', async () => {
    const response = await harness.api('/api/v1/workers/rogue/admin/key/list');
    const type = response.header('content-type') ?? '';
    const csp = response.header('content-security-policy') ?? '';
    const neutralised =
      !/text\/html|xml|javascript/i.test(type) ||
      /sandbox|default-src 'none'/.test(csp) ||
      /attachment/i.test(response.header('content-disposition') ?? '');
    expect(neutralised, `relayed content-type ${type}, csp "${csp}"`).toBe(true);
    attacksRefused += 1;
  });

  it('redirects are not followed', async () => {
    const response = await harness.api('/api/v1/workers/rogue/admin/team/list');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(target.requests).toEqual([]);
    attacksRefused += 1;
  });

  it('received the credential only in the Authorization header, never in the URL', () => {
    for (const request of rogue.requests) expect(request.url).not.toContain(CANARY_PREFIX);
  });
});

describe('CORS', () => {
  it('is off by default: no Access-Control-Allow-Origin for anyone', async () => {
    const preflight = await harness.raw({
      method: 'OPTIONS',
      path: '/api/v1/workers',
      headers: { origin: `http://127.0.0.1:${harness.port}`, 'access-control-request-method': 'GET' },
    });
    expect(preflight.header('access-control-allow-origin')).toBeUndefined();
    const read = await harness.api('/api/v1/workers', {
      headers: { origin: `http://127.0.0.1:${harness.port}` },
    });
    expect(read.header('access-control-allow-origin')).toBeUndefined();
  });

  it('an allow-listed origin works with credentials; others get nothing; a wildcard never carries credentials', async () => {
    const listed = await startHarness({
      store: storeHandle.store,
      workers: 1,
      generalSettings: { cors_allow_origins: ['https://ui.example.com'] },
    });
    // A loopback-bound server refuses foreign origins outright (DNS rebinding), so the wildcard case is
    // checked on the app itself, as when it is served on a routable address.
    const wildcard = await createControlPlane({
      config: parseConfig(
        JSON.stringify({ general_settings: { master_key: 'sk-wildcard-admin', cors_allow_origins: ['*'] } }),
        { env: {} },
      ).config,
      store: storeHandle.store,
      uiAssetsDir: false,
      monitorIntervalMs: 60_000,
      logger: silentLogger,
    });
    const wildcardRequest = async (method: string, origin: string, body?: string) => {
      const response = await wildcard.app.request('/api/v1/workers', {
        method,
        headers: {
          origin,
          authorization: 'Bearer sk-wildcard-admin',
          'access-control-request-method': 'POST',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body }),
      });
      return {
        status: response.status,
        header: (name: string) => response.headers.get(name) ?? undefined,
      };
    };
    try {
      const preflight = (target: Harness, origin: string) =>
        target.raw({
          method: 'OPTIONS',
          path: '/api/v1/workers',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        });
      const allowed = await preflight(listed, 'https://ui.example.com');
      expect(allowed.status).toBeLessThan(300);
      expect(allowed.header('access-control-allow-origin')).toBe('https://ui.example.com');
      expect(allowed.header('access-control-allow-credentials')).toBe('true');
      const actual = await listed.api('/api/v1/workers', { headers: { origin: 'https://ui.example.com' } });
      expect(actual.status).toBe(200);
      expect(actual.header('access-control-allow-origin')).toBe('https://ui.example.com');

      for (const origin of [
        'https://evil.example',
        'https://ui.example.com.evil.example',
        'null',
        'https://UI.example.com.',
      ]) {
        const refused = await preflight(listed, origin);
        expect([undefined, '']).toContain(refused.header('access-control-allow-origin'));
        attacksRefused += 1;
      }

      const open = await wildcardRequest('OPTIONS', 'https://anyone.example');
      expect(open.header('access-control-allow-origin')).toBe('*');
      expect(open.header('access-control-allow-credentials')).not.toBe('true');
      const read = await wildcardRequest('GET', 'https://anyone.example');
      expect(read.status).toBe(200);
      expect(read.header('access-control-allow-credentials')).not.toBe('true');
      expect(read.header('access-control-allow-origin')).not.toBe('https://anyone.example');
      attacksRefused += 1;

      // Without an allow-list, metadata addresses and non-http schemes are still refused.
      for (const url of [
        'http://169.254.169.254/',
        'file:///etc/passwd',
        'http://u:p@127.0.0.1:1',
        'gopher://x/',
      ]) {
        const response = await wildcardRequest(
          'POST',
          'https://anyone.example',
          JSON.stringify({ worker_id: 'nope', name: 'nope', url }),
        );
        expect(response.status).toBe(400);
        attacksRefused += 1;
      }
    } finally {
      await listed.close();
      await wildcard.close();
    }
  }, 120_000);
});
