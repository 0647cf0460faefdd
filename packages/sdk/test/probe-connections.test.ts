import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Fleet } from '../src/index.js';
import { waitFor } from './helpers.js';

type Target = {
  url: string;
  open: Set<Socket>;
  maxOpen: number;
  readiness: number;
  details: number;
  server: Server;
};

/** A worker that answers readiness (trimmed, as newer LiteLLM does, when `trimmed`) and tracks its sockets. */
async function startTarget(trimmed: boolean): Promise<Target> {
  const target = { open: new Set<Socket>(), maxOpen: 0, readiness: 0, details: 0 } as Target;
  target.server = createServer((request, response) => {
    const details = request.url === '/health/readiness/details';
    if (details) target.details += 1;
    else target.readiness += 1;
    response.setHeader('content-type', 'application/json');
    const version = trimmed && !details ? {} : { litellm_version: '1.80.0' };
    // A short pause keeps concurrent probes overlapping.
    setTimeout(() => response.end(JSON.stringify({ status: 'healthy', ...version })), 20);
  });
  target.server.on('connection', (socket) => {
    target.open.add(socket);
    target.maxOpen = Math.max(target.maxOpen, target.open.size);
    socket.on('close', () => target.open.delete(socket));
  });
  await new Promise<void>((resolve) => target.server.listen(0, '127.0.0.1', resolve));
  target.url = `http://127.0.0.1:${(target.server.address() as AddressInfo).port}`;
  return target;
}

describe('health probe connections', () => {
  const targets: Target[] = [];
  afterEach(async () => {
    await Promise.all(
      targets.splice(0).map(
        (target) =>
          new Promise<void>((resolve) => {
            target.server.closeAllConnections();
            target.server.close(() => resolve());
          }),
      ),
    );
  });

  it('uses one connection per worker at a time and leaves none open after the answer', async () => {
    const target = await startTarget(false);
    targets.push(target);
    await using fleet = new Fleet([{ worker_id: 'w1', name: 'W1', url: target.url, api_key: 'sk-w1' }]);
    const rounds = await Promise.all([fleet.health(), fleet.health(), fleet.health()]);
    expect(rounds.map((rows) => rows[0]?.status)).toEqual(['healthy', 'healthy', 'healthy']);
    expect(target.readiness).toBe(3);
    expect(target.maxOpen).toBe(1);
    await waitFor(() => target.open.size === 0, 5_000, 'the probe connection to close');
  });

  it('asks for the credential only when the public answer lacks the version', async () => {
    const full = await startTarget(false);
    const trimmed = await startTarget(true);
    targets.push(full, trimmed);
    const lookups: string[] = [];
    await using fleet = new Fleet(
      [
        { worker_id: 'full', name: 'Full', url: full.url },
        { worker_id: 'trimmed', name: 'Trimmed', url: trimmed.url },
      ],
      {
        credentials: (entry) => {
          lookups.push(entry.worker_id);
          return 'sk-from-vault';
        },
      },
    );
    const rows = await fleet.health();
    expect(rows.map((row) => [row.workerId, row.status, row.version])).toEqual([
      ['full', 'healthy', '1.80.0'],
      ['trimmed', 'healthy', '1.80.0'],
    ]);
    expect(lookups).toEqual(['trimmed']);
    expect([full.details, trimmed.details]).toEqual([0, 1]);
  });
});
