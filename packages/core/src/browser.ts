/**
 * `@llm-control-plane/core/browser`: the typed worker resources, schemas and errors over the standard
 * `fetch`, with no Node imports, for browsers (the admin UI) and other fetch runtimes. Point it at a
 * worker, or at the control plane's relay `/api/v1/workers/{id}/admin`, which adds the stored credential.
 */
import { createFetchTransport, type FetchTransportOptions } from './client/fetch-transport.js';
import { assertSafePath } from './client/path.js';
import { createWorkerResources, type WorkerResources } from './client/resources/index.js';

export type { FetchTransportOptions } from './client/fetch-transport.js';
export { assertSafePath, encodePathParameter, InvalidPathError } from './client/path.js';
export type * from './client/resources/types.js';
export * from './client/schemas/index.js';
export type { CallOptions } from './client/transport.js';
export * from './errors/index.js';
export * from './routes/index.js';

export type BrowserRawRequest = {
  method: string;
  /** Begins with '/'; dot segments, empty segments and encoded slashes are refused. */
  path: string;
  query?: Record<string, string | string[] | undefined>;
  body?: unknown;
  signal?: AbortSignal;
};

export type BrowserRawResponse = { status: number; contentType: string | undefined; bodyText: string };

export interface BrowserWorkerClient extends WorkerResources {
  readonly baseUrl: string;
  readonly workerId: string | undefined;
  /** Never throws for HTTP statuses, only for transport failures (unreachable, timeout, abort). */
  raw(request: BrowserRawRequest): Promise<BrowserRawResponse>;
}

/** A worker client over `fetch`: the same resources as `createWorkerClient`, one attempt per call. */
export function createBrowserWorkerClient(options: FetchTransportOptions): BrowserWorkerClient {
  const transport = createFetchTransport(options);
  return {
    baseUrl: transport.baseUrl,
    workerId: transport.workerId,
    ...createWorkerResources(transport),
    async raw(request) {
      const response = await transport.send({ ...request, path: assertSafePath(request.path) });
      return { status: response.status, contentType: response.contentType, bodyText: response.bodyText };
    },
  };
}

/** The relay prefix on the control plane that forwards to worker `workerId` with its stored credential. */
export function relayBaseUrl(workerId: string, apiBase = '/api/v1'): string {
  return `${apiBase.replace(/\/+$/, '')}/workers/${encodeURIComponent(workerId)}/admin`;
}
