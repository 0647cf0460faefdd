import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingMessage['headers'];
};
type FixtureReply = { status?: number; body: unknown; headers?: Record<string, string> };
type FixtureHandler = (request: RecordedRequest) => FixtureReply | Promise<FixtureReply>;

export type FixtureServer = {
  url: string;
  apiBase: string;
  requests: RecordedRequest[];
  /** `route` is `METHOD /path` relative to the server root, e.g. `GET /api/v1/auth/me`. */
  on(route: string, handler: FixtureHandler | FixtureReply): void;
  close(): Promise<void>;
};

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A real HTTP server on 127.0.0.1:0 answering canned control-plane responses (with CORS for jsdom's origin). */
export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, FixtureHandler>();
  const requests: RecordedRequest[] = [];
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    response.setHeader('access-control-allow-origin', request.headers.origin ?? '*');
    response.setHeader('access-control-allow-credentials', 'true');
    response.setHeader('access-control-allow-headers', 'content-type, authorization');
    response.setHeader('access-control-allow-methods', 'GET, POST, PATCH, DELETE');
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: await readJson(request),
      headers: request.headers,
    };
    requests.push(recorded);
    const handler = routes.get(`${recorded.method} ${recorded.path}`);
    const reply: FixtureReply = handler
      ? await handler(recorded)
      : {
          status: 404,
          body: {
            error: {
              code: 'not_found',
              message: `No fixture for ${recorded.method} ${recorded.path}`,
              request_id: 'req-fixture',
            },
          },
        };
    response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    response.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiBase: `${url}/api/v1`,
    requests,
    on(route, handler) {
      routes.set(route, typeof handler === 'function' ? handler : () => handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
