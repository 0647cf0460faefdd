import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorkerClient,
  WorkerAbortError,
  WorkerApiError,
  type WorkerClient,
  WorkerError,
  WorkerResponseError,
  WorkerTimeoutError,
  WorkerUnavailableError,
  WorkerUnreachableError,
} from '../src/index.js';
import {
  closedPort,
  detailError,
  proxyException,
  type Reply,
  type StubWorker,
  startStubWorker,
  validationError,
} from './support/stub-worker.js';

async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('worker client errors', () => {
  let worker: StubWorker;
  let client: WorkerClient;
  let nextReply: Reply | ((socket: import('node:http').ServerResponse) => undefined) = { body: {} };

  beforeAll(async () => {
    worker = await startStubWorker((_request, response) =>
      typeof nextReply === 'function' ? nextReply(response) : nextReply,
    );
    client = createWorkerClient({
      baseUrl: worker.url,
      apiKey: 'sk-master-errors-0123456789',
      workerId: 'w-err',
    });
  });
  afterAll(async () => {
    await client.close();
    await worker.close();
  });

  describe('WorkerApiError parses every LiteLLM envelope', () => {
    it('ProxyException {error:{message,type,param,code}}', async () => {
      nextReply = proxyException(400, "Key with alias 'a' already exists.", 'bad_request_error', 'key_alias');
      const error = await captureError(client.keys.generate({ key_alias: 'a' }));
      expect(WorkerApiError.isInstance(error)).toBe(true);
      const apiError = error as WorkerApiError;
      expect(apiError).toBeInstanceOf(WorkerApiError);
      expect(apiError.kind).toBe('api');
      expect(apiError.status).toBe(400);
      expect(apiError.type).toBe('bad_request_error');
      expect(apiError.code).toBe('400');
      expect(apiError.param).toBe('key_alias');
      expect(apiError.message).toBe("Key with alias 'a' already exists.");
      expect(apiError.workerId).toBe('w-err');
      expect(apiError.retryable).toBe(false);
    });

    it('ProxyException with param "None" leaves param unset', async () => {
      nextReply = proxyException(401, 'Authentication Error, No api key passed in.', 'auth_error');
      const error = (await captureError(client.keys.list())) as WorkerApiError;
      expect(error.status).toBe(401);
      expect(error.type).toBe('auth_error');
      expect(error.param).toBeUndefined();
    });

    it('ProxyException wrapping a Python repr unwraps the inner message', async () => {
      nextReply = proxyException(409, "{'error': 'User with id u1 already exists'}", 'internal_server_error');
      const error = (await captureError(client.users.create({ user_id: 'u1' }))) as WorkerApiError;
      expect(error.status).toBe(409);
      expect(error.message).toBe('User with id u1 already exists');
    });

    it('{detail: {error}} (budget, team member routes)', async () => {
      nextReply = detailError(404, 'Team not found, passed team_id=t9');
      const error = (await captureError(client.teams.update({ team_id: 't9' }))) as WorkerApiError;
      expect(WorkerApiError.isInstance(error)).toBe(true);
      expect(error.status).toBe(404);
      expect(error.message).toBe('Team not found, passed team_id=t9');
      expect(error.type).toBeUndefined();
      expect(error.body).toEqual({ detail: { error: 'Team not found, passed team_id=t9' } });
    });

    it('{detail: "string"}', async () => {
      nextReply = detailError(503, 'Service Unhealthy (db down)', true);
      const error = (await captureError(client.teams.create({}, { timeoutMs: 500 }))) as WorkerApiError;
      expect(error.status).toBe(503);
      expect(error.message).toBe('Service Unhealthy (db down)');
      expect(error.retryable).toBe(true);
    });

    it('422 {detail: [{loc, msg}]}', async () => {
      nextReply = validationError([
        { loc: ['body', 'keys'], msg: "At least one of 'keys' or 'key_aliases' must be provided." },
        { loc: ['body', 'key_aliases'], msg: 'Field required' },
      ]);
      const error = (await captureError(client.keys.delete({}))) as WorkerApiError;
      expect(error.status).toBe(422);
      expect(error.type).toBe('validation_error');
      expect(error.param).toBe('keys');
      expect(error.message).toBe(
        "keys: At least one of 'keys' or 'key_aliases' must be provided.; key_aliases: Field required",
      );
    });

    it('a plain-text error body becomes the message', async () => {
      nextReply = { status: 404, text: 'Not Found' };
      const error = (await captureError(client.budgets.list())) as WorkerApiError;
      expect(error.status).toBe(404);
      expect(error.message).toBe('Not Found');
    });

    it('an empty error body still names the status', async () => {
      nextReply = { status: 403, text: '' };
      const error = (await captureError(client.budgets.delete('b1'))) as WorkerApiError;
      expect(error.message).toBe('HTTP 403');
    });

    it('carries the request id header', async () => {
      nextReply = {
        ...proxyException(400, 'bad', 'bad_request_error'),
        headers: { 'x-litellm-call-id': 'call-7' },
      };
      const error = (await captureError(client.keys.generate())) as WorkerApiError;
      expect(error.requestId).toBe('call-7');
    });
  });

  describe('WorkerResponseError', () => {
    it('names the field when a known field has the wrong type', async () => {
      nextReply = {
        body: { keys: [{ token: 'h', spend: 'lots' }], total_count: 1, current_page: 1, total_pages: 1 },
      };
      const error = await captureError(client.keys.list());
      expect(WorkerResponseError.isInstance(error)).toBe(true);
      const responseError = error as WorkerResponseError;
      expect(responseError.kind).toBe('bad_response');
      expect(responseError.field).toBe('keys[0].spend');
      expect(responseError.message).toContain('keys[0].spend: expected number');
      expect(responseError.status).toBe(200);
      expect(responseError.workerId).toBe('w-err');
    });

    it('fails when a required field is missing', async () => {
      nextReply = { body: { token: 'h' } };
      const error = (await captureError(client.keys.generate())) as WorkerResponseError;
      expect(error.field).toBe('key');
      expect(error.message).toContain('key: expected string');
    });

    it('fails when the body is not JSON', async () => {
      nextReply = { status: 200, text: '<html>proxy login</html>' };
      const error = (await captureError(client.teams.list())) as WorkerResponseError;
      expect(WorkerResponseError.isInstance(error)).toBe(true);
      expect(error.message).toContain('not JSON');
      expect(error.field).toBeUndefined();
    });

    it('fails when the top-level shape is wrong', async () => {
      nextReply = { body: { teams: [] } };
      const error = (await captureError(client.teams.list())) as WorkerResponseError;
      expect(error.message).toContain('response body: expected array');
    });

    it('maps a reply that is not HTTP at all to bad_response', async () => {
      nextReply = (response) => {
        response.socket?.end('THIS IS NOT HTTP\r\n\r\n');
        return undefined;
      };
      const error = await captureError(client.health.readiness({ timeoutMs: 2_000 }));
      expect(WorkerError.isInstance(error)).toBe(true);
      expect((error as WorkerError).kind).toBe('bad_response');
    });
  });

  describe('WorkerUnreachableError', () => {
    it('connection refused', async () => {
      const port = await closedPort();
      const refused = createWorkerClient({
        baseUrl: `http://127.0.0.1:${port}`,
        workerId: 'w-down',
        maxRetries: 0,
      });
      try {
        const error = await captureError(refused.health.liveliness());
        expect(WorkerUnreachableError.isInstance(error)).toBe(true);
        const unreachable = error as WorkerUnreachableError;
        expect(unreachable.kind).toBe('unreachable');
        expect(unreachable.code).toBe('ECONNREFUSED');
        expect(unreachable.retryable).toBe(true);
        expect(unreachable.workerId).toBe('w-down');
        expect(unreachable.message).toContain('w-down');
      } finally {
        await refused.close();
      }
    });

    it('DNS failure', async () => {
      const unknownHost = createWorkerClient({
        baseUrl: 'http://worker.does-not-exist.invalid',
        maxRetries: 0,
      });
      try {
        const error = (await captureError(unknownHost.health.liveliness())) as WorkerUnreachableError;
        expect(WorkerUnreachableError.isInstance(error)).toBe(true);
        expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(error.code);
      } finally {
        await unknownHost.close();
      }
    });

    it('connection reset by the worker', async () => {
      nextReply = (response) => {
        response.socket?.destroy();
        return undefined;
      };
      const error = (await captureError(client.keys.generate())) as WorkerUnreachableError;
      expect(WorkerUnreachableError.isInstance(error)).toBe(true);
      expect(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']).toContain(error.code);
    });
  });

  it('a closed client refuses calls with WorkerUnavailableError', async () => {
    const closing = createWorkerClient({ baseUrl: worker.url });
    await closing.close();
    await closing.close();
    const error = await captureError(closing.health.liveliness());
    expect(WorkerUnavailableError.isInstance(error)).toBe(true);
    expect((error as WorkerError).kind).toBe('unavailable');
  });

  it('await using disposes the client', async () => {
    let disposed: WorkerClient | undefined;
    {
      await using scoped = createWorkerClient({ baseUrl: worker.url });
      disposed = scoped;
    }
    expect(WorkerUnavailableError.isInstance(await captureError(disposed.health.liveliness()))).toBe(true);
  });

  it('every class is distinguishable by kind and isInstance', () => {
    const errors = [
      new WorkerApiError({ status: 500, message: 'x' }),
      new WorkerUnreachableError('x'),
      new WorkerTimeoutError('x', 10),
      new WorkerAbortError('x'),
      new WorkerResponseError('x'),
      new WorkerUnavailableError('x'),
    ];
    const classes = [
      WorkerApiError,
      WorkerUnreachableError,
      WorkerTimeoutError,
      WorkerAbortError,
      WorkerResponseError,
      WorkerUnavailableError,
    ];
    expect(errors.map((error) => error.kind)).toEqual([
      'api',
      'unreachable',
      'timeout',
      'aborted',
      'bad_response',
      'unavailable',
    ]);
    errors.forEach((error, index) => {
      expect(WorkerError.isInstance(error)).toBe(true);
      classes.forEach((errorClass, classIndex) => {
        expect(errorClass.isInstance(error)).toBe(index === classIndex);
      });
    });
  });
});
