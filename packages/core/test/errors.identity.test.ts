import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  WorkerAbortError,
  WorkerApiError,
  WorkerError,
  WorkerResponseError,
  WorkerTimeoutError,
  WorkerUnavailableError,
  WorkerUnreachableError,
} from '../src/index.js';

describe('worker error identity', () => {
  it('isInstance recognises errors from another copy of the package (Symbol.for marker)', () => {
    // What a second copy of the package would produce: a different class, the same global marker.
    class ForeignError extends Error {
      readonly kind = 'timeout';
      constructor() {
        super('from another copy');
        Object.defineProperty(this, Symbol.for('@llm-control-plane/core.WorkerError'), { value: true });
      }
    }
    const foreign = new ForeignError();
    expect(foreign instanceof WorkerError).toBe(false);
    expect(WorkerError.isInstance(foreign)).toBe(true);
    expect(WorkerTimeoutError.isInstance(foreign)).toBe(true);
    expect(WorkerApiError.isInstance(foreign)).toBe(false);
  });

  it('plain errors and look-alikes are not worker errors', () => {
    expect(WorkerError.isInstance(new Error('x'))).toBe(false);
    expect(WorkerError.isInstance({ kind: 'api' })).toBe(false);
    expect(WorkerError.isInstance(null)).toBe(false);
    expect(WorkerError.isInstance('WorkerError')).toBe(false);
  });

  it('instanceof works within one copy', () => {
    const error = new WorkerApiError({ status: 404, message: 'not found' });
    expect(error).toBeInstanceOf(WorkerError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WorkerApiError');
  });

  it('toJSON has the documented fields only', () => {
    const api = new WorkerApiError(
      {
        status: 400,
        message: 'bad',
        type: 'bad_request_error',
        code: '400',
        param: 'key_alias',
        requestId: 'r',
        body: { big: true },
      },
      { workerId: 'w1' },
    );
    expect(api.toJSON()).toEqual({
      name: 'WorkerApiError',
      kind: 'api',
      message: 'bad',
      workerId: 'w1',
      status: 400,
      type: 'bad_request_error',
      code: '400',
      param: 'key_alias',
      retryable: false,
    });
    expect(JSON.parse(JSON.stringify(new WorkerTimeoutError('slow', 100)))).toEqual({
      name: 'WorkerTimeoutError',
      kind: 'timeout',
      message: 'slow',
      retryable: true,
    });
    expect(new WorkerUnreachableError('down', { code: 'ECONNREFUSED' }).toJSON().code).toBe('ECONNREFUSED');
    expect(new WorkerResponseError('garbage', { status: 200, field: 'a' }).toJSON().status).toBe(200);
  });

  it('retryable defaults follow the failure', () => {
    expect(new WorkerApiError({ status: 503, message: '' }).retryable).toBe(true);
    expect(new WorkerApiError({ status: 429, message: '' }).retryable).toBe(true);
    expect(new WorkerApiError({ status: 400, message: '' }).retryable).toBe(false);
    expect(new WorkerUnreachableError('').retryable).toBe(true);
    expect(new WorkerAbortError('').retryable).toBe(false);
    expect(new WorkerUnavailableError('').retryable).toBe(false);
  });

  it('the marker does not clutter util.inspect', () => {
    expect(inspect(new WorkerAbortError('stopped'))).not.toContain('Symbol(');
  });
});
