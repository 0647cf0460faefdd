import { createWorkerClient, type RawRequest, type WorkerClient } from '@llm-control-plane/core';
import autocannon, { type AutocannonResult } from 'autocannon';
import { CONTROL_PLANE_MASTER_KEY, registryEntries, startWorkerPool, WORKER_MASTER_KEY } from './fixtures.js';
import type { ProcessSample } from './hosts/serve.js';
import { startHost } from './processes.js';
import { profiledHost } from './profiler.js';
import { median, now, percentile, round } from './statistics.js';
import type { BenchmarkContext, BenchmarkResult, TargetCheck } from './types.js';

const SETTINGS = [
  { latencyMs: 20, iterations: 150 },
  { latencyMs: 0, iterations: 400 },
] as const;
const CONNECTIONS = 32;
const THROUGHPUT_SECONDS = 2;
const THROUGHPUT_ROUNDS = 2;
const WARM_UP = 50;

/** `worker` 0 only serves reads, worker 1 takes the writes: thousands of generated keys would slow key/list. */
type Route = {
  name: string;
  worker: 0 | 1;
  request: RawRequest;
  method: string;
  path: string;
  body?: string;
};

const ROUTES: Route[] = [
  {
    name: 'key/list',
    worker: 0,
    method: 'GET',
    path: '/key/list?return_full_object=true&page=1&size=10',
    request: {
      method: 'GET',
      path: '/key/list',
      query: { return_full_object: 'true', page: '1', size: '10' },
    },
  },
  {
    name: 'key/generate',
    worker: 1,
    method: 'POST',
    path: '/key/generate',
    body: '{}',
    request: { method: 'POST', path: '/key/generate', body: {}, retry: false },
  },
];

type Target = { name: 'direct' | 'relay'; client: WorkerClient; baseUrl: string; bearer: string };
type TargetPair = [direct: Target, relay: Target];

async function timedCall(target: Target, route: Route): Promise<number> {
  const started = now();
  const response = await target.client.raw({ ...route.request, retry: false });
  const elapsed = now() - started;
  if (response.status !== 200) {
    throw new Error(
      `${target.name} ${route.name} answered ${response.status}: ${response.bodyText.slice(0, 200)}`,
    );
  }
  return elapsed;
}

async function throughput(target: Target, route: Route): Promise<AutocannonResult> {
  const result = await autocannon({
    url: target.baseUrl + route.path,
    method: route.method,
    connections: CONNECTIONS,
    duration: THROUGHPUT_SECONDS,
    headers: {
      authorization: `Bearer ${target.bearer}`,
      ...(route.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(route.body ? { body: route.body } : {}),
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${target.name} ${route.name}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`,
    );
  }
  return result;
}

/**
 * The same WorkerClient.raw() call sent to the worker directly and through the control plane's relay
 * (`/api/v1/workers/:id/admin/*`), alternating A/B then B/A so neither side always runs on a warmer process.
 */
export async function run(context: BenchmarkContext): Promise<BenchmarkResult> {
  await using pool = await startWorkerPool(2, { latencyMs: SETTINGS[0].latencyMs, keys: 20 });
  const entries = registryEntries(pool.urls);
  const controlPlane = startHost('control-plane-host.ts');
  try {
    const { url: controlPlaneUrl } = await controlPlane.call<{ url: string }>('server', {
      config: { worker_registry: entries, general_settings: { master_key: CONTROL_PLANE_MASTER_KEY } },
    });
    context.log(
      `relay: control plane at ${controlPlaneUrl} (pid ${controlPlane.pid}), workers ${pool.urls.join(', ')}`,
    );
    const pairs: TargetPair[] = entries.map((entry) => {
      const relayBase = `${controlPlaneUrl}/api/v1/workers/${entry.worker_id}/admin`;
      return [
        {
          name: 'direct',
          baseUrl: entry.url,
          bearer: WORKER_MASTER_KEY,
          client: createWorkerClient({ baseUrl: entry.url, apiKey: WORKER_MASTER_KEY, maxRetries: 0 }),
        },
        {
          name: 'relay',
          baseUrl: relayBase,
          bearer: CONTROL_PLANE_MASTER_KEY,
          client: createWorkerClient({ baseUrl: relayBase, apiKey: CONTROL_PLANE_MASTER_KEY, maxRetries: 0 }),
        },
      ];
    });
    try {
      const rows: Record<string, string | number>[] = [];
      const targetChecks: TargetCheck[] = [];
      const data: Record<string, unknown> = {};
      for (const setting of SETTINGS) {
        await pool.setLatency(setting.latencyMs);
        for (const route of ROUTES) {
          const targets = pairs[route.worker]!;
          const samples: Record<Target['name'], number[]> = { direct: [], relay: [] };
          for (let index = 0; index < WARM_UP; index++) {
            for (const target of targets) await timedCall(target, route);
          }
          for (let index = 0; index < setting.iterations; index++) {
            const order = index % 2 === 0 ? targets : [...targets].reverse();
            for (const target of order) samples[target.name].push(await timedCall(target, route));
          }
          const rates: Record<Target['name'], number[]> = { direct: [], relay: [] };
          const controlPlaneCpuPerRequest: number[] = [];
          for (let throughputRound = 0; throughputRound < THROUGHPUT_ROUNDS; throughputRound++) {
            const order = throughputRound % 2 === 0 ? targets : [...targets].reverse();
            for (const target of order) {
              const before =
                target.name === 'relay' ? await controlPlane.call<ProcessSample>('sample') : undefined;
              // With BENCH_PROFILE_DIR the control plane is profiled while it relays under load.
              const result =
                target.name === 'relay' && throughputRound === 0
                  ? await profiledHost(
                      controlPlane,
                      `relay-${setting.latencyMs}ms-${route.name.replace('/', '-')}`,
                      () => throughput(target, route),
                    )
                  : await throughput(target, route);
              rates[target.name].push(result.requests.total / (result.duration || THROUGHPUT_SECONDS));
              if (before) {
                const after = await controlPlane.call<ProcessSample>('sample');
                const cpuMicros =
                  after.cpuUserMicros + after.cpuSystemMicros - before.cpuUserMicros - before.cpuSystemMicros;
                controlPlaneCpuPerRequest.push(cpuMicros / Math.max(1, result.requests.total));
              }
            }
          }
          const p50 = { direct: median(samples.direct), relay: median(samples.relay) };
          const p99 = { direct: percentile(samples.direct, 99), relay: percentile(samples.relay, 99) };
          const rate = { direct: median(rates.direct), relay: median(rates.relay) };
          const throughputRatio = rate.relay / rate.direct;
          rows.push({
            'worker latency (ms)': setting.latencyMs,
            route: route.name,
            'direct p50/p99 (ms)': `${round(p50.direct)}/${round(p99.direct)}`,
            'relay p50/p99 (ms)': `${round(p50.relay)}/${round(p99.relay)}`,
            'p50 ratio': round(p50.relay / p50.direct, 3),
            'p50 added (ms)': round(p50.relay - p50.direct, 2),
            'direct req/s': Math.round(rate.direct),
            'relay req/s': Math.round(rate.relay),
            'throughput ratio': round(throughputRatio, 2),
            'control plane CPU/request (µs)': Math.round(median(controlPlaneCpuPerRequest)),
          });
          if (setting.latencyMs > 0) {
            targetChecks.push({
              name: `${route.name} p50 ratio @ ${setting.latencyMs} ms`,
              target: '≤ 1.1',
              actual: String(round(p50.relay / p50.direct, 3)),
              met: p50.relay / p50.direct <= 1.1,
            });
          } else {
            targetChecks.push({
              name: `${route.name} p50 added @ 0 ms`,
              target: '≤ 1 ms',
              actual: `${round(p50.relay - p50.direct, 2)} ms`,
              met: p50.relay - p50.direct <= 1,
            });
          }
          targetChecks.push({
            name: `${route.name} throughput ratio @ ${setting.latencyMs} ms`,
            target: '≥ 0.7',
            actual: String(round(throughputRatio, 2)),
            met: throughputRatio >= 0.7,
          });
          data[`${setting.latencyMs}ms ${route.name}`] = { samples, rates };
          context.log(`relay: ${setting.latencyMs} ms ${route.name} done`);
        }
      }
      return {
        name: 'relay',
        title: 'Relay overhead: control plane relay vs direct worker call',
        rows,
        targets: targetChecks,
        notes: [
          'Both sides use the same @llm-control-plane/core WorkerClient.raw() call (keep-alive, no retries); the relay side has ' +
            'baseUrl `<control plane>/api/v1/workers/<id>/admin` and the control plane master key as Bearer token.',
          `Sequential: 20 ms setting ${SETTINGS[0].iterations}, 0 ms setting ${SETTINGS[1].iterations} iterations per side after ` +
            `${WARM_UP} warm-up calls, alternating direct/relay (A/B then B/A).`,
          `Throughput: autocannon, ${CONNECTIONS} connections, ${THROUGHPUT_SECONDS} s per run, ${THROUGHPUT_ROUNDS} interleaved runs per side, median req/s.`,
          'Processes: the fake worker, the control plane (startControlPlane, embedded store in a temp dir) and the load ' +
            'generator each run in their own process on the same machine, so the relay path also competes for the same cores.',
          'control plane CPU/request = CPU time (user + system) of the control plane process during a relay throughput run ' +
            'divided by the requests it relayed; 1,000,000 / this figure is the most one core can relay per second.',
          'key/generate through the relay is a write: the control plane appends an audit entry per call. It runs against a ' +
            'second worker so that the keys it creates do not slow key/list.',
        ],
        data,
      };
    } finally {
      await Promise.allSettled(pairs.flat().map((target) => target.client.close()));
    }
  } finally {
    await controlPlane.stop();
  }
}
