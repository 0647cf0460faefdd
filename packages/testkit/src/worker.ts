import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { seedAdminObjects } from './domain/admin-seed.js';
import { configDeployment } from './domain/models.js';
import { seedState } from './domain/seed.js';
import { authenticate, authorize } from './http/auth.js';
import type { Principal, RequestContext, RouteDefinition, WorkerSettings } from './http/context.js';
import { Reply } from './http/context.js';
import { HttpError, proxyError } from './http/errors.js';
import type { Router } from './http/router.js';
import type { Version } from './http/versions.js';
import { parseVersion, servesRoute } from './http/versions.js';
import { createRouter } from './routes/index.js';
import { hashToken } from './store/identifiers.js';
import { FakeWorkerState } from './store/state.js';
import type { FakeWorker, FakeWorkerOptions, FaultMode, FaultOptions, WorkerCall } from './types.js';

/** The newest LiteLLM generation emulated by default. */
const DEFAULT_VERSION = '1.84.0';
const DEFAULT_SLOW_LATENCY_MS = 1_000;
const DEFAULT_CALL_LOG_LIMIT = 10_000;
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const FAULT_MODES: readonly FaultMode[] = ['none', 'down', 'hang', 'slow', 'error500', 'garbage', 'flaky'];
const PREFLIGHT_METHODS = 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT';
const NOT_FOUND_BODY = '{"detail":"Not Found"}';
const METHOD_NOT_ALLOWED_BODY = '{"detail":"Method Not Allowed"}';
const GARBAGE_BODY = '{"status": "ok", "data": [1, 2, <<not json>>';
const ANONYMOUS: Principal = Object.freeze({
  role: 'internal_user_viewer',
  userId: null,
  token: '',
  key: null,
  isMasterKey: false,
});

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      server.closeAllConnections();
      resolve();
      return;
    }
    server.close(() => resolve());
    // Destroys idle keep-alive sockets and in-flight (hung) requests so close() never waits on them.
    server.closeAllConnections();
  });
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

class FakeWorkerServer implements FakeWorker {
  readonly state = new FakeWorkerState();
  readonly host: string;
  private settingsValue: WorkerSettings;
  private readonly router: Router;
  private readonly server: Server;
  private readonly pendingTimers = new Set<NodeJS.Timeout>();
  private boundPort: number;
  private mode: FaultMode = 'none';
  private slowLatencyMs = DEFAULT_SLOW_LATENCY_MS;
  private flakyEvery = 2;
  private flakyCount = 0;
  private latency: number;
  private transition: Promise<void> = Promise.resolve();
  private closed = false;
  private callLog: WorkerCall[] = [];
  private readonly callLogLimit: number;

  constructor(options: FakeWorkerOptions, router: Router) {
    this.host = options.host ?? '127.0.0.1';
    this.boundPort = options.port ?? 0;
    this.latency = options.latencyMs ?? 0;
    this.callLogLimit = options.callLogLimit ?? DEFAULT_CALL_LOG_LIMIT;
    this.router = router;
    const version = options.litellmVersion ?? options.version ?? DEFAULT_VERSION;
    this.settingsValue = {
      masterKey: options.masterKey,
      masterToken: hashToken(options.masterKey),
      name: options.name ?? '',
      uiUsername: options.uiUsername ?? 'admin',
      uiPassword: options.uiPassword ?? options.masterKey,
      controlPlaneUrl: options.controlPlaneUrl,
      premium: options.premium ?? true,
      version,
      parsedVersion: parseVersion(version) as Version,
      keyHeaderName: options.keyHeaderName,
    };
    this.server = createServer(this.onRequest);
    // Long keep-alive so benchmark clients reuse sockets instead of reconnecting.
    this.server.keepAliveTimeout = 65_000;
    this.server.headersTimeout = 66_000;
  }

  get url(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${host}:${this.boundPort}`;
  }

  get port(): number {
    return this.boundPort;
  }

  get masterKey(): string {
    return this.settingsValue.masterKey;
  }

  get name(): string {
    return this.settingsValue.name;
  }

  get faultMode(): FaultMode {
    return this.mode;
  }

  async start(options: FakeWorkerOptions): Promise<void> {
    (options.models ?? []).forEach((model, index) => {
      const deployment = configDeployment(model, index);
      this.state.models.set(deployment.model_info.id, deployment);
    });
    if (options.seed !== undefined) {
      const seedOptions = typeof options.seed === 'number' ? { seed: options.seed } : options.seed;
      const now = Date.now();
      seedState(this.state, seedOptions, { now, withModels: options.models === undefined });
      seedAdminObjects(this.state, seedOptions.seed ?? 1, now);
    }
    await listen(this.server, this.boundPort, this.host);
    this.boundPort = (this.server.address() as AddressInfo).port;
    // The default name embeds the port, known only once listening.
    if (!this.settingsValue.name)
      this.settingsValue = { ...this.settingsValue, name: `fake-worker-${this.boundPort}` };
  }

  fault(mode: FaultMode, options: FaultOptions = {}): Promise<void> {
    if (!FAULT_MODES.includes(mode)) throw new TypeError(`Unknown fault mode: ${String(mode)}`);
    if (this.closed) return Promise.reject(new Error('Fake worker is closed'));
    this.mode = mode;
    this.slowLatencyMs = options.latencyMs ?? DEFAULT_SLOW_LATENCY_MS;
    this.flakyEvery = Math.max(1, Math.floor(options.every ?? 2));
    this.flakyCount = 0;
    // A failed re-listen (port taken meanwhile) rejects this call only, not later switches.
    this.transition = this.transition
      .catch(() => undefined)
      .then(async () => {
        if (this.closed) return;
        if (mode === 'down') await stopListening(this.server);
        else if (!this.server.listening) await listen(this.server, this.boundPort, this.host);
      });
    return this.transition;
  }

  get calls(): readonly WorkerCall[] {
    return this.callLog.slice(-this.callLogLimit);
  }

  clearCalls(): void {
    this.callLog = [];
  }

  /** Trims in batches (the log holds at most twice the limit), so a long benchmark run costs O(1) per call. */
  private recordCall(request: IncomingMessage): void {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    this.callLog.push({
      method: request.method ?? 'GET',
      path: queryStart === -1 ? url : url.slice(0, queryStart),
    });
    if (this.callLog.length >= 2 * this.callLogLimit)
      this.callLog.splice(0, this.callLog.length - this.callLogLimit);
  }

  setLatency(milliseconds: number): void {
    if (!Number.isFinite(milliseconds) || milliseconds < 0) {
      throw new RangeError(`Latency must be a non-negative number of milliseconds, got ${milliseconds}`);
    }
    this.latency = milliseconds;
  }

  async close(): Promise<void> {
    if (this.closed) return this.transition;
    this.closed = true;
    for (const timer of this.pendingTimers) clearTimeout(timer);
    this.pendingTimers.clear();
    this.transition = this.transition.catch(() => undefined).then(() => stopListening(this.server));
    return this.transition;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  [inspect.custom](): string {
    return `FakeWorker { name: '${this.name}', url: '${this.url}', faultMode: '${this.mode}' }`;
  }

  toJSON(): object {
    return { name: this.name, url: this.url, faultMode: this.mode };
  }

  private readonly onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    this.state.counters.requests += 1;
    this.recordCall(request);
    const mode = this.mode;
    if (mode === 'hang') return;
    const delay = this.latency + (mode === 'slow' ? this.slowLatencyMs : 0);
    if (delay > 0) {
      const timer = setTimeout(() => {
        this.pendingTimers.delete(timer);
        this.serve(request, response);
      }, delay);
      this.pendingTimers.add(timer);
      return;
    }
    this.serve(request, response);
  };

  private serve(request: IncomingMessage, response: ServerResponse): void {
    if (response.destroyed) return;
    const mode = this.mode;
    if (mode === 'error500' || (mode === 'flaky' && ++this.flakyCount % this.flakyEvery === 0)) {
      const error = proxyError(500, 'Internal Server Error (injected fault)', 'internal_server_error');
      this.send(request, response, error.status, JSON.stringify(error.body), undefined, undefined);
      return;
    }
    if (mode === 'garbage') {
      this.send(request, response, 200, GARBAGE_BODY, undefined, undefined);
      return;
    }
    this.dispatch(request, response);
  }

  private dispatch(request: IncomingMessage, response: ServerResponse): void {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    let path = queryStart === -1 ? url : url.slice(0, queryStart);
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    const method = request.method ?? 'GET';
    if (method === 'OPTIONS' && request.headers.origin && request.headers['access-control-request-method']) {
      this.preflight(request, response);
      return;
    }
    const match = this.router.match(method, path);
    if (
      match === undefined ||
      (match !== 'method-not-allowed' &&
        !servesRoute(this.settingsValue.parsedVersion, match.definition.method, match.definition.path))
    ) {
      this.send(request, response, 404, NOT_FOUND_BODY, undefined, undefined);
      return;
    }
    if (match === 'method-not-allowed') {
      this.send(request, response, 405, METHOD_NOT_ALLOWED_BODY, undefined, undefined);
      return;
    }
    if (match.definition.access === 'llm') this.state.counters.llmRequests += 1;
    const query = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
    if (method === 'GET' || method === 'HEAD' || !hasBody(request)) {
      this.respond(request, response, match.definition, match.params, path, method, query, undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        this.send(request, response, 413, '{"detail":"Request body too large"}', undefined, undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
      this.respond(request, response, match.definition, match.params, path, method, query, text);
    });
    request.on('error', () => response.destroy());
  }

  private parseBody(definition: RouteDefinition, text: string | undefined): unknown {
    if (text === undefined || text === '') return undefined;
    if (definition.bodyKind === 'form') return Object.fromEntries(new URLSearchParams(text));
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new HttpError(422, {
        detail: [
          {
            type: 'json_invalid',
            loc: ['body', 0],
            msg: 'JSON decode error',
            input: {},
            ctx: { error: error instanceof Error ? error.message : 'Invalid JSON' },
          },
        ],
      });
    }
  }

  private respond(
    request: IncomingMessage,
    response: ServerResponse,
    definition: RouteDefinition,
    params: readonly string[],
    path: string,
    method: string,
    query: URLSearchParams,
    text: string | undefined,
  ): void {
    if (response.destroyed) return;
    let status = 200;
    let payload: string;
    let headers: Record<string, string | string[]> | undefined;
    let contentType: string | undefined;
    try {
      const body = this.parseBody(definition, text);
      const now = Date.now();
      const principal =
        definition.access === 'public'
          ? ANONYMOUS
          : authenticate(request.headers, this.state, this.settingsValue, now);
      authorize(definition, path, method, principal, body, this.state);
      const context: RequestContext = {
        state: this.state,
        settings: this.settingsValue,
        method,
        path,
        query,
        headers: request.headers,
        params,
        body,
        principal,
        baseUrl: `http://${request.headers.host ?? `${this.host}:${this.boundPort}`}`,
        now,
      };
      const result = definition.handler(context);
      if (result instanceof Reply) {
        status = result.status;
        headers = result.headers;
        contentType = result.contentType;
        payload = result.rawBody ?? JSON.stringify(result.body);
      } else {
        payload = JSON.stringify(result ?? null);
      }
    } catch (error) {
      if (error instanceof HttpError) {
        status = error.status;
        headers = error.headers;
        payload = JSON.stringify(error.body);
      } else {
        status = 500;
        const message = error instanceof Error ? error.message : String(error);
        payload = JSON.stringify(proxyError(500, message, 'internal_server_error').body);
      }
    }
    this.send(request, response, status, payload, headers, contentType);
  }

  private preflight(request: IncomingMessage, response: ServerResponse): void {
    const requestedHeaders = request.headers['access-control-request-headers'];
    const headers: OutgoingHttpHeaders = {
      'access-control-allow-origin': request.headers.origin,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': PREFLIGHT_METHODS,
      'access-control-allow-headers': requestedHeaders ?? 'Authorization, Content-Type',
      'access-control-max-age': '600',
      vary: 'Origin',
      'content-type': 'text/plain; charset=utf-8',
      'content-length': 2,
    };
    response.writeHead(200, headers);
    response.end('OK');
  }

  private send(
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    payload: string,
    extraHeaders: Record<string, string | string[]> | undefined,
    contentType: string | undefined,
  ): void {
    if (response.headersSent || response.destroyed) return;
    const headers: OutgoingHttpHeaders = {
      'content-type': contentType ?? 'application/json',
      'content-length': Buffer.byteLength(payload),
    };
    const origin = request.headers.origin;
    if (origin) {
      // LiteLLM's default CORS: any origin reflected, credentials allowed.
      headers['access-control-allow-origin'] = origin;
      headers['access-control-allow-credentials'] = 'true';
      headers.vary = 'Origin';
    }
    if (extraHeaders) Object.assign(headers, extraHeaders);
    response.writeHead(status, headers);
    response.end(request.method === 'HEAD' ? undefined : payload);
  }
}

function assertOptions(options: FakeWorkerOptions): void {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('startFakeWorker: options are required');
  if (typeof options.masterKey !== 'string' || !options.masterKey.startsWith('sk-')) {
    throw new TypeError("startFakeWorker: masterKey must be a string starting with 'sk-'");
  }
  if (
    options.port !== undefined &&
    (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535)
  ) {
    throw new RangeError(`startFakeWorker: port must be an integer between 0 and 65535, got ${options.port}`);
  }
  for (const field of ['litellmVersion', 'version'] as const) {
    const value = options[field];
    if (value !== undefined && (typeof value !== 'string' || parseVersion(value) === null)) {
      throw new TypeError(`startFakeWorker: ${field} must be a LiteLLM version such as '1.83.10'`);
    }
  }
  if (options.keyHeaderName !== undefined && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(options.keyHeaderName)) {
    throw new TypeError('startFakeWorker: keyHeaderName must be an HTTP header name');
  }
  if (options.latencyMs !== undefined && (!Number.isFinite(options.latencyMs) || options.latencyMs < 0)) {
    throw new RangeError('startFakeWorker: latencyMs must be a non-negative number');
  }
  if (
    options.callLogLimit !== undefined &&
    (!Number.isInteger(options.callLogLimit) || options.callLogLimit < 1)
  ) {
    throw new RangeError(
      `startFakeWorker: callLogLimit must be a positive integer, got ${options.callLogLimit}`,
    );
  }
  const seed = typeof options.seed === 'number' ? { seed: options.seed } : (options.seed ?? {});
  for (const [field, value] of Object.entries(seed)) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new RangeError(`startFakeWorker: seed.${field} must be a non-negative integer, got ${value}`);
    }
  }
}

/** Starts one LiteLLM-compatible fake worker; resolves once it is listening. */
export async function startFakeWorker(options: FakeWorkerOptions): Promise<FakeWorker> {
  assertOptions(options);
  const worker = new FakeWorkerServer(options, createRouter());
  try {
    await worker.start(options);
  } catch (error) {
    await worker.close();
    throw error;
  }
  return worker;
}

/** How many workers start concurrently, to avoid a burst of listen() calls. */
const START_CONCURRENCY = 32;

/**
 * Starts `count` workers (options from `optionsFor(index)`); the array is disposable and closes them
 * all. If any fails to start, the started ones are closed and the error is rethrown.
 */
export async function startFakeWorkers(
  count: number,
  optionsFor: (index: number) => FakeWorkerOptions,
): Promise<FakeWorker[] & AsyncDisposable> {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const workers: FakeWorker[] = new Array(count);
  const router = createRouter();
  let next = 0;
  let failure: unknown;
  const runLane = async () => {
    while (failure === undefined && next < count) {
      const index = next++;
      const options = optionsFor(index);
      try {
        assertOptions(options);
        const worker = new FakeWorkerServer(options, router);
        workers[index] = worker;
        await worker.start(options);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(START_CONCURRENCY, count) }, runLane));
  const closeAll = async () => {
    await Promise.all(workers.filter((worker) => worker !== undefined).map((worker) => worker.close()));
  };
  if (failure !== undefined) {
    await closeAll();
    throw failure;
  }
  return Object.assign(workers, { [Symbol.asyncDispose]: closeAll });
}
