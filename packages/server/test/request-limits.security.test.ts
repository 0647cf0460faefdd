import { describe, expect, it } from 'vitest';
import { assertJsonShape, REQUEST_LIMITS } from '../src/http/request-limits.js';
import { startHarness } from './support/fixtures.js';

type ErrorBody = { error: { code: string; message: string; worker_id?: string } };

const json = { 'content-type': 'application/json' };
const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('request limits', () => {
  it('answers a named 4xx for an oversized shape before the worker is called', async () => {
    await using harness = await startHarness({ workers: 1, entry: () => ({ timeout_ms: 500 }) });
    // A worker that cannot be reached: any call to it would answer 502, so a 4xx proves it was not called.
    await harness.workers[0]!.fault('down');
    const relay = '/api/v1/workers/worker-a/admin/key/generate';
    const cases: { body: string; status: number; code: string; names: string }[] = [
      { body: deep(5000), status: 400, code: 'body_too_deep', names: '64 levels' },
      {
        body: `{"models":[${'1,'.repeat(REQUEST_LIMITS.maxArrayLength)}1]}`,
        status: 400,
        code: 'body_array_too_long',
        names: `${REQUEST_LIMITS.maxArrayLength} elements`,
      },
      {
        body: `{"key_alias":"${'x'.repeat(REQUEST_LIMITS.maxStringLength + 1)}"}`,
        status: 400,
        code: 'body_string_too_long',
        names: `${REQUEST_LIMITS.maxStringLength} characters`,
      },
      { body: `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`, status: 413, code: 'body_too_large', names: 'bytes' },
    ];
    for (const { body, status, code, names } of cases) {
      const response = await harness.request(relay, { method: 'POST', headers: json, body });
      expect(response.status, code).toBe(status);
      const error = ((await response.json()) as ErrorBody).error;
      expect(error.code).toBe(code);
      expect(error.message).toContain(names);
    }
    // The same limits guard the control plane's own JSON routes.
    const login = await harness.request('/api/v1/auth/login', {
      method: 'POST',
      headers: json,
      body: deep(100),
      auth: null,
    });
    expect(login.status).toBe(400);
    expect(((await login.json()) as ErrorBody).error.code).toBe('body_too_deep');
    // A body within the limits does reach the worker, which is down: only then is it unreachable.
    const reached = await harness.request(relay, { method: 'POST', headers: json, body: deep(64) });
    expect(reached.status).toBe(502);
    expect(((await reached.json()) as ErrorBody).error.code).toBe('worker_unreachable');
  });

  it('refuses long, repetitive or control-character query strings on every API route', async () => {
    await using harness = await startHarness({ workers: 1 });
    const cases: [string, string][] = [
      [`?q=${'a'.repeat(REQUEST_LIMITS.maxQueryLength)}`, 'query_too_long'],
      [`?${'k=1&'.repeat(REQUEST_LIMITS.maxQueryRepeats + 1)}`, 'query_too_many_values'],
      ['?key_alias=a%0Ab', 'query_invalid_character'],
      ['?key%00=1', 'query_invalid_character'],
    ];
    for (const path of [
      '/api/v1/workers/worker-a/admin/key/list',
      '/api/v1/fleet/overview',
      '/api/v1/workers',
    ]) {
      for (const [query, code] of cases) {
        const response = await harness.request(`${path}${query}`);
        expect(response.status, `${path} ${code}`).toBe(400);
        expect(((await response.json()) as ErrorBody).error.code).toBe(code);
      }
    }
    const fine = await harness.request(`/api/v1/workers/worker-a/admin/key/list?${'k=1&'.repeat(5)}page=1`);
    expect(fine.status).toBe(200);
  });

  it('scans the raw text without being fooled by brackets and commas inside strings', () => {
    const bracketsInStrings = JSON.stringify({ s: '['.repeat(500), t: ','.repeat(20_000), u: '\\"[[[' });
    expect(() => assertJsonShape(bracketsInStrings)).not.toThrow();
    expect(() => assertJsonShape(`[${'{"a":'.repeat(63)}1${'}'.repeat(63)}]`)).not.toThrow();
    expect(() => assertJsonShape(`[${'{"a":'.repeat(64)}1${'}'.repeat(64)}]`)).toThrow(/64 levels/);
    // Separate arrays each within the limit do not add up.
    const half = `[${'1,'.repeat(REQUEST_LIMITS.maxArrayLength - 1)}1]`;
    expect(() => assertJsonShape(`[${half},${half}]`)).not.toThrow();
    // An unterminated string is measured too.
    expect(() => assertJsonShape(`"${'x'.repeat(REQUEST_LIMITS.maxStringLength + 1)}`)).toThrow(/characters/);
  });
});
