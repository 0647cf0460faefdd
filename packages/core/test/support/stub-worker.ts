import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the stub worker saw it. */
export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  bodyText: string;
  body: unknown;
};

export type Reply = {
  status?: number;
  /** Serialised as JSON unless `text` is given. */
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
};

/**
 * Answers a request. Return a Reply, or write to `response` yourself and return undefined
 * (for stalls, resets and other misbehaviour).
 */
export type StubHandler = (
  request: RecordedRequest,
  response: ServerResponse,
) => Reply | undefined | Promise<Reply | undefined>;

export type StubWorker = AsyncDisposable & {
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** TCP connections accepted so far (keep-alive reuse shows as fewer connections than requests). */
  readonly connections: () => number;
  close(): Promise<void>;
};

/** A small LiteLLM-like worker on 127.0.0.1, port 0, driven by one handler. */
export async function startStubWorker(handler: StubHandler): Promise<StubWorker> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer(async (incoming, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const bodyText = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = bodyText.length > 0 ? JSON.parse(bodyText) : undefined;
    } catch {
      body = bodyText;
    }
    const url = new URL(incoming.url ?? '/', 'http://stub.invalid');
    const recorded: RecordedRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      bodyText,
      body,
    };
    requests.push(recorded);
    const reply = await handler(recorded, response);
    if (reply === undefined) return;
    const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    response.writeHead(reply.status ?? 200, {
      'content-type': reply.text === undefined ? 'application/json' : 'text/plain',
      ...reply.headers,
    });
    response.end(text);
  });
  server.on('connection', (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => connections,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A port on 127.0.0.1 with nothing listening (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** LiteLLM envelope 1: ProxyException. */
export function proxyException(status: number, message: string, type: string, param: string = 'None'): Reply {
  return { status, body: { error: { message, type, param, code: String(status) } } };
}

/** LiteLLM envelope 2: FastAPI HTTPException with `{detail: {error}}` (or a plain string detail). */
export function detailError(status: number, message: string, plain = false): Reply {
  return { status, body: { detail: plain ? message : { error: message } } };
}

/** LiteLLM envelope 3: 422 validation error. */
export function validationError(items: { loc: (string | number)[]; msg: string; type?: string }[]): Reply {
  return { status: 422, body: { detail: items.map((item) => ({ type: 'value_error', ...item })) } };
}
