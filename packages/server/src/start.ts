import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { type ControlPlaneConfig, loadConfig } from '@llm-control-plane/core';
import type { Fleet } from '@llm-control-plane/sdk';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './app-context.js';
import { type ControlPlaneOptions, createControlPlane, SECURE_HEADERS_OPTIONS } from './control-plane.js';
import { ApiError, errorResponse } from './errors.js';
import { answerClientError } from './http/client-error.js';
import type { RelayFastPath } from './http/relay-fast-path.js';
import type { ListenAddress } from './http/security.js';
import type { ControlPlaneStore } from './storage/types.js';

export type StartControlPlaneOptions = Omit<ControlPlaneOptions, 'config' | 'listenAddress'> & {
  config?: ControlPlaneConfig;
  /** Read when `config` is not given. A missing file is an error, never a silent default. */
  configPath?: string;
  /** 0 picks a free port. @default 4000 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** How long close() waits for in-flight requests before cutting connections. @default 5000 */
  shutdownGraceMs?: number;
};

export type RunningControlPlane = {
  url: string;
  port: number;
  host: string;
  app: Hono<AppEnv>;
  fleet: Fleet;
  store: ControlPlaneStore;
  /** Stops accepting connections, lets in-flight requests finish, then closes the control plane. */
  close(): Promise<void>;
};

/** Raised when the server cannot listen; `code` is the system error code (EADDRINUSE, EACCES, ...). */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  readonly code: string | undefined;
  readonly host: string;
  readonly port: number;

  constructor(host: string, port: number, cause: unknown) {
    const code = (cause as { code?: unknown } | null)?.code;
    const reason =
      code === 'EADDRINUSE'
        ? 'the port is already in use'
        : code === 'EACCES'
          ? 'permission denied (ports below 1024 need privileges)'
          : code === 'EADDRNOTAVAIL'
            ? 'the address is not available on this machine'
            : ((cause as Error | null)?.message ?? 'unknown error');
    super(`Cannot listen on ${host}:${port}: ${reason}`, { cause });
    this.code = typeof code === 'string' ? code : undefined;
    this.host = host;
    this.port = port;
  }
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Requests the node adapter cannot turn into a Request at all (a raw backslash in the path, a bad Host
 * header) never reach the app; they still get the envelope and the security headers.
 */
function requestErrorResponse(error: unknown): Response | Promise<Response> {
  const isRequestError = error instanceof Error && error.name === 'RequestError';
  const apiError = !isRequestError
    ? new ApiError('internal_error', 'Internal server error')
    : /backslash/i.test(error.message)
      ? new ApiError(
          'invalid_path',
          'Request path must not contain dot segments, encoded slashes or backslashes',
        )
      : new ApiError('invalid_request', 'Malformed request');
  const answer = new Hono();
  answer.use('*', secureHeaders(SECURE_HEADERS_OPTIONS));
  answer.all('*', (context) => {
    context.header('cache-control', 'no-store');
    return errorResponse(context, apiError, randomUUID());
  });
  return answer.fetch(new Request('http://control-plane.invalid/'));
}

/** Loads the config (when given a path), builds the control plane and serves it over HTTP. */
export async function startControlPlane(options: StartControlPlaneOptions): Promise<RunningControlPlane> {
  const { configPath, port: requestedPort, host: requestedHost, shutdownGraceMs, ...rest } = options;
  let config = options.config;
  if (config === undefined) {
    if (configPath === undefined) throw new TypeError('startControlPlane needs `config` or `configPath`');
    const parsed = await loadConfig(configPath, rest.env === undefined ? {} : { env: rest.env });
    for (const warning of parsed.warnings) {
      rest.logger?.warn('config warning', {
        path: warning.path,
        message: warning.message,
        line: warning.line,
      });
    }
    config = parsed.config;
  }
  const host = requestedHost ?? '127.0.0.1';
  const port = requestedPort ?? 4000;
  let address: ListenAddress | undefined;
  let app: Hono<AppEnv> | undefined;
  // Listening comes first so that a port conflict is reported at once, before the store is opened.
  const listener = getRequestListener(
    (request, env) =>
      app === undefined
        ? Response.json(
            {
              error: {
                code: 'not_ready',
                message: 'The control plane is starting',
                request_id: randomUUID(),
              },
            },
            { status: 503, headers: { 'retry-after': '1' } },
          )
        : app.fetch(request, env),
    { errorHandler: requestErrorResponse },
  );
  let relayFastPath: RelayFastPath | undefined;
  const server = createServer((incoming, outgoing) => {
    if (relayFastPath === undefined || !relayFastPath(incoming, outgoing)) void listener(incoming, outgoing);
  });
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: unknown) => reject(new ListenError(host, port, error));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  address = { host, port: bound };
  let controlPlane: Awaited<ReturnType<typeof createControlPlane>>;
  try {
    controlPlane = await createControlPlane({ ...rest, config, listenAddress: () => address });
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  app = controlPlane.app;
  relayFastPath = controlPlane.relayFastPath;
  const displayHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const httpServer = server as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
      httpServer.closeIdleConnections?.();
      const grace = setTimeout(() => httpServer.closeAllConnections?.(), shutdownGraceMs ?? 5000);
      grace.unref();
      await closed;
      clearTimeout(grace);
      await controlPlane.close();
    })();
    return closing;
  };

  return {
    url: `http://${formatHost(displayHost)}:${bound}`,
    port: bound,
    host,
    app: controlPlane.app,
    fleet: controlPlane.fleet,
    store: controlPlane.store,
    close,
  };
}
