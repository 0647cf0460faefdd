import type { components } from './schema.js';

/** A code of the control plane's error envelope, typed from its OpenAPI document (`schema.d.ts`). */
type ControlPlaneErrorCode = components['schemas']['ErrorEnvelope']['error']['code'];

/**
 * The code of a worker's own failure passed on by the relay: a 401 with it means the worker refused, not
 * that the caller's control-plane session ended. Typed from the envelope, so a renamed code fails the build.
 */
export const WORKER_ERROR_CODE = 'worker_error' satisfies ControlPlaneErrorCode;

export const CONTROL_PLANE_UNREACHABLE =
  'Cannot reach the control plane. Check your connection; the page keeps its last data.';

/**
 * One error type for everything the UI shows: the server's envelope, a worker's own envelope, or no answer.
 * Not the server's `ApiError` (what a route throws to produce the envelope): this one is read back from
 * any answer, so its code is any string the control plane, a worker or the client itself gives.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly workerId: string | undefined;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    requestId?: string;
    workerId?: string;
  }) {
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.requestId = options.requestId;
    this.workerId = options.workerId;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Reads `{error:{code,message,request_id,worker_id}}`, LiteLLM's `{error:{message,type}}` and `{detail}`. */
export function errorFromBody(status: number, body: unknown, requestIdHeader?: string | null): ApiError {
  const requestId = requestIdHeader ?? undefined;
  if (isRecord(body)) {
    const { error, detail } = body;
    if (isRecord(error)) {
      return new ApiError({
        status,
        code: text(error.code) ?? text(error.type) ?? `http_${status}`,
        message: text(error.message) ?? `Request failed with HTTP ${status}`,
        requestId: text(error.request_id) ?? requestId,
        workerId: text(error.worker_id),
      });
    }
    if (typeof error === 'string') {
      return new ApiError({ status, code: `http_${status}`, message: error, requestId });
    }
    if (typeof detail === 'string')
      return new ApiError({ status, code: `http_${status}`, message: detail, requestId });
    if (isRecord(detail)) {
      const message = text(detail.error) ?? text(detail.message) ?? JSON.stringify(detail);
      return new ApiError({ status, code: `http_${status}`, message, requestId });
    }
    if (Array.isArray(detail)) {
      const message = detail
        .map((item) => (isRecord(item) && typeof item.msg === 'string' ? item.msg : JSON.stringify(item)))
        .join('; ');
      return new ApiError({ status, code: 'validation_error', message, requestId });
    }
  }
  const fallback = typeof body === 'string' && body.length > 0 && body.length < 300 ? body : undefined;
  return new ApiError({
    status,
    code: `http_${status}`,
    message: fallback ?? `Request failed with HTTP ${status}`,
    requestId,
  });
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error)
    return new ApiError({ status: 0, code: 'client_error', message: error.message });
  return new ApiError({ status: 0, code: 'client_error', message: String(error) });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
