import type { OpenAPIHono } from '@hono/zod-openapi';
import { parseErrorEnvelope, type RawResponse, WorkerError } from '@llm-control-plane/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { ApiError, toApiError, workerFailureToApiError } from '../errors.js';
import { nodeResponseOf } from '../http/node-response.js';
import { createApiApp, documentRoute } from '../http/openapi-route.js';
import { parseLimitedJson } from '../http/request-limits.js';
import { isSafeMethod } from '../http/security.js';
import { parseParams } from '../http/validate.js';
import { readableWorker, WorkerIdParamsSchema } from './workers.js';

const RELAY_MARKER = /\/api\/v1\/workers\/[^/]+\/admin(\/.*)?$/;

/**
 * Turns the raw (still percent-encoded) remainder after `/admin` into the path sent to the worker, or throws.
 * The core route policy decides: spending routes are refused in every spelling, unsafe segments are refused
 * rather than resolved, and a path no admin rule names is refused.
 */
function relayTargetPath(deps: AppDeps, rawRemainder: string): string {
  const decision = deps.relayDecisions(rawRemainder);
  if (!decision.allowed) throw new ApiError(decision.code, decision.message);
  return decision.target;
}

function readRawRemainder(pathname: string): string {
  const match = RELAY_MARKER.exec(pathname);
  return match?.[1] ?? '';
}

const WORKER_MESSAGE_LIMIT = 1000;

/** JSON and plain text pass; anything a browser could render as active content is downgraded. */
function safeContentType(contentType: string | undefined): string {
  if (contentType === undefined || contentType === '') return 'application/json';
  const essence = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (essence === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(essence)) return contentType;
  if (essence === 'text/plain' || essence === 'text/csv') return contentType;
  return 'application/octet-stream';
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Whether a worker's 2xx body plausibly is JSON, without parsing it: a relayed key list can be megabytes,
 * and the caller parses it anyway. Objects and arrays (every management answer) are recognised by their
 * first and last significant characters, which catches truncated and non-JSON bodies; other values are
 * short, so they are parsed.
 */
function looksLikeJson(text: string): 'empty' | boolean {
  let start = 0;
  let end = text.length - 1;
  while (start <= end && WHITESPACE.has(text.charCodeAt(start))) start += 1;
  if (start > end) return 'empty';
  while (WHITESPACE.has(text.charCodeAt(end))) end -= 1;
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end);
  if (first === 0x7b /* { */) return last === 0x7d /* } */;
  if (first === 0x5b /* [ */) return last === 0x5d /* ] */;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

type ClosableResponse = { once(event: 'close', listener: () => void): unknown; writableFinished: boolean };

/**
 * Aborts the worker call when the caller goes away. Under the node adapter this listens on the response
 * directly: `request.signal` would make the adapter build a full fetch Request for every relayed call.
 */
function callerGoneSignal(context: Context<AppEnv>): AbortSignal {
  const outgoing = nodeResponseOf(context);
  return outgoing === undefined ? context.req.raw.signal : responseClosedSignal(outgoing);
}

/** Aborts when a node response closes before it was finished (the caller went away). */
export function responseClosedSignal(response: ClosableResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort(new Error('the caller closed the connection'));
  });
  return controller.signal;
}

/**
 * Documents the relay once per method (each with its own operation id); it is served by one plain handler,
 * so pass-through bodies are never schema-checked on the hot path.
 */
function documentRelay(app: OpenAPIHono<AppEnv>): void {
  for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
    documentRoute(app, {
      method,
      path: '/api/v1/workers/:workerId/admin/*',
      tag: 'relay',
      summary: "Relay a management call to one worker with the worker's stored credential",
      description:
        'Any method. Only LiteLLM management routes are relayed (the core route policy); routes that call a ' +
        'model, tool, agent or provider answer 403 llm_route_refused, paths no rule names 403 ' +
        'not_a_management_route, dot segments or encoded slashes 400 invalid_path. 2xx bodies are returned ' +
        'verbatim; worker errors become the error envelope with code worker_error and worker_status. Writes ' +
        'are audited.',
      params: WorkerIdParamsSchema.extend({ path: z.string() }),
      responseDescription: "The worker's body, verbatim",
    });
  }
}

/** One relayed call, as the relay route and the node-level fast path (http/relay-fast-path.ts) see it. */
export type RelayCall = {
  principal: Principal;
  workerId: string;
  /** Upper case. */
  method: string;
  /** The raw (still percent-encoded) path after `/admin`. */
  rawRemainder: string;
  query: URLSearchParams;
  requestId: string;
  signal: AbortSignal;
  /** The request body as text; only called for methods other than GET and HEAD. */
  readBody: () => Promise<string>;
};

/** What the caller gets for a relayed call that succeeded: the worker's body, verbatim. */
export type RelayAnswer = { status: number; bodyText: string; headers: Record<string, string> };

/**
 * Checks, relays and audits one call; throws the ApiError the caller gets when it fails (authorization,
 * route policy, open circuit, worker failures and worker errors).
 */
export async function relayCall(deps: AppDeps, call: RelayCall): Promise<RelayAnswer> {
  const { principal, workerId, method, requestId } = call;
  const entry = readableWorker(deps, principal, workerId);
  const isWrite = !isSafeMethod(method);
  let targetPath: string;
  try {
    // The role first: a caller who may not write is refused whatever path it sends.
    if (isWrite) deps.access.requireWrite(principal, entry);
    targetPath = relayTargetPath(deps, call.rawRemainder);
  } catch (error) {
    // Refused write attempts are security events: they are audited too, with the path as requested.
    if (isWrite && error instanceof ApiError) {
      await deps.audit.record({
        actor: principal.subject,
        workerId,
        action: 'relay',
        method,
        path: null,
        target: null,
        status: error.status,
        requestId,
        detail: { refused: error.code, requested_path: call.rawRemainder.slice(0, 512) },
      });
    }
    throw error;
  }

  let body: unknown;
  // The caller's JSON text goes to the worker unchanged; it is parsed only to check it and to audit it.
  let bodyText: string | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const text = await call.readBody();
    if (text.trim() !== '') {
      // The shape limits run on the raw text before it is parsed or forwarded.
      body = parseLimitedJson(text, 'Relayed request bodies must be JSON');
      bodyText = text;
    }
  }
  const query = call.query;

  const audit = async (status: number, detail: Record<string, unknown>) => {
    if (!isWrite) return;
    await deps.audit.record({
      actor: principal.subject,
      workerId,
      action: 'relay',
      method,
      path: targetPath,
      target: targetPath,
      status,
      requestId,
      detail: { ...detail, query: Object.fromEntries(query), body },
    });
  };

  if (deps.fleet.circuitState(workerId) === 'open') {
    const error = new ApiError(
      'worker_unavailable',
      `Worker '${workerId}' is unavailable: its circuit is open after consecutive failures`,
      { workerId },
    );
    await audit(error.status, { error: error.code });
    throw error;
  }

  const { client } = deps.fleet.worker(workerId);
  let response: RawResponse;
  try {
    response = await client.raw({
      method,
      path: targetPath,
      query,
      ...(bodyText === undefined ? {} : { bodyText }),
      headers: { 'x-request-id': requestId },
      retry: !isWrite,
      signal: call.signal,
      ...(entry.timeout_ms === undefined ? {} : { timeoutMs: entry.timeout_ms }),
    });
  } catch (error) {
    deps.fleet.recordCall(workerId, error, 'relay');
    // Only a failed worker call is the worker's fault; anything else is this server's and answers 500.
    const apiError = WorkerError.isInstance(error)
      ? workerFailureToApiError(error, workerId)
      : toApiError(error);
    await audit(apiError.status, { error: apiError.code });
    throw apiError;
  }

  deps.fleet.recordCall(workerId, null, 'relay');
  // Awaited here rather than returned: an async function that returns a promise settles two microtasks later.
  return await workerAnswer(workerId, response, audit);
}

/** The caller's answer to a worker's response: 2xx bodies verbatim (when they are what they claim), errors as the envelope. */
async function workerAnswer(
  workerId: string,
  response: RawResponse,
  audit: (status: number, detail: Record<string, unknown>) => Promise<void>,
): Promise<RelayAnswer> {
  if (response.status >= 200 && response.status < 300) {
    const declaresJson = response.contentType === undefined || /\bjson\b/i.test(response.contentType);
    if (declaresJson && looksLikeJson(response.bodyText) === false) {
      const error = new ApiError(
        'worker_bad_response',
        `Worker '${workerId}' answered with a body that is not JSON`,
        {
          workerId,
        },
      );
      await audit(error.status, { error: error.code, worker_status: response.status });
      throw error;
    }
    await audit(response.status, {});
    const headers: Record<string, string> = {
      'content-type': safeContentType(response.contentType),
      // A relayed body is data, never a document of this origin: a rogue worker cannot serve script here.
      'content-security-policy': "default-src 'none'; sandbox",
    };
    return { status: response.status, bodyText: response.bodyText, headers };
  }
  const envelope = parseErrorEnvelope(response.status, response.bodyText);
  const message =
    envelope.message.length > WORKER_MESSAGE_LIMIT
      ? `${envelope.message.slice(0, WORKER_MESSAGE_LIMIT)}…`
      : envelope.message;
  const status: ContentfulStatusCode =
    response.status >= 400 && response.status < 500 ? (response.status as ContentfulStatusCode) : 502;
  await audit(response.status, { worker_status: response.status });
  throw new ApiError('worker_error', message || `Worker answered HTTP ${response.status}`, {
    workerId,
    workerStatus: response.status,
    status,
  });
}

/** ANY /api/v1/workers/:workerId/admin/* → the worker's management API, with the stored credential. */
export function relayRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createApiApp();
  const handler = async (context: Context<AppEnv>) => {
    const { workerId } = parseParams(context, WorkerIdParamsSchema);
    const requestUrl = new URL(context.req.url);
    const answer = await relayCall(deps, {
      principal: context.get('principal'),
      workerId,
      method: context.req.method.toUpperCase(),
      rawRemainder: readRawRemainder(requestUrl.pathname),
      query: requestUrl.searchParams,
      requestId: context.get('requestId'),
      signal: callerGoneSignal(context),
      readBody: () => context.req.text(),
    });
    return context.body(answer.bodyText, answer.status as ContentfulStatusCode, answer.headers);
  };

  documentRelay(app);
  app.all('/api/v1/workers/:workerId/admin/*', handler);
  app.all('/api/v1/workers/:workerId/admin', handler);
  return app;
}
