/**
 * Errors raised by the worker client. Identity is checked with `WorkerError.isInstance(value)`
 * rather than `instanceof` so that two copies of this package (for example one bundled by a
 * dependency) still recognise each other's errors.
 */

export type WorkerErrorKind = 'api' | 'unreachable' | 'timeout' | 'aborted' | 'bad_response' | 'unavailable';

const WORKER_ERROR_MARKER = Symbol.for('@llm-control-plane/core.WorkerError');

export type WorkerErrorOptions = {
  workerId?: string | undefined;
  retryable?: boolean;
  cause?: unknown;
};

export type WorkerErrorJson = {
  name: string;
  kind: WorkerErrorKind;
  message: string;
  workerId?: string;
  status?: number;
  type?: string;
  code?: string;
  param?: string;
  retryable: boolean;
  /** Set for WorkerFeatureUnavailableError. */
  feature?: string;
  litellmVersion?: string;
};

function hasMarker(value: unknown): value is WorkerError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[WORKER_ERROR_MARKER] === true &&
    typeof (value as { kind?: unknown }).kind === 'string'
  );
}

export class WorkerError extends Error {
  readonly kind: WorkerErrorKind;
  readonly workerId?: string;
  readonly retryable: boolean;

  constructor(kind: WorkerErrorKind, message: string, options: WorkerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WorkerError';
    this.kind = kind;
    if (options.workerId !== undefined) this.workerId = options.workerId;
    this.retryable = options.retryable ?? false;
    // Non-enumerable so util.inspect output stays short; still readable by isInstance.
    Object.defineProperty(this, WORKER_ERROR_MARKER, { value: true, enumerable: false });
  }

  static isInstance(value: unknown): value is WorkerError {
    return hasMarker(value);
  }

  toJSON(): WorkerErrorJson {
    const json: WorkerErrorJson = {
      name: this.name,
      kind: this.kind,
      message: this.message,
      retryable: this.retryable,
    };
    if (this.workerId !== undefined) json.workerId = this.workerId;
    return json;
  }
}

export type WorkerApiErrorDetails = {
  status: number;
  message: string;
  type?: string | undefined;
  code?: string | undefined;
  param?: string | undefined;
  requestId?: string | undefined;
  body?: unknown;
};

/** HTTP error answered by the worker (status >= 400), parsed from one of LiteLLM's envelopes. */
export class WorkerApiError extends WorkerError {
  readonly status: number;
  readonly type?: string;
  readonly code?: string;
  readonly param?: string;
  readonly requestId?: string;
  readonly body?: unknown;

  constructor(details: WorkerApiErrorDetails, options: WorkerErrorOptions = {}) {
    super('api', details.message, { retryable: isRetryableStatus(details.status), ...options });
    this.name = 'WorkerApiError';
    this.status = details.status;
    if (details.type !== undefined) this.type = details.type;
    if (details.code !== undefined) this.code = details.code;
    if (details.param !== undefined) this.param = details.param;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.body !== undefined) this.body = details.body;
  }

  static override isInstance(value: unknown): value is WorkerApiError {
    return hasMarker(value) && value.kind === 'api';
  }

  override toJSON(): WorkerErrorJson {
    const json = super.toJSON();
    json.status = this.status;
    if (this.type !== undefined) json.type = this.type;
    if (this.code !== undefined) json.code = this.code;
    if (this.param !== undefined) json.param = this.param;
    return json;
  }
}

/** The worker could not be reached: connection refused, DNS failure, reset, socket closed. */
export class WorkerUnreachableError extends WorkerError {
  /** System or undici error code, e.g. `ECONNREFUSED`, `UND_ERR_SOCKET`. */
  readonly code?: string;

  constructor(message: string, options: WorkerErrorOptions & { code?: string | undefined } = {}) {
    super('unreachable', message, { retryable: true, ...options });
    this.name = 'WorkerUnreachableError';
    if (options.code !== undefined) this.code = options.code;
  }

  static override isInstance(value: unknown): value is WorkerUnreachableError {
    return hasMarker(value) && value.kind === 'unreachable';
  }

  override toJSON(): WorkerErrorJson {
    const json = super.toJSON();
    if (this.code !== undefined) json.code = this.code;
    return json;
  }
}

/** The call's deadline passed before the full response body arrived. */
export class WorkerTimeoutError extends WorkerError {
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number, options: WorkerErrorOptions = {}) {
    super('timeout', message, { retryable: true, ...options });
    this.name = 'WorkerTimeoutError';
    this.timeoutMs = timeoutMs;
  }

  static override isInstance(value: unknown): value is WorkerTimeoutError {
    return hasMarker(value) && value.kind === 'timeout';
  }
}

/** The caller's `signal` aborted the call. */
export class WorkerAbortError extends WorkerError {
  constructor(message: string, options: WorkerErrorOptions = {}) {
    super('aborted', message, { retryable: false, ...options });
    this.name = 'WorkerAbortError';
  }

  static override isInstance(value: unknown): value is WorkerAbortError {
    return hasMarker(value) && value.kind === 'aborted';
  }
}

/** The worker answered with a body that is not JSON or whose known fields have the wrong type. */
export class WorkerResponseError extends WorkerError {
  /** Path of the offending field, e.g. `keys[0].spend`. */
  readonly field?: string;
  readonly status?: number;

  constructor(
    message: string,
    options: WorkerErrorOptions & { field?: string | undefined; status?: number | undefined } = {},
  ) {
    super('bad_response', message, { retryable: false, ...options });
    this.name = 'WorkerResponseError';
    if (options.field !== undefined) this.field = options.field;
    if (options.status !== undefined) this.status = options.status;
  }

  static override isInstance(value: unknown): value is WorkerResponseError {
    return hasMarker(value) && value.kind === 'bad_response';
  }

  override toJSON(): WorkerErrorJson {
    const json = super.toJSON();
    if (this.status !== undefined) json.status = this.status;
    return json;
  }
}

/** The worker is not called at all, e.g. its circuit breaker is open or the client is closed. */
export class WorkerUnavailableError extends WorkerError {
  constructor(message: string, options: WorkerErrorOptions = {}) {
    super('unavailable', message, { retryable: false, ...options });
    this.name = 'WorkerUnavailableError';
  }

  static override isInstance(value: unknown): value is WorkerUnavailableError {
    return hasMarker(value) && value.kind === 'unavailable';
  }
}

/** 408, 429 and 5xx other than 501 are worth another attempt for idempotent requests. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501);
}

const FEATURE_UNAVAILABLE_MARKER = Symbol.for('@llm-control-plane/core.WorkerFeatureUnavailableError');

/** Why a worker cannot serve a feature: its LiteLLM has no such route, or the route needs an enterprise licence. */
export type FeatureUnavailableReason = 'not_found' | 'enterprise';

/**
 * The worker answered, but lacks the feature: an older LiteLLM without the route (404) or a community
 * edition refusing an enterprise feature. Callers show "not available on this worker" rather than an error.
 */
export class WorkerFeatureUnavailableError extends WorkerApiError {
  /** The client resource, e.g. `mcpServers`. */
  readonly feature: string;
  readonly reason: FeatureUnavailableReason;
  /** The worker's LiteLLM version when known (filled in by callers that asked the worker). */
  litellmVersion?: string;

  constructor(
    feature: string,
    reason: FeatureUnavailableReason,
    cause: WorkerApiError,
    litellmVersion?: string | undefined,
  ) {
    super(
      {
        status: cause.status,
        message:
          reason === 'enterprise'
            ? `${feature} needs a LiteLLM Enterprise licence on this worker`
            : `${feature} is not available on this worker (its LiteLLM has no such route)`,
        type: cause.type,
        code: cause.code,
        requestId: cause.requestId,
      },
      { workerId: cause.workerId, retryable: false, cause },
    );
    this.name = 'WorkerFeatureUnavailableError';
    this.feature = feature;
    this.reason = reason;
    if (litellmVersion !== undefined) this.litellmVersion = litellmVersion;
    Object.defineProperty(this, FEATURE_UNAVAILABLE_MARKER, { value: true, enumerable: false });
  }

  static override isInstance(value: unknown): value is WorkerFeatureUnavailableError {
    return (
      hasMarker(value) && (value as unknown as Record<symbol, unknown>)[FEATURE_UNAVAILABLE_MARKER] === true
    );
  }

  override toJSON(): WorkerErrorJson {
    const json = super.toJSON();
    json.code = this.reason === 'enterprise' ? 'enterprise_only' : 'feature_not_available';
    json.feature = this.feature;
    if (this.litellmVersion !== undefined) json.litellmVersion = this.litellmVersion;
    return json;
  }
}
