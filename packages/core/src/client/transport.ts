import { Agent, type Dispatcher } from 'undici';
import type { z } from 'zod';
import {
  isRetryableStatus,
  type WorkerApiError,
  WorkerError,
  WorkerResponseError,
  WorkerTimeoutError,
  WorkerUnreachableError,
} from '../errors/worker-errors.js';
import { createRedactor, type Redactor } from '../redact.js';
import { parseHttpBaseUrl } from './base-url.js';
import {
  assertCanStart,
  type CallDeadline,
  type CallTarget,
  deadlineFailure,
  startDeadline,
} from './deadline.js';
import { apiErrorFrom, createCall, headerText, serialisedBody } from './decode.js';
import { exchange, type HttpExchange } from './http-exchange.js';
import { buildQueryString, type QueryParameters } from './path.js';
import type { FastCheck } from './validate.js';

/** Per-call options accepted by every resource method. */
export type CallOptions = {
  signal?: AbortSignal;
  /** Deadline for this call, covering every attempt and the whole response body. */
  timeoutMs?: number;
  headers?: Record<string, string>;
};

export type TransportOptions = {
  baseUrl: string;
  credential?: string | undefined;
  workerId?: string | undefined;
  /** @default 10_000 */
  timeoutMs?: number | undefined;
  /** @default 2 */
  maxRetries?: number | undefined;
  dispatcher?: Dispatcher | undefined;
  headers?: Record<string, string> | undefined;
  /**
   * Header that carries `Bearer <credential>` instead of `Authorization`, for workers that set
   * LiteLLM's `general_settings.litellm_key_header_name`.
   */
  keyHeader?: string | undefined;
  /** Further secrets to redact from every message and body (a login password). */
  redact?: readonly string[] | undefined;
  /** A session that supplies the bearer per call (UI login), used when there is no static credential. */
  session?: SessionSource | undefined;
};

/** A bearer obtained by logging in, renewed when it expires or the worker refuses it. */
export interface SessionSource {
  /** The current session key, logging in when there is none or it is about to expire. */
  current(signal?: AbortSignal): Promise<{ key: string; header: string | undefined }>;
  /** Forgets `key` if it is still the current one (the worker answered 401 to it). */
  invalidate(key: string): void;
}

export type TransportRequest = {
  method: string;
  /** Already encoded and checked path (see path.ts). */
  path: string;
  query?: QueryParameters | undefined;
  body?: unknown;
  /** Sent as `application/x-www-form-urlencoded` instead of a JSON body (LiteLLM's form `POST /login`). */
  form?: Record<string, string> | undefined;
  /** Already serialised JSON body; sent instead of `body` when set. */
  bodyText?: string | undefined;
  /** Route template used in messages instead of the real path, which may carry a key. */
  route?: string | undefined;
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** `false` never retries; `true` allows retrying a non-idempotent method. Default: GET/HEAD only. */
  retry?: boolean | undefined;
  /** A precompiled check of the schema passed to `call` (see compileFastCheck), for hot responses. */
  fastCheck?: FastCheck | undefined;
  /** A successful reply with no body is read as `null` (LiteLLM answers some deletes with a bare 202). */
  allowEmptyBody?: boolean | undefined;
};

export type TransportResponse = {
  status: number;
  contentType: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
};

export interface Transport {
  readonly baseUrl: string;
  readonly workerId: string | undefined;
  /** Never throws for HTTP statuses; only for transport failures. */
  send(request: TransportRequest): Promise<TransportResponse>;
  /** Throws WorkerApiError for statuses >= 400 and WorkerResponseError for bodies that fail the schema. */
  call<Schema extends z.ZodType>(
    request: TransportRequest,
    schema: Schema,
    options?: CallOptions,
  ): Promise<z.output<Schema>>;
  /** The WorkerApiError a response with status >= 400 stands for (credential redacted). */
  apiError(response: TransportResponse): WorkerApiError;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RETRIES = 2;
/** Longest wait honoured from a Retry-After header. */
export const RETRY_AFTER_CAP_MS = 2_000;
const INITIAL_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 2_000;
/**
 * How long an idle keep-alive socket to a worker is reused. Kept below uvicorn's 5 s default so
 * the client never writes a non-idempotent request into a socket the worker is closing.
 */
const KEEP_ALIVE_TIMEOUT_MS = 4_000;

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD']);

/** Failures where no byte of the request reached the worker: retrying is safe for any method. */
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** Connection-level failures: the worker is unreachable, or the connection broke mid-exchange. */
const UNREACHABLE_CODES = new Set([
  ...NOT_CONNECTED_CODES,
  'ENOTFOUND',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);
const UNDICI_TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** Replies that are not valid HTTP, or whose length does not match what was announced. */
const MALFORMED_RESPONSE_CODES = new Set([
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
]);

/** Finds the system/undici code on an error, its `cause` chain or an AggregateError's members. */
function findErrorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  let firstCode: string | undefined;
  while (queue.length > 0 && seen.size < 16) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') {
      if (
        UNREACHABLE_CODES.has(code) ||
        UNDICI_TIMEOUT_CODES.has(code) ||
        MALFORMED_RESPONSE_CODES.has(code)
      ) {
        return code;
      }
      if (code.startsWith('HPE_')) return code;
      firstCode ??= code;
    }
    if (cause !== undefined) queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return firstCode;
}

/** undici's HTTPParserError does not always carry a code; its class name is stable. */
function isParserError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'HTTPParserError'
  );
}

/** Retry-After in milliseconds (seconds, HTTP date or `retry-after-ms`), or undefined. */
function parseRetryAfter(
  headers: Record<string, string | string[] | undefined>,
  now: number = Date.now(),
): number | undefined {
  const milliseconds = Number.parseFloat(headerText(headers['retry-after-ms']) ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headerText(headers['retry-after'])?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function backoffDelay(attempt: number): number {
  const exponential = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** attempt);
  // Jitter spreads retries from many control-plane calls hitting one recovering worker.
  return exponential * (0.5 + Math.random() * 0.5);
}

function lowerCaseHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (headers === undefined) return result;
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The lower-cased header name for the credential; `authorization` unless a custom one is given. */
function keyHeaderName(name: string | undefined): string {
  if (name === undefined || name === '') return 'authorization';
  if (!HEADER_NAME.test(name)) throw new TypeError('keyHeader is not a valid HTTP header name');
  return name.toLowerCase();
}

function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function normaliseBaseUrl(baseUrl: string): { origin: string; basePath: string; display: string } {
  const { origin, basePath } = parseHttpBaseUrl(baseUrl, 'Worker baseUrl is not a valid URL');
  return { origin, basePath, display: origin + basePath };
}

/** What a failed attempt was, as a worker error: aborted, timed out, malformed or unreachable. */
function classifyFailure(error: unknown, label: string, worker: CallTarget, state: CallDeadline): Error {
  const ended = deadlineFailure(state, label, worker);
  if (ended !== undefined) return ended;
  const { workerId, workerName } = worker;
  const code = findErrorCode(error);
  if (code !== undefined && UNDICI_TIMEOUT_CODES.has(code)) {
    return new WorkerTimeoutError(`${label} to ${workerName} timed out (${code})`, state.timeoutMs, {
      workerId,
      cause: error,
    });
  }
  if (
    (code !== undefined && (code.startsWith('HPE_') || MALFORMED_RESPONSE_CODES.has(code))) ||
    isParserError(error)
  ) {
    const reason = code ?? 'HTTPParserError';
    return new WorkerResponseError(`${label} to ${workerName} got a malformed HTTP response (${reason})`, {
      workerId,
      cause: error,
    });
  }
  const reason = code === undefined ? 'connection failed' : code;
  return new WorkerUnreachableError(`${label}: ${workerName} is unreachable (${reason})`, {
    workerId,
    code,
    cause: error,
    retryable: code === undefined ? false : UNREACHABLE_CODES.has(code) && code !== 'ENOTFOUND',
  });
}

/** Characters a URL's path or query never carries as they are (WHATWG percent-encode sets, and non-ASCII). */
const NOT_URL_SAFE = /[^\x21-\x7e]|["<>`{}]/;

/**
 * The path and query as the URL parser would send them. Paths from the resources are encoded already and
 * pass as they are; a relayed path may still hold a space or a non-ASCII letter, which undici's dispatch
 * would otherwise refuse or send as raw bytes.
 */
function encodedAsUrl(origin: string, pathAndQuery: string): string {
  if (!NOT_URL_SAFE.test(pathAndQuery)) return pathAndQuery;
  const url = new URL(origin + pathAndQuery);
  return url.pathname + url.search;
}

/** One attempt; the deadline covers the whole body, not only the headers. */
async function attemptOnce(
  dispatcher: Dispatcher,
  redactor: Redactor,
  request: HttpExchange,
  deadline: CallDeadline,
): Promise<TransportResponse> {
  const answer = await exchange(dispatcher, request, deadline);
  return {
    status: answer.status,
    contentType: headerText(answer.headers['content-type']),
    headers: answer.headers,
    bodyText: redactor.text(answer.bodyText),
  };
}

export function createTransport(options: TransportOptions): Transport {
  const { origin, basePath, display } = normaliseBaseUrl(options.baseUrl);
  const workerId = options.workerId;
  const defaultTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_MAX_RETRIES));
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher: Dispatcher =
    options.dispatcher ??
    new Agent({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS, connect: { timeout: defaultTimeoutMs } });
  const redactor = createRedactor(options.credential);
  for (const secret of options.redact ?? []) redactor.add(secret);
  const baseHeaders: Record<string, string> = {
    accept: 'application/json',
    'user-agent': '@llm-control-plane/core',
    ...lowerCaseHeaders(options.headers),
  };
  if (options.credential !== undefined && options.credential !== '') {
    baseHeaders[keyHeaderName(options.keyHeader)] = `Bearer ${options.credential}`;
  }
  const workerName = workerId === undefined ? `worker at ${display}` : `worker "${workerId}"`;
  let closed = false;

  const labelFor = (request: TransportRequest): string =>
    redactor.text(`${request.method} ${request.route ?? request.path}`);

  const session = options.credential ? undefined : options.session;

  // Not async itself: a call with a key goes straight to sendOnce, without a promise of its own around it.
  function send(request: TransportRequest): Promise<TransportResponse> {
    return session === undefined ? sendOnce(request, undefined) : sendInSession(request, session);
  }

  async function sendInSession(request: TransportRequest, source: SessionSource): Promise<TransportResponse> {
    const first = await source.current(request.signal);
    redactor.add(first.key);
    const response = await sendOnce(request, first);
    if (response.status !== 401) return response;
    // The session key expired or was revoked on the worker: log in again, once.
    source.invalidate(first.key);
    const second = await source.current(request.signal);
    redactor.add(second.key);
    return sendOnce(request, second);
  }

  async function sendOnce(
    request: TransportRequest,
    bearer: { key: string; header: string | undefined } | undefined,
  ): Promise<TransportResponse> {
    assertCanStart({ closed, workerId, workerName }, () => labelFor(request), request.signal);
    const method = request.method.toUpperCase();
    const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
    const deadlineAt = Date.now() + timeoutMs;
    const path = encodedAsUrl(origin, basePath + request.path + buildQueryString(request.query));
    const headers: Record<string, string> = { ...baseHeaders };
    if (bearer !== undefined) {
      headers[keyHeaderName(options.keyHeader ?? bearer.header)] = `Bearer ${bearer.key}`;
    }
    if (request.headers !== undefined) Object.assign(headers, lowerCaseHeaders(request.headers));
    const body = serialisedBody(request, headers);
    const outgoing = { origin, path, method, headers, body };
    const idempotent = IDEMPOTENT_METHODS.has(method);
    const retryResponses = request.retry ?? idempotent;
    const attemptsAllowed = request.retry === false ? 1 : maxRetries + 1;

    const state = startDeadline(timeoutMs, request.signal);
    const fitsDeadline = (delay: number) => Date.now() + delay < deadlineAt;
    try {
      for (let attemptIndex = 0; ; attemptIndex += 1) {
        const attemptsLeft = attemptIndex + 1 < attemptsAllowed;
        let response: TransportResponse;
        try {
          response = await attemptOnce(dispatcher, redactor, outgoing, state);
        } catch (error) {
          const failure = classifyFailure(error, labelFor(request), { workerId, workerName }, state);
          const code = findErrorCode(error);
          const safeToRepeat =
            request.retry !== false &&
            WorkerUnreachableError.isInstance(failure) &&
            failure.retryable &&
            (idempotent || request.retry === true || (code !== undefined && NOT_CONNECTED_CODES.has(code)));
          const delay = backoffDelay(attemptIndex);
          if (!safeToRepeat || !attemptsLeft || !fitsDeadline(delay)) throw failure;
          await sleep(delay, state.signal);
          continue;
        }
        if (retryResponses && attemptsLeft && isRetryableStatus(response.status)) {
          const retryAfter = parseRetryAfter(response.headers);
          const delay =
            retryAfter === undefined ? backoffDelay(attemptIndex) : Math.min(retryAfter, RETRY_AFTER_CAP_MS);
          if (fitsDeadline(delay)) {
            await sleep(delay, state.signal);
            continue;
          }
        }
        return response;
      }
    } catch (error) {
      if (WorkerError.isInstance(error)) throw error;
      throw classifyFailure(error, labelFor(request), { workerId, workerName }, state);
    } finally {
      state.dispose();
    }
  }

  const call = createCall(send, {
    label: (request) => `${labelFor(request)} on ${workerName}`,
    workerId,
    redactor,
    fastChecks: true,
  });
  const apiError = (response: TransportResponse) => apiErrorFrom(response, { workerId, redactor });

  return {
    baseUrl: display,
    workerId,
    send,
    call,
    apiError,
    async close() {
      if (closed) return;
      closed = true;
      if (ownsDispatcher) await dispatcher.close();
    },
  };
}
