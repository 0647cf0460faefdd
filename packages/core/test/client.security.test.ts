import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertSafePath,
  createWorkerClient,
  encodePathParameter,
  InvalidPathError,
  WorkerApiError,
  type WorkerClient,
  WorkerResponseError,
  WorkerTimeoutError,
  WorkerUnreachableError,
} from '../src/index.js';
import {
  closedPort,
  proxyException,
  type Reply,
  type StubWorker,
  startStubWorker,
} from './support/stub-worker.js';

const SECRET = 'sk-master-SECRET-do-not-leak-42';

function everyRendering(value: unknown): string[] {
  return [
    inspect(value, { depth: 10, showHidden: true }),
    String(value),
    JSON.stringify(value) ?? '',
    value instanceof Error ? `${value.message}\n${value.stack ?? ''}` : '',
  ];
}

function expectNoSecret(value: unknown) {
  for (const rendering of everyRendering(value)) expect(rendering).not.toContain(SECRET);
}

describe('credential redaction', () => {
  let worker: StubWorker;
  let client: WorkerClient;
  let nextReply: Reply = { body: {} };

  beforeAll(async () => {
    worker = await startStubWorker(() => nextReply);
    client = createWorkerClient({ baseUrl: worker.url, apiKey: SECRET, workerId: 'w-sec' });
  });
  afterAll(async () => {
    await client.close();
    await worker.close();
  });

  it('the client never renders its credential', () => {
    expectNoSecret(client);
    expectNoSecret(client.keys);
    expect(inspect(client)).toContain('w-sec');
    expect(JSON.stringify(client)).toBe(JSON.stringify({ baseUrl: worker.url, workerId: 'w-sec' }));
    const tokenClient = createWorkerClient({ baseUrl: worker.url, token: SECRET });
    expectNoSecret(tokenClient);
    void tokenClient.close();
  });

  it('but does send it to the worker', async () => {
    nextReply = { body: "I'm alive!" };
    await client.health.liveliness();
    expect(worker.requests.at(-1)?.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it('an API error that echoes the credential is scrubbed (message, body, JSON, inspect)', async () => {
    nextReply = proxyException(
      401,
      `Authentication Error, Invalid proxy server token passed. Received API Key = ${SECRET}`,
      'auth_error',
      SECRET,
    );
    const error = await client.keys.list().catch((caught: unknown) => caught);
    expect(WorkerApiError.isInstance(error)).toBe(true);
    expect((error as WorkerApiError).message).toContain('[redacted]');
    expectNoSecret(error);
    expectNoSecret((error as WorkerApiError).toJSON());
  });

  it('raw() bodies that echo the credential are scrubbed', async () => {
    nextReply = { body: { echoed: SECRET } };
    const response = await client.raw({ method: 'GET', path: '/key/info' });
    expect(response.bodyText).not.toContain(SECRET);
  });

  it('validation errors do not carry the credential', async () => {
    nextReply = { body: { keys: [{ token: SECRET, spend: SECRET }] } };
    const error = await client.keys.list().catch((caught: unknown) => caught);
    expect(WorkerResponseError.isInstance(error)).toBe(true);
    expectNoSecret(error);
  });

  it('transport errors do not carry the credential', async () => {
    const port = await closedPort();
    const refused = createWorkerClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: SECRET,
      maxRetries: 0,
    });
    const unreachable = await refused.health.readiness().catch((caught: unknown) => caught);
    expect(WorkerUnreachableError.isInstance(unreachable)).toBe(true);
    expectNoSecret(unreachable);
    await refused.close();

    const silent = await startStubWorker(() => undefined);
    const slow = createWorkerClient({ baseUrl: silent.url, apiKey: SECRET, timeoutMs: 100 });
    const timeout = await slow.keys.list().catch((caught: unknown) => caught);
    expect(WorkerTimeoutError.isInstance(timeout)).toBe(true);
    expectNoSecret(timeout);
    await slow.close();
    await silent.close();
  });

  it('a virtual key in a path parameter is not put in error messages', async () => {
    nextReply = proxyException(404, 'Key not found', 'not_found_error');
    const error = await client.keys.regenerate('sk-virtual-key-123456').catch((caught: unknown) => caught);
    expect((error as WorkerApiError).status).toBe(404);
    expect(worker.requests.at(-1)?.path).toBe('/key/sk-virtual-key-123456/regenerate');

    const silent = await startStubWorker(() => undefined);
    const slow = createWorkerClient({ baseUrl: silent.url, apiKey: SECRET, timeoutMs: 100 });
    const timeout = (await slow.keys
      .regenerate('sk-virtual-key-123456')
      .catch((caught: unknown) => caught)) as Error;
    expect(timeout.message).toContain('/key/{key}/regenerate');
    expect(timeout.message).not.toContain('sk-virtual-key-123456');
    await slow.close();
    await silent.close();
  });

  it('refuses a base URL with embedded credentials', () => {
    expect(() => createWorkerClient({ baseUrl: `http://admin:${SECRET}@127.0.0.1:1` })).toThrow(
      /credentials/,
    );
    try {
      createWorkerClient({ baseUrl: `http://admin:${SECRET}@127.0.0.1:1` });
    } catch (error) {
      expectNoSecret(error);
    }
    expect(() => createWorkerClient({ baseUrl: 'file:///etc/passwd' })).toThrow(/http or https/);
  });
});

describe('path encoding', () => {
  let worker: StubWorker;
  let client: WorkerClient;

  beforeAll(async () => {
    worker = await startStubWorker(() => ({ body: { key: 'sk-new' } }));
    client = createWorkerClient({ baseUrl: worker.url, apiKey: SECRET });
  });
  afterAll(async () => {
    await client.close();
    await worker.close();
  });

  it.each([
    ['..'],
    ['.'],
    [''],
    ['a/b'],
    ['..%2f..%2fchat'],
    ['%2e%2e'],
    ['%252e%252e'],
    ['a\\b'],
    ['line\nbreak'],
  ])('regenerate refuses the path parameter %j without sending', async (value) => {
    const before = worker.requests.length;
    await expect(client.keys.regenerate(value)).rejects.toBeInstanceOf(InvalidPathError);
    expect(worker.requests.length).toBe(before);
  });

  it('encodes ordinary characters in a path parameter', async () => {
    await client.keys.regenerate('sk-a b+c');
    expect(worker.requests.at(-1)?.path).toBe('/key/sk-a%20b%2Bc/regenerate');
    expect(encodePathParameter('sk-a b')).toBe('sk-a%20b');
  });

  it('raw() sends a path with a space or a non-ASCII letter percent-encoded, as a URL would', async () => {
    const seen: string[] = [];
    const server = createServer((incoming, outgoing) => {
      seen.push(incoming.url ?? '');
      outgoing.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const raw = createWorkerClient({ baseUrl: `http://127.0.0.1:${port}/base`, apiKey: SECRET });
    try {
      await raw.raw({ method: 'GET', path: '/team/info', query: { team_id: 'a b' } });
      await raw.raw({ method: 'GET', path: '/tag/é x"<>`{}' });
      expect(seen).toEqual(['/base/team/info?team_id=a+b', '/base/tag/%C3%A9%20x%22%3C%3E%60%7B%7D']);
    } finally {
      await raw.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('the invalid-path error does not echo the value', () => {
    try {
      encodePathParameter(`${SECRET}/..`);
    } catch (error) {
      expectNoSecret(error);
    }
  });

  it.each([
    ['key/list'],
    ['/key/../chat/completions'],
    ['/key/%2e%2e/chat/completions'],
    ['/key%2flist'],
    ['/key//list'],
    ['/key/list?x=1'],
    ['/key\\list'],
  ])('raw() refuses %j', async (value) => {
    const before = worker.requests.length;
    await expect(client.raw({ method: 'GET', path: value })).rejects.toBeInstanceOf(InvalidPathError);
    expect(worker.requests.length).toBe(before);
  });

  it('assertSafePath accepts normal management paths', () => {
    expect(assertSafePath('/key/list')).toBe('/key/list');
    expect(assertSafePath('/team/')).toBe('/team/');
    expect(assertSafePath('/.well-known/litellm-ui-config')).toBe('/.well-known/litellm-ui-config');
  });
});
