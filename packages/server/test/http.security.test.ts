import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../src/control-plane.js';
import { startControlPlane } from '../src/start.js';
import { MASTER_KEY, startHarness } from './support/fixtures.js';
import { rawRequest } from './support/http.js';
import { createMemoryStore } from './support/memory-store.js';

describe('HTTP hardening', () => {
  it('sends secure headers and no-store on the API', async () => {
    await using harness = await startHarness({ workers: 1 });
    const response = await harness.request('/api/v1/workers');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a raw backslash in the path with the envelope and the security headers', async () => {
    const running = await startControlPlane({
      config: { worker_registry: [], general_settings: { master_key: MASTER_KEY } },
      port: 0,
      store: createMemoryStore(),
      uiAssetsDir: false,
    });
    try {
      for (const path of ['/api/v1/workers/a\\..\\b', '/ui\\index.html', '/\\']) {
        const response = await rawRequest(running.url, path, {
          headers: { authorization: `Bearer ${MASTER_KEY}` },
        });
        expect(response.status, path).toBe(400);
        const body = JSON.parse(response.body) as {
          error: { code: string; message: string; request_id: string };
        };
        expect(body.error.code).toBe('invalid_path');
        expect(body.error.request_id).toBeTruthy();
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['referrer-policy']).toBe('no-referrer');
        expect(response.headers['cache-control']).toBe('no-store');
      }
      // Ordinary requests still reach the app.
      const live = await rawRequest(running.url, '/health/liveliness');
      expect(live.status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('keeps CORS off by default', async () => {
    await using harness = await startHarness({ workers: 1 });
    const preflight = await harness.request('/api/v1/workers', {
      method: 'OPTIONS',
      auth: null,
      headers: { origin: 'https://ui.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await harness.request('/api/v1/workers', { headers: { origin: 'https://ui.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows listed origins with credentials and never combines a wildcard with credentials', async () => {
    await using listed = await startHarness({
      workers: 1,
      generalSettings: { cors_allow_origins: ['https://ui.example'] },
    });
    const allowed = await listed.request('/api/v1/workers', { headers: { origin: 'https://ui.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ui.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await listed.request('/api/v1/workers', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    await using wildcard = await startHarness({ workers: 1, generalSettings: { cors_allow_origins: ['*'] } });
    const any = await wildcard.request('/api/v1/workers', { headers: { origin: 'https://evil.example' } });
    expect(any.headers.get('access-control-allow-origin')).toBe('*');
    expect(any.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('limits body size, validates JSON and keeps one envelope for every error', async () => {
    await using harness = await startHarness({ workers: 1 });
    const huge = await harness.request('/api/v1/fleet/plan', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ desired: { teams: [{ team_alias: 'x'.repeat(MAX_BODY_BYTES) }] } }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('body_too_large');

    const wrongType = await harness.request('/api/v1/fleet/plan', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(wrongType.status).toBe(415);

    const invalid = await harness.request('/api/v1/fleet/plan', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ desired: { teams: [{ models: 'not-an-alias' }] } }),
    });
    expect(invalid.status).toBe(400);
    const invalidBody = (await invalid.json()) as {
      error: { code: string; message: string; request_id: string };
    };
    expect(invalidBody.error.message).toMatch(/desired\.teams\.0\.team_alias/);

    const missing = await harness.request('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const outside = await harness.request('/no/such/page', { auth: null });
    expect(outside.status).toBe(404);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('echoes sane request ids and replaces others', async () => {
    await using harness = await startHarness({ workers: 1 });
    const kept = await harness.request('/health/liveliness', { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await harness.request('/health/liveliness', {
      headers: { 'x-request-id': 'bad id\twith "stuff"' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const error = await harness.request('/api/v1/workers/nope', { headers: { 'x-request-id': 'trace-42' } });
    expect(((await error.json()) as { error: { request_id: string } }).error.request_id).toBe('trace-42');
  });
});
