import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  collectGarbage,
  type LoadFigures,
  megabytes,
  runRelayLoad,
  startSoakControlPlane,
  startWorkerProcess,
} from './support.js';

/**
 * The relay sustains a steady management load with zero errors and flat memory. Workers and the load
 * generator run in their own processes; this process is the control plane alone, so its RSS is its own.
 */

const RATE_PER_SECOND = Number(process.env.SOAK_RATE ?? 300);
const DURATION_MS = Number(process.env.SOAK_DURATION_MS ?? 60_000);
const WARM_UP_MS = 5_000;

let workerProcess: Awaited<ReturnType<typeof startWorkerProcess>>;
let harness: Awaited<ReturnType<typeof startSoakControlPlane>>;

beforeAll(async () => {
  workerProcess = await startWorkerProcess(3);
  harness = await startSoakControlPlane(workerProcess.workers);
});

afterAll(async () => {
  await harness?.close();
  workerProcess?.stop();
});

it(`relays ${RATE_PER_SECOND} requests/s for ${DURATION_MS / 1000} s with zero errors and flat RSS`, async () => {
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const rssSamples: { at: number; rss: number }[] = [];
  const sampler = setInterval(() => {
    const at = performance.now() - started - WARM_UP_MS;
    if (at >= 0) rssSamples.push({ at, rss: process.memoryUsage().rss });
  }, 2000);
  let figures: LoadFigures;
  try {
    figures = await runRelayLoad(harness, {
      rate: RATE_PER_SECOND,
      durationMs: DURATION_MS,
      warmUpMs: WARM_UP_MS,
    });
  } finally {
    clearInterval(sampler);
  }
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;

  const achieved = figures.completed / (figures.elapsedMs / 1000);
  const window = (from: number, to: number) =>
    rssSamples.filter((sample) => sample.at >= from && sample.at < to).map((sample) => sample.rss);
  const average = (values: number[]) =>
    values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const early = average(window(DURATION_MS / 6, DURATION_MS / 3));
  const late = average(window((2 * DURATION_MS) / 3, DURATION_MS));
  console.info(
    [
      `[soak] relay: ${figures.completed} of ${figures.sent} requests in ${(figures.elapsedMs / 1000).toFixed(1)} s = ${achieved.toFixed(0)} req/s (target ${RATE_PER_SECOND}; issuing took ${(figures.issuingMs / 1000).toFixed(1)} s)`,
      `errors ${figures.errors}${figures.errors > 0 ? `: ${figures.errorSamples.slice(0, 3).join(' | ')}` : ''}`,
      `latency p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, max ${figures.max.toFixed(1)} ms`,
      `control plane RSS ${megabytes(early)} (10–20 s) → ${megabytes(late)} (40–60 s); heap after gc ${megabytes(heapBefore)} → ${megabytes(heapAfter)}`,
    ].join('\n'),
  );
  expect(figures.errorSamples).toEqual([]);
  expect(figures.errors).toBe(0);
  expect(achieved).toBeGreaterThan(RATE_PER_SECOND * 0.95);
  expect(late - early).toBeLessThan(48 * 1024 * 1024);
  expect(heapAfter - heapBefore).toBeLessThan(32 * 1024 * 1024);
});
