import { Agent, request } from 'node:http';

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

export type Answer = { status: number; body: string; setCookies: string[] };

/** A keep-alive HTTP client, so the load generator does not measure connection setup. */
export function keepAliveClient(origin: string, maxSockets = 256, timeoutMs = 30_000) {
  // lifo reuses warm sockets first, so idle ones age out on the server side instead of racing a reuse.
  const agent = new Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' });
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
        outgoing.on('error', reject);
        if (body !== undefined) outgoing.write(body);
        outgoing.end();
      });
    },
    close(): void {
      agent.destroy();
    },
  };
}
