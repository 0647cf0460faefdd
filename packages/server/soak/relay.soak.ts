import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, startHarness } from '../test/hardening/support/harness.js';
import { collectGarbage, keepAliveClient, megabytes, percentile } from './support.js';

/** The relay sustains a steady management load with zero errors and flat memory. */

const RATE_PER_SECOND = Number(process.env.SOAK_RATE ?? 300);
const DURATION_MS = Number(process.env.SOAK_DURATION_MS ?? 60_000);
const WARM_UP_MS = 5_000;

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ workers: 3, keepLogLines: false, workerTimeoutMs: 5000 });
});

afterAll(async () => {
  await harness?.close();
});

it(`relays ${RATE_PER_SECOND} requests/s for ${DURATION_MS / 1000} s with zero errors and flat RSS`, async () => {
  const client = keepAliveClient(harness.url);
  const headers = { authorization: `Bearer ${harness.masterKey}`, host: `127.0.0.1:${harness.port}` };
  const paths = ['key/list?size=5', 'team/list', 'user/list?page_size=5', 'model/info', 'health/readiness'];
  const errors: string[] = [];
  const latencies: number[] = [];
  const rssSamples: { at: number; rss: number }[] = [];
  let sent = 0;
  let completed = 0;

  const fire = (index: number) => {
    const workerId = harness.workerIds[index % harness.workerIds.length];
    const path = `/api/v1/workers/${workerId}/admin/${paths[index % paths.length]}`;
    const started = performance.now();
    sent += 1;
    return client
      .send('GET', path, headers)
      .then((answer) => {
        if (answer.status !== 200) errors.push(`${path} → ${answer.status} ${answer.body.slice(0, 120)}`);
      })
      .catch((error: unknown) => {
        errors.push(`${path} → ${(error as Error).message}`);
      })
      .finally(() => {
        completed += 1;
        latencies.push(performance.now() - started);
      });
  };

  const run = async (durationMs: number, record: boolean) => {
    const start = performance.now();
    const inFlight = new Set<Promise<void>>();
    let issued = 0;
    let nextSample = 0;
    while (performance.now() - start < durationMs) {
      const elapsed = performance.now() - start;
      const due = Math.floor((elapsed / 1000) * RATE_PER_SECOND);
      while (issued < due) {
        const promise = fire(issued);
        inFlight.add(promise);
        void promise.finally(() => inFlight.delete(promise));
        issued += 1;
      }
      if (record && elapsed >= nextSample) {
        rssSamples.push({ at: elapsed, rss: process.memoryUsage().rss });
        nextSample += 5000;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(inFlight);
    return performance.now() - start;
  };

  await run(WARM_UP_MS, false);
  errors.length = 0;
  latencies.length = 0;
  sent = 0;
  completed = 0;
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const elapsed = await run(DURATION_MS, true);
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;
  client.close();

  const achieved = completed / (elapsed / 1000);
  const firstThird = rssSamples.filter((sample) => sample.at < DURATION_MS / 3).map((sample) => sample.rss);
  const lastThird = rssSamples
    .filter((sample) => sample.at >= (2 * DURATION_MS) / 3)
    .map((sample) => sample.rss);
  const average = (values: number[]) =>
    values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const rssGrowth = average(lastThird) - average(firstThird);
  console.info(
    [
      `[soak] relay: ${completed} of ${sent} requests in ${(elapsed / 1000).toFixed(1)} s = ${achieved.toFixed(0)} req/s (target ${RATE_PER_SECOND})`,
      `errors ${errors.length}`,
      `latency p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${percentile(latencies, 1).toFixed(1)} ms`,
      `RSS first third ${megabytes(average(firstThird))}, last third ${megabytes(average(lastThird))} (growth ${megabytes(rssGrowth)})`,
      `heap after gc: ${megabytes(heapBefore)} → ${megabytes(heapAfter)}`,
    ].join('\n'),
  );
  expect(errors.slice(0, 20)).toEqual([]);
  expect(achieved).toBeGreaterThan(RATE_PER_SECOND * 0.95);
  expect(rssGrowth).toBeLessThan(64 * 1024 * 1024);
  expect(heapAfter - heapBefore).toBeLessThan(32 * 1024 * 1024);
});
