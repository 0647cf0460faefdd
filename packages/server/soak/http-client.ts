import { Agent, request } from 'node:http';

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

export type Answer = { status: number; body: string; setCookies: string[] };

/**
 * How long the client keeps an idle socket: below the server's keep-alive timeout (Node's default, 5 s).
 * Node's agent otherwise keeps a free socket until the server closes it, and a request written on it just as
 * the server does fails with 'socket hang up' (seen under load, when a burst picks sockets idle for 5 s).
 */
const IDLE_SOCKET_MS = 4_000;

/** A keep-alive HTTP client, so the load generator does not measure connection setup. */
export function keepAliveClient(origin: string, maxSockets = 256, timeoutMs = 30_000) {
  // lifo reuses warm sockets first, so the others go idle and are dropped (IDLE_SOCKET_MS).
  const agent = new Agent({ keepAlive: true, maxSockets, scheduling: 'lifo', timeout: IDLE_SOCKET_MS });
  const target = new URL(origin);
  return {
    send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
      return new Promise((resolve, reject) => {
        const outgoing = request(
          { agent, host: target.hostname, port: target.port, method, path, headers, timeout: timeoutMs },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const cookies = response.headers['set-cookie'] ?? [];
              resolve({
                status: response.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
                setCookies: cookies,
              });
            });
            response.on('error', reject);
          },
        );
        outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${path} timed out`)));
        outgoing.on('error', (error) => {
          // Whether the socket was a reused one tells a keep-alive race from a connection the server refused.
          reject(outgoing.reusedSocket ? new Error(`${error.message} (reused socket)`) : error);
        });
        if (body !== undefined) outgoing.write(body);
        outgoing.end();
      });
    },
    close(): void {
      agent.destroy();
    },
  };
}
