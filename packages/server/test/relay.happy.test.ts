import { describe, expect, it } from 'vitest';
import { jsonBody, startHarness } from './support/fixtures.js';

type ErrorBody = { error: { code: string; message: string; worker_id?: string; worker_status?: number } };

describe('relay', () => {
  it('creates a key on worker B only, returns the body verbatim and audits the write with secrets redacted', async () => {
    await using harness = await startHarness({ workers: 2 });
    const [workerA, workerB] = harness.workers;
    const keysBefore = workerA!.state.keys.size;
    const response = await harness.request('/api/v1/workers/worker-b/admin/key/generate', {
      ...jsonBody({ key_alias: 'relayed-key', key: 'sk-chosen-by-caller-123456' }),
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-relay-1' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-relay-1');
    const created = (await response.json()) as { key: string; key_alias: string };
    expect(created.key_alias).toBe('relayed-key');
    expect(created.key).toBe('sk-chosen-by-caller-123456');
    expect([...workerB!.state.keys.values()].some((key) => key.key_alias === 'relayed-key')).toBe(true);
    expect([...workerA!.state.keys.values()].some((key) => key.key_alias === 'relayed-key')).toBe(false);
    expect(workerA!.state.keys.size).toBe(keysBefore);

    const audit = await harness.request('/api/v1/audit?worker_id=worker-b');
    const { entries } = (await audit.json()) as {
      entries: {
        actor: string;
        worker_id: string;
        method: string;
        path: string;
        status: number;
        request_id: string;
        detail: unknown;
      }[];
    };
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'admin',
      worker_id: 'worker-b',
      method: 'POST',
      path: '/key/generate',
      status: 200,
      request_id: 'req-relay-1',
    });
    expect(JSON.stringify(entries[0]!.detail)).not.toContain('sk-chosen-by-caller');
    expect(JSON.stringify(entries[0]!.detail)).toContain('relayed-key');
  });

  it('forwards the query string and does not audit reads', async () => {
    await using harness = await startHarness({ workers: 1 });
    const response = await harness.request(
      '/api/v1/workers/worker-a/admin/key/list?size=2&page=1&return_full_object=true',
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { keys: unknown[]; total_count: number };
    expect(body.keys).toHaveLength(2);
    expect(body.total_count).toBe(3);
    const audit = (await (await harness.request('/api/v1/audit')).json()) as { entries: unknown[] };
    expect(audit.entries).toHaveLength(0);
  });

  it("turns a worker's HTTP error into the envelope with worker_status", async () => {
    await using harness = await startHarness({ workers: 1 });
    const response = await harness.request(
      '/api/v1/workers/worker-a/admin/key/info?key=sk-does-not-exist-999',
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('worker_error');
    expect(body.error.worker_id).toBe('worker-a');
    expect(body.error.worker_status).toBe(response.status);
    expect(body.error.message.length).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown worker and 400 for a non-JSON body', async () => {
    await using harness = await startHarness({ workers: 1 });
    const unknown = await harness.request('/api/v1/workers/nope/admin/key/list');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorBody).error.code).toBe('worker_not_found');
    const notJson = await harness.request('/api/v1/workers/worker-a/admin/key/generate', {
      method: 'POST',
      body: 'not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
  });
});
