import type { Dispatcher } from 'undici';

/** One worker answer, read whole: status, headers as undici parses them, and the body's bytes. */
export type Exchanged = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array<ArrayBuffer>;
};

export type ExchangeRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal;
};

const EMPTY = new Uint8Array(0);

/**
 * One HTTP exchange through `dispatcher`, its body collected as bytes. This is what undici's `request()`
 * plus `body.bytes()` do, without the readable stream, the request handler and their promise and tick
 * hops, which cost more than the rest of a relayed call. The URL is read as `request()` reads it (the WHATWG
 * parser), so the worker receives the same request line. `signal` aborts the exchange at any point.
 */
export function exchange(dispatcher: Dispatcher, request: ExchangeRequest): Promise<Exchanged> {
  const { signal } = request;
  if (signal.aborted) return Promise.reject(signal.reason);
  const url = new URL(request.url);
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let status = 0;
    let headers: Exchanged['headers'] = {};
    const chunks: Buffer[] = [];
    let length = 0;
    let settled = false;
    const onAbort = () => controller?.abort(signal.reason);
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      return true;
    };
    signal.addEventListener('abort', onAbort, { once: true });
    dispatcher.dispatch(
      {
        origin: url.origin,
        path: url.search ? `${url.pathname}${url.search}` : url.pathname,
        method: request.method as Dispatcher.HttpMethod,
        headers: request.headers,
        body: request.body ?? null,
      },
      {
        onRequestStart(started) {
          controller = started;
          // The signal may have fired while the request waited for a connection.
          if (signal.aborted) started.abort(signal.reason);
        },
        onResponseStart(_controller, statusCode, responseHeaders) {
          status = statusCode;
          headers = responseHeaders;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
          length += chunk.length;
        },
        onResponseEnd() {
          if (!settle()) return;
          const body = chunks.length === 1 ? chunks[0] : length === 0 ? EMPTY : Buffer.concat(chunks, length);
          resolve({ status, headers, body: body as Uint8Array<ArrayBuffer> });
        },
        onResponseError(_controller, error) {
          if (settle()) reject(error);
        },
      },
    );
  });
}
