import {
  WorkerAbortError,
  WorkerApiError,
  WorkerTimeoutError,
  WorkerUnreachableError,
} from '@llm-control-plane/core/browser';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/errors.js';
import { queryString } from '../src/api/query.js';
import { toUiError } from '../src/api/worker-api.js';
import { asRecord } from '../src/app/format.js';

describe('mapping core errors onto ApiError', () => {
  it('keeps a LiteLLM error envelope: message, type as code, the worker and request id', () => {
    const error = toUiError(
      new WorkerApiError(
        {
          status: 400,
          message: 'ignored',
          requestId: 'call-1',
          body: { error: { message: 'team_alias is required', type: 'bad_request_error' } },
        },
        { workerId: 'w1' },
      ),
      'w1',
    ) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'bad_request_error',
      workerId: 'w1',
      requestId: 'call-1',
    });
    expect(error.message).toBe('team_alias is required');
  });

  it('names timeouts and unreachable workers by kind, with status 0', () => {
    const timeout = toUiError(new WorkerTimeoutError('GET /key/list took too long', 300), 'w2') as ApiError;
    expect(timeout).toMatchObject({ status: 0, code: 'worker_timeout', workerId: 'w2' });
    const down = toUiError(new WorkerUnreachableError('GET /key/list: down', {}), 'w2') as ApiError;
    expect(down.code).toBe('worker_unreachable');
  });

  it('turns an abort into an AbortError the loaders ignore, and passes other errors through', () => {
    const abort = toUiError(new WorkerAbortError('aborted'), 'w3') as Error;
    expect(abort.name).toBe('AbortError');
    const plain = new TypeError('not a worker error');
    expect(toUiError(plain, 'w3')).toBe(plain);
  });

  it('returns the ApiError a fetch wrapper failed with instead of wrapping it', () => {
    const original = new ApiError({ status: 0, code: 'control_plane_unreachable', message: 'offline' });
    expect(toUiError(new WorkerUnreachableError('x', { cause: original }), 'w4')).toBe(original);
  });
});

describe('query strings and records', () => {
  it('drops empty filters and joins lists with commas', () => {
    expect(queryString({ q: 'a b', empty: '', none: undefined, list: ['x', 'y'], no: [] })).toBe(
      '?q=a+b&list=x%2Cy',
    );
    expect(queryString({})).toBe('');
  });

  it('reads only plain objects as records', () => {
    expect(asRecord({ a: 1 })).toEqual({ a: 1 });
    expect(asRecord(['a'])).toEqual({});
    expect(asRecord(null)).toEqual({});
  });
});
