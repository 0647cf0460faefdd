import type { Dispatcher } from 'undici';
import type { CallDeadline } from './deadline.js';

/** A worker's complete answer: status, headers and the whole body as text. */
export type HttpAnswer = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
};

export type HttpExchange = {
  origin: string;
  /** Path and query, already encoded. */
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
};

/** What ends an exchange early: the call's deadline, which also ends when the caller aborts. */
export type ExchangeStop = Pick<CallDeadline, 'reason' | 'onEnd'>;

/**
 * One HTTP exchange through `dispatcher`, with the body read whole. It drives undici's handler interface
 * directly: `request()` would wrap every answer in a Readable stream and an async resource only for the
 * body to be read back into one string, and a fan-out pays that per worker. Settles with the stop's reason
 * as soon as it ends, even while the request still waits for a connection.
 */
export function exchange(
  dispatcher: Dispatcher,
  request: HttpExchange,
  stop: ExchangeStop,
): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    if (stop.reason !== undefined) {
      reject(stop.reason);
      return;
    }
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let status = 0;
    let headers: Record<string, string | string[] | undefined> = {};
    const chunks: Buffer[] = [];
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      stop.onEnd(undefined);
      reject(error);
    };
    stop.onEnd((reason) => {
      // Before the request is written there is no controller yet; onRequestStart aborts it then.
      controller?.abort(reason);
      fail(reason);
    });
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (stop.reason !== undefined) started.abort(stop.reason);
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        status = statusCode;
        headers = responseHeaders as Record<string, string | string[] | undefined>;
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        if (settled) return;
        settled = true;
        stop.onEnd(undefined);
        // One chunk is the usual case; decoding after joining keeps a character split across chunks whole.
        const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        resolve({ status, headers, bodyText: body.toString('utf8') });
      },
      onResponseError(_controller, error) {
        fail(error);
      },
    };
    try {
      dispatcher.dispatch(
        {
          origin: request.origin,
          path: request.path,
          method: request.method as Dispatcher.HttpMethod,
          headers: request.headers,
          body: request.body,
        },
        handler,
      );
    } catch (error) {
      fail(error);
    }
  });
}
