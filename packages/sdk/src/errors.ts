import {
  WorkerAbortError,
  WorkerError,
  WorkerTimeoutError,
  WorkerUnavailableError,
} from '@llm-control-plane/core';
import type { SerializedError } from './types.js';

/** Thrown by `fleet.worker(id)` and reported by operations that name a worker the registry does not hold. */
export class UnknownWorkerError extends Error {
  override readonly name = 'UnknownWorkerError';
  readonly kind = 'unknown_worker';
  readonly workerId: string;

  constructor(workerId: string) {
    super(`Unknown worker '${workerId}'`);
    this.workerId = workerId;
  }
}

/** A row of a fan-out that needs authentication, for a worker that has no credential. */
export class MissingCredentialError extends WorkerUnavailableError {
  override readonly name = 'MissingCredentialError';
  readonly code = 'no_credential';

  constructor(workerId: string) {
    super(`Worker '${workerId}' has no credential configured; management calls need one`, { workerId });
  }
}

/** The credentials callback failed for a worker (its message is not kept: it may quote the vault). */
export class CredentialLookupError extends WorkerUnavailableError {
  override readonly name = 'CredentialLookupError';
  readonly code = 'credential_lookup_failed';

  constructor(workerId: string, cause: unknown) {
    super(`Could not obtain the credential of worker '${workerId}'`, { workerId, cause });
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
  if (error instanceof UnknownWorkerError) return { kind: error.kind, message: error.message };
  if (error instanceof MissingCredentialError) {
    return { kind: 'no_credential', message: error.message, code: error.code };
  }
  if (error instanceof CredentialLookupError) {
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
