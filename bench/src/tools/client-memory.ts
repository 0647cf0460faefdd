/**
 * JS heap per worker client, with an undici Agent per client (what a client makes when given no dispatcher)
 * against one Agent shared by every client (what a Fleet now does). Each client makes one call, so its
 * connection pool exists. Run: node --expose-gc --conditions=@llm-control-plane/source --import tsx src/tools/client-memory.ts [count]
 */
import { createRequire } from 'node:module';
import { createWorkerClient, type WorkerClient, type WorkerClientOptions } from '@llm-control-plane/core';
import { startWorkerPool, WORKER_MASTER_KEY } from '../fixtures.js';

// undici is the sdk's dependency, not the bench's: the same copy the Fleet uses.
const { Agent } = createRequire(import.meta.resolve('@llm-control-plane/sdk'))('undici') as {
  Agent: new (options: {
    keepAliveTimeout: number;
    connections?: number;
  }) => NonNullable<WorkerClientOptions['dispatcher']>;
};
const count = Number(process.argv[2] ?? 1_000);
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with --expose-gc');

function heapUsed(): number {
  collect!();
  collect!();
  return process.memoryUsage().heapUsed;
}

await using pool = await startWorkerPool(count);
for (const variant of ['agent per client', 'one shared agent', 'one shared agent, connections: 1'] as const) {
  const before = heapUsed();
  const shared =
    variant === 'agent per client'
      ? undefined
      : // With one connection per origin the Agent makes a Client instead of a Pool (a 2,048-slot queue each).
        new Agent({ keepAliveTimeout: 4_000, ...(variant.endsWith('1') ? { connections: 1 } : {}) });
  const clients: WorkerClient[] = pool.urls.map((url, index) =>
    createWorkerClient({
      baseUrl: url,
      apiKey: WORKER_MASTER_KEY,
      workerId: `w${index}`,
      ...(shared ? { dispatcher: shared } : {}),
    }),
  );
  await Promise.all(clients.map((client) => client.health.liveliness()));
  const after = heapUsed();
  console.log(
    `${variant}: ${((after - before) / count / 1024).toFixed(1)} KB of JS heap per worker (${count} workers)`,
  );
  await Promise.all(clients.map((client) => client.close()));
  await shared?.close();
}
