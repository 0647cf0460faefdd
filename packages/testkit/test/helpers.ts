import type { FakeWorker } from '../src/index.js';

export type ApiResponse = { status: number; body: unknown; headers: Headers; text: string };

export type RequestOptions = {
  key?: string | null;
  body?: unknown;
  query?: Record<string, string | number | boolean>;
  headers?: Record<string, string>;
  rawBody?: string;
};

/** Minimal JSON client bound to one worker; `key: null` sends no credential. */
export function apiClient(worker: FakeWorker) {
  const request = async (
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse> => {
    const url = new URL(worker.url + path);
    for (const [name, value] of Object.entries(options.query ?? {}))
      url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? worker.masterKey : options.key;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let payload: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(url, { method, headers, body: payload, redirect: 'manual' });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Non-JSON answers (HTML, garbage fault) stay as text.
    }
    return { status: response.status, body, headers: response.headers, text };
  };
  return {
    request,
    get: (path: string, options?: RequestOptions) => request('GET', path, options),
    post: (path: string, body?: unknown, options?: RequestOptions) =>
      request('POST', path, { ...options, body }),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** Field access on an untyped JSON body. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON shapes.
export type Json = any;

export function json(response: ApiResponse): Json {
  return response.body;
}

/** Asserts the ProxyException envelope and returns its `error` object. */
export function proxyErrorOf(response: ApiResponse): {
  message: string;
  type: string;
  param: string;
  code: string;
} {
  const body = response.body as Json;
  if (!body || typeof body !== 'object' || !body.error || typeof body.error !== 'object') {
    throw new Error(`Expected a ProxyException envelope, got ${response.status} ${response.text}`);
  }
  if (body.error.code !== String(response.status)) {
    throw new Error(`ProxyException code ${body.error.code} does not match status ${response.status}`);
  }
  return body.error;
}
