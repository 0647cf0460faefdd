import type { WorkerRegistryEntry } from '@llm-control-plane/core';
import { type FakeWorker, startFakeWorkers } from '@llm-control-plane/testkit';

export type TestWorkers = FakeWorker[] & AsyncDisposable;

export async function startWorkers(
  count: number,
  seed?: number | { keys?: number; teams?: number; users?: number; spendLogs?: number; seed?: number },
): Promise<TestWorkers> {
  return startFakeWorkers(count, (index) => ({
    host: '127.0.0.1',
    port: 0,
    masterKey: `sk-master-${index}-secret`,
    name: `worker ${index}`,
    ...(seed === undefined ? {} : { seed }),
  }));
}

export function entriesFor(
  workers: FakeWorker[],
  extra: (index: number) => Partial<WorkerRegistryEntry> = () => ({}),
): WorkerRegistryEntry[] {
  return workers.map((worker, index) => ({
    worker_id: `w${index}`,
    name: `worker ${index}`,
    url: worker.url,
    api_key: worker.masterKey,
    ...extra(index),
  }));
}

export async function closeAll(workers: FakeWorker[] | undefined): Promise<void> {
  if (!workers) return;
  await Promise.allSettled(workers.map((worker) => worker.close()));
}

/** Resolves when `predicate` holds, polling every 10 ms; rejects after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean,
  timeoutMs = 5_000,
  what = 'condition',
): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
