import { WorkerError } from '@llm-control-plane/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError, z } from 'zod';
import { StoreError } from './storage/types.js';

/** Every error code the API answers with, and its HTTP status. `worker_error` takes its status per call. */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_path: 400,
  body_too_deep: 400,
  body_array_too_long: 400,
  body_string_too_long: 400,
  query_too_long: 400,
  query_too_many_values: 400,
  query_invalid_character: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf_refused: 403,
  host_refused: 403,
  origin_refused: 403,
  llm_route_refused: 403,
  not_a_management_route: 403,
  not_found: 404,
  worker_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  body_too_large: 413,
  headers_too_large: 431,
  unsupported_media_type: 415,
  rate_limited: 429,
  login_locked: 429,
  internal_error: 500,
  worker_error: 502,
  worker_unreachable: 502,
  worker_bad_response: 502,
  worker_unavailable: 503,
  ui_not_built: 503,
  store_unavailable: 503,
  not_ready: 503,
  worker_timeout: 504,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export type ApiErrorOptions = {
  workerId?: string | undefined;
  /** Status the worker answered, for `worker_error`. */
  workerStatus?: number | undefined;
  /** Overrides the table's status (only `worker_error` uses it: a worker's 4xx is passed on). */
  status?: ContentfulStatusCode | undefined;
  headers?: Record<string, string> | undefined;
  cause?: unknown;
};

/** The only error type routes throw; `onError` turns it into the envelope. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: ContentfulStatusCode;
  readonly workerId?: string;
  readonly workerStatus?: number;
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: ApiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status ?? ERROR_STATUS[code];
    if (options.workerId !== undefined) this.workerId = options.workerId;
    if (options.workerStatus !== undefined) this.workerStatus = options.workerStatus;
    if (options.headers !== undefined) this.headers = options.headers;
  }
}

export type ErrorEnvelope = {
  error: { code: ErrorCode; message: string; request_id: string; worker_id?: string; worker_status?: number };
};

/** zod schema of the envelope, for the OpenAPI document. */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    request_id: z.string(),
    worker_id: z.string().optional(),
    worker_status: z.number().int().optional(),
  }),
});

/** The message of `unsupported_media_type`: every API body is JSON. */
export const UNSUPPORTED_MEDIA_TYPE = 'Send the body as JSON with Content-Type: application/json';

/** Describes what is wrong with a value so that the caller knows what to fix; never echoes values. */
export function describeZodError(error: ZodError, what: string): string {
  const problems = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return `Invalid ${what}: ${problems.join('; ')}${more}`;
}

/** Maps a failure of a worker call to the API error a caller sees. */
export function workerFailureToApiError(error: WorkerError, workerId: string | undefined): ApiError {
  const id = workerId ?? error.workerId;
  switch (error.kind) {
    case 'api': {
      const status = (error as { status?: number }).status ?? 502;
      return new ApiError('worker_error', error.message, {
        workerId: id,
        workerStatus: status,
        status: status >= 400 && status < 500 ? (status as ContentfulStatusCode) : 502,
      });
    }
    case 'timeout':
      return new ApiError('worker_timeout', error.message, { workerId: id });
    case 'unreachable':
      return new ApiError('worker_unreachable', error.message, { workerId: id });
    case 'bad_response':
      return new ApiError('worker_bad_response', error.message, { workerId: id });
    case 'unavailable':
    case 'aborted':
      return new ApiError('worker_unavailable', error.message, { workerId: id });
  }
}

/** Normalises anything thrown inside a handler. Unknown errors become a generic 500 (details go to the log). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (WorkerError.isInstance(error)) return workerFailureToApiError(error, undefined);
  if (error instanceof ZodError) return new ApiError('invalid_request', describeZodError(error, 'request'));
  if (error instanceof Error && (error as { kind?: unknown }).kind === 'invalid_desired_state') {
    return new ApiError('invalid_request', error.message);
  }
  if (error instanceof Error && (error as { kind?: unknown }).kind === 'unknown_worker') {
    const workerId = (error as { workerId?: unknown }).workerId;
    return new ApiError('worker_not_found', error.message, {
      workerId: typeof workerId === 'string' ? workerId : undefined,
    });
  }
  if (StoreError.isInstance(error)) {
    if (error.code === 'conflict') return new ApiError('conflict', error.message);
    if (error.code === 'invalid') return new ApiError('invalid_request', error.message);
    return new ApiError('store_unavailable', 'The control plane store is unavailable', { cause: error });
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 413) return new ApiError('body_too_large', 'Request body is larger than the limit');
    if (status === 415) return new ApiError('unsupported_media_type', UNSUPPORTED_MEDIA_TYPE);
    if (status === 401) return new ApiError('unauthorized', error.message || 'Authentication required');
    if (status >= 400 && status < 500) return new ApiError('invalid_request', error.message || 'Bad request');
  }
  return new ApiError('internal_error', 'Internal server error', { cause: error });
}

/** The envelope body of an error. */
export function errorEnvelope(error: ApiError, requestId: string): ErrorEnvelope {
  const body: ErrorEnvelope = { error: { code: error.code, message: error.message, request_id: requestId } };
  if (error.workerId !== undefined) body.error.worker_id = error.workerId;
  if (error.workerStatus !== undefined) body.error.worker_status = error.workerStatus;
  return body;
}

/** Builds the envelope response. */
export function errorResponse(context: Context, error: ApiError, requestId: string): Response {
  const body = errorEnvelope(error, requestId);
  if (error.headers !== undefined) {
    for (const [name, value] of Object.entries(error.headers)) context.header(name, value);
  }
  return context.json(body, error.status);
}
