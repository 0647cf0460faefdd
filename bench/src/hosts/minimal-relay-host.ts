import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { processSample, serveHost } from './serve.js';

/**
 * The floor a relay can reach: a Node HTTP server that forwards `/<worker index>/<path>` to that worker
 * through one keep-alive undici Agent with the worker's key, streaming both bodies, and nothing else (no
 * authentication, routing, audit or validation). The relay benchmark measures it beside the control plane.
 */

const servers: http.Server[] = [];
const agents: Agent[] = [];

serveHost(
  {
    async start(message) {
      const workerUrls = message.workerUrls as string[];
      const workerKey = String(message.workerKey);
      const agent = new Agent({ keepAliveTimeout: 10_000 });
      agents.push(agent);
      const server = http.createServer((incoming, outgoing) => {
        const slash = incoming.url?.indexOf('/', 1) ?? -1;
        const base = workerUrls[Number(incoming.url?.slice(1, slash))];
        if (slash < 0 || base === undefined) {
          outgoing.writeHead(404).end();
          return;
        }
        const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
        request(base + (incoming.url ?? '').slice(slash), {
          method: incoming.method as 'GET',
          headers: {
            authorization: `Bearer ${workerKey}`,
            ...(hasBody ? { 'content-type': 'application/json' } : {}),
          },
          ...(hasBody ? { body: incoming } : {}),
          dispatcher: agent,
        }).then(
          (response) => {
            outgoing.writeHead(response.statusCode, { 'content-type': 'application/json' });
            response.body.pipe(outgoing);
          },
          () => outgoing.writeHead(502).end(),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    },
    sample() {
      return processSample();
    },
  },
  async () => {
    for (const server of servers) server.closeAllConnections();
    await Promise.allSettled(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await Promise.allSettled(agents.map((agent) => agent.close()));
  },
);
