import {
  WorkerAbortError,
  WorkerError,
  WorkerTimeoutError,
  WorkerUnavailableError,
} from '@llm-control-plane/core';
import type { SerializedError } from './types.js';

/*
 * Identity is checked with `X.isInstance(value)` rather than `instanceof`, as in core: a symbol from the
 * global registry marks each class, so two copies of this package still recognise each other's errors.
 */
const UNKNOWN_WORKER = Symbol.for('@llm-control-plane/sdk.UnknownWorkerError');
const MISSING_CREDENTIAL = Symbol.for('@llm-control-plane/sdk.MissingCredentialError');
const CREDENTIAL_LOOKUP = Symbol.for('@llm-control-plane/sdk.CredentialLookupError');

export function mark(error: Error, marker: symbol): void {
  // Non-enumerable so util.inspect output stays short; still readable by isInstance.
  Object.defineProperty(error, marker, { value: true, enumerable: false });
}

export function isMarked(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
}

/** Thrown by `fleet.worker(id)` and reported by operations that name a worker the registry does not hold. */
export class UnknownWorkerError extends Error {
  override readonly name = 'UnknownWorkerError';
  readonly kind = 'unknown_worker';
  readonly workerId: string;

  constructor(workerId: string) {
    super(`Unknown worker '${workerId}'`);
    this.workerId = workerId;
    mark(this, UNKNOWN_WORKER);
  }

  static isInstance(value: unknown): value is UnknownWorkerError {
    return isMarked(value, UNKNOWN_WORKER);
  }
}

/** A row of a fan-out that needs authentication, for a worker that has no credential. */
export class MissingCredentialError extends WorkerUnavailableError {
  override readonly name = 'MissingCredentialError';
  readonly code = 'no_credential';

  constructor(workerId: string) {
    super(`Worker '${workerId}' has no credential configured; management calls need one`, { workerId });
    mark(this, MISSING_CREDENTIAL);
  }

  static override isInstance(value: unknown): value is MissingCredentialError {
    return isMarked(value, MISSING_CREDENTIAL);
  }
}

/** The credentials callback failed for a worker (its message is not kept: it may quote the vault). */
export class CredentialLookupError extends WorkerUnavailableError {
  override readonly name = 'CredentialLookupError';
  readonly code = 'credential_lookup_failed';

  constructor(workerId: string, cause: unknown) {
    super(`Could not obtain the credential of worker '${workerId}'`, { workerId, cause });
    mark(this, CREDENTIAL_LOOKUP);
  }

  static override isInstance(value: unknown): value is CredentialLookupError {
    return isMarked(value, CREDENTIAL_LOOKUP);
  }
}

export function timeoutError(workerId: string, timeoutMs: number): WorkerTimeoutError {
  return new WorkerTimeoutError(`Worker '${workerId}' did not finish within ${timeoutMs} ms`, timeoutMs, {
    workerId,
  });
}

export function abortError(workerId: string): WorkerAbortError {
  return new WorkerAbortError(`Operation on worker '${workerId}' was aborted`, { workerId });
}

export function circuitOpenError(workerId: string): WorkerUnavailableError {
  return new WorkerUnavailableError(
    `Worker '${workerId}' is unavailable: its circuit is open after consecutive failed health probes`,
    { workerId },
  );
}

/** Turns any error into a small object that is safe to send over HTTP (no stack, no cause, no body). */
export function serializeError(error: unknown): SerializedError {
  if (UnknownWorkerError.isInstance(error)) return { kind: error.kind, message: error.message };
  if (MissingCredentialError.isInstance(error)) {
    return { kind: 'no_credential', message: error.message, code: error.code };
  }
  if (CredentialLookupError.isInstance(error)) {
    return { kind: 'unavailable', message: error.message, code: error.code };
  }
  if (WorkerError.isInstance(error)) {
    // The error's own JSON form decides what is public (no body, no cause, no request details).
    const json = error.toJSON();
    const serialized: SerializedError = { kind: json.kind, message: json.message };
    if (typeof json.status === 'number') serialized.status = json.status;
    const code = json.code !== undefined && json.code !== '' ? json.code : json.type;
    if (typeof code === 'string' && code !== '') serialized.code = code;
    return serialized;
  }
  if (error instanceof Error) {
    const ownKind = (error as { kind?: unknown }).kind;
    if (typeof ownKind === 'string' && ownKind !== '') return { kind: ownKind, message: error.message };
    const kind =
      error.name === 'AbortError' ? 'aborted' : error.name === 'TimeoutError' ? 'timeout' : 'internal';
    return { kind, message: error.message };
  }
  if (isSerialized(error)) {
    // Already serialized (a report's error going through once more): keep it, drop anything else.
    const copy: SerializedError = { kind: error.kind, message: error.message };
    if (typeof error.status === 'number') copy.status = error.status;
    if (typeof error.code === 'string') copy.code = error.code;
    return copy;
  }
  return { kind: 'internal', message: String(error) };
}

function isSerialized(value: unknown): value is SerializedError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
