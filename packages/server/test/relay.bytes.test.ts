import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningControlPlane, silentLogger, startControlPlane } from '../src/index.js';
import { CANARY, MASTER_KEY, workerKey } from './support/fixtures.js';

/*
 * A relayed 2xx body reaches the caller as the bytes the worker sent, unless it holds the worker's
 * credential, which is redacted. Both relay paths are checked: the Node-level fast path (a plain worker id)
 * and the Hono route (an id that needs percent-encoding in a URL).
 */

const KEY = workerKey(0);
// Non-ASCII text and an invalid UTF-8 sequence inside a string: a text round trip would change them.
const LIST_BODY = Buffer.concat([
  Buffer.from('{"keys":[],"note":"naïve ✓","raw":"'),
  Buffer.from([0xc3, 0x28]),
  Buffer.from('"}'),
]);
const INFO_BODY = Buffer.from(
  JSON.stringify({ echoed: KEY, in_url: `https://w/?k=${encodeURIComponent(KEY)}`, note: 'naïve ✓' }),
);

function get(url: string, path: string): Promise<{ status: number; body: Buffer }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: target.hostname, port: target.port, path, headers: { authorization: `Bearer ${MASTER_KEY}` } },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks) }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('relayed bodies (real server, real worker socket)', () => {
  let worker: Server;
  let running: RunningControlPlane;
  let appFetch: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    worker = createServer((incoming, outgoing) => {
      const body = incoming.url?.startsWith('/key/info') ? INFO_BODY : LIST_BODY;
      outgoing.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      outgoing.end(body);
    });
    await new Promise<void>((resolve) => worker.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(worker.address() as AddressInfo).port}`;
    running = await startControlPlane({
      config: {
        worker_registry: [
          { worker_id: 'plain', name: 'Plain', url, api_key: KEY },
          { worker_id: 'needs encoding', name: 'Needs encoding', url, api_key: KEY },
        ],
        general_settings: { master_key: MASTER_KEY },
      },
      port: 0,
      uiAssetsDir: false,
      monitorIntervalMs: 600_000,
      logger: silentLogger,
    });
    appFetch = vi.spyOn(running.app, 'fetch');
  });

  afterAll(async () => {
    await running.close();
    await new Promise((resolve) => worker.close(resolve));
  });

  for (const [title, id, viaApp] of [
    ['the fast path', 'plain', false],
    ['the Hono route', 'needs%20encoding', true],
  ] as const) {
    it(`passes the worker's bytes on unchanged through ${title}`, async () => {
      appFetch.mockClear();
      const answer = await get(running.url, `/api/v1/workers/${id}/admin/key/list`);
      expect(answer.status).toBe(200);
      expect(answer.body.equals(LIST_BODY)).toBe(true);
      expect(appFetch.mock.calls.length > 0).toBe(viaApp);
    });

    it(`redacts the worker's credential from a body that echoes it through ${title}`, async () => {
      const answer = await get(running.url, `/api/v1/workers/${id}/admin/key/info`);
      expect(answer.status).toBe(200);
      const text = answer.body.toString('utf8');
      expect(text).not.toContain(CANARY);
      expect(JSON.parse(text)).toEqual({
        echoed: '[redacted]',
        in_url: 'https://w/?k=[redacted]',
        note: 'naïve ✓',
      });
    });
  }
});
