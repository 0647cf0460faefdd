import { WorkerUnreachableError } from '../errors/worker-errors.js';
import { createRedactor } from '../redact.js';
import { parseHttpBaseUrl } from './base-url.js';
import { assertCanStart, deadlineFailure, startDeadline } from './deadline.js';
import { apiErrorFrom, createCall, serialisedBody } from './decode.js';
import { buildQueryString } from './path.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

/** Same default deadline as the Node transport (transport.ts), kept here so this module stays Node-free. */
const DEFAULT_FETCH_TIMEOUT_MS = 10_000;

export type FetchTransportOptions = {
  /**
   * Absolute URL or a path on the page's origin (e.g. `/api/v1/workers/w1/admin`); request paths are
   * appended to it.
   */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`; leave out when a cookie session authenticates the calls. */
  credential?: string | undefined;
  workerId?: string | undefined;
  /** @default 10_000 */
  timeoutMs?: number | undefined;
  headers?: Record<string, string> | undefined;
  /** @default 'same-origin' (sends the page's session cookie to its own origin only) */
  credentials?: 'omit' | 'same-origin' | 'include' | undefined;
  /** @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
};

function trimBase(baseUrl: string): string {
  if (baseUrl.startsWith('/')) return baseUrl.replace(/\/+$/, '');
  const { origin, basePath } = parseHttpBaseUrl(
    baseUrl,
    'Worker baseUrl is not a valid URL or absolute path',
  );
  return origin + basePath;
}

function headersRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

function lowerCaseHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value;
  return result;
}

/**
 * A Transport over the standard `fetch`, for browsers and other runtimes without Node's undici. It makes
 * one attempt per call (the control plane's relay, or the worker itself, is the place for retries), under
 * a deadline that covers the body, and reports failures with the same error classes as the Node transport.
 */
export function createFetchTransport(options: FetchTransportOptions): Transport {
  const base = trimBase(options.baseUrl);
  const workerId = options.workerId;
  const defaultTimeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const fetchImplementation: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const redactor = createRedactor(options.credential);
  const baseHeaders: Record<string, string> = {
    accept: 'application/json',
    ...lowerCaseHeaders(options.headers),
  };
  if (options.credential !== undefined && options.credential !== '') {
    baseHeaders.authorization = `Bearer ${options.credential}`;
  }
  const workerName = workerId === undefined ? `worker at ${base}` : `worker "${workerId}"`;
  let closed = false;

  const labelFor = (request: TransportRequest): string =>
    redactor.text(`${request.method.toUpperCase()} ${request.route ?? request.path}`);

  async function send(request: TransportRequest): Promise<TransportResponse> {
    const label = labelFor(request);
    assertCanStart({ closed, workerId, workerName }, () => label, request.signal);
    const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
    const headers = { ...baseHeaders, ...lowerCaseHeaders(request.headers) };
    const body = serialisedBody(request, headers);
    const deadline = startDeadline(timeoutMs, request.signal);
    try {
      const response = await fetchImplementation(base + request.path + buildQueryString(request.query), {
        method: request.method.toUpperCase(),
        headers,
        body,
        credentials: options.credentials ?? 'same-origin',
        signal: deadline.signal,
      });
      const bodyText = await response.text();
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? undefined,
        headers: headersRecord(response.headers),
        bodyText: redactor.text(bodyText),
      };
    } catch (error) {
      const ended = deadlineFailure(deadline, label, { workerId, workerName });
      if (ended !== undefined) throw ended;
      // fetch reports every network failure (refused, DNS, CORS) as one TypeError without a code.
      throw new WorkerUnreachableError(`${label}: ${workerName} is unreachable (connection failed)`, {
        workerId,
        cause: error,
        retryable: false,
      });
    } finally {
      deadline.dispose();
    }
  }

  const call = createCall(send, {
    label: (request) => `${labelFor(request)} on ${workerName}`,
    workerId,
    redactor,
    // Generated checks need code generation, which a page's CSP forbids; a browser decodes few bodies.
    fastChecks: false,
  });

  return {
    baseUrl: base,
    workerId,
    send,
    call,
    apiError: (response) => apiErrorFrom(response, { workerId, redactor }),
    async close() {
      closed = true;
    },
  };
}
