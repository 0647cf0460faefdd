import { createWorkerClient, type RawRequest, type WorkerClient } from '@llm-control-plane/core';
import autocannon, { type AutocannonResult } from 'autocannon';
import { startControlPlaneHost } from './control-plane-process.js';
import { CONTROL_PLANE_MASTER_KEY, registryEntries, startWorkerPool, WORKER_MASTER_KEY } from './fixtures.js';
import type { ProcessSample } from './hosts/serve.js';
import { type Host, startHost } from './processes.js';
import { profiledHost } from './profiler.js';
import { median, now, percentile, round } from './statistics.js';
import type { BenchmarkContext, BenchmarkResult, TargetCheck } from './types.js';

const SETTINGS = [
  { latencyMs: 20, iterations: 150 },
  { latencyMs: 0, iterations: 400 },
] as const;
const CONNECTIONS = 32;
const THROUGHPUT_SECONDS = 2;
/**
 * Seven rotated rounds, each side's ratio taken against direct in the same round and the median of those
 * reported: on a shared virtual machine whose CPU speed drifts (a fixed CPU loop took 590–1,135 ms from one
 * run to the next on the 2-core AMD machine), three rounds let one slow stretch decide the ratio.
 */
const THROUGHPUT_ROUNDS = 7;
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

type TargetName = 'direct' | 'minimal' | 'relay';
type Target = { name: TargetName; client: WorkerClient; baseUrl: string; bearer: string };
type TargetSet = Target[];
const TARGET_NAMES: TargetName[] = ['direct', 'minimal', 'relay'];

/** Creates an operator through the API with the master key and signs it in, as the UI does. */
async function sessionToken(controlPlaneUrl: string): Promise<string> {
  const password = 'bench-operator-password';
  const created = await fetch(`${controlPlaneUrl}/api/v1/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CONTROL_PLANE_MASTER_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-operator', password, role: 'operator' }),
  });
  if (created.status !== 201) throw new Error(`creating the bench user answered ${created.status}`);
  const login = await fetch(`${controlPlaneUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-operator', password }),
  });
  const body = (await login.json()) as { access_token?: string };
  if (login.status !== 200 || body.access_token === undefined) {
    throw new Error(`signing in the bench user answered ${login.status}`);
  }
  return body.access_token;
}

function target(name: TargetName, baseUrl: string, bearer: string): Target {
  return {
    name,
    baseUrl,
    bearer,
    client: createWorkerClient({ baseUrl, apiKey: bearer, maxRetries: 0 }),
  };
}

/** Each round visits the targets in a rotated order, so none always runs on a warmer process. */
function rotated<T>(items: T[], round: number): T[] {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

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

type Measured = {
  p50: Record<TargetName, number>;
  p99: Record<TargetName, number>;
  rate: Record<TargetName, number>;
  /** Median over the rounds of each side's req/s divided by direct's in the same round. */
  rateRatio: Record<TargetName, number>;
  controlPlaneCpuPerRequest: number;
  samples: Record<TargetName, number[]>;
  rates: Record<TargetName, number[]>;
};

/** Sequential timed calls, then throughput, for one route and worker latency on every target. */
async function measureRoute(
  targets: TargetSet,
  route: Route,
  iterations: number,
  profileName: string,
  controlPlane: Host,
): Promise<Measured> {
  const samples = { direct: [], minimal: [], relay: [] } as Record<TargetName, number[]>;
  for (let index = 0; index < WARM_UP; index++) {
    for (const entry of targets) await timedCall(entry, route);
  }
  for (let index = 0; index < iterations; index++) {
    for (const entry of rotated(targets, index)) samples[entry.name].push(await timedCall(entry, route));
  }
  const rates = { direct: [], minimal: [], relay: [] } as Record<TargetName, number[]>;
  const cpuPerRequest: number[] = [];
  for (let throughputRound = 0; throughputRound < THROUGHPUT_ROUNDS; throughputRound++) {
    for (const entry of rotated(targets, throughputRound)) {
      const before = entry.name === 'relay' ? await controlPlane.call<ProcessSample>('sample') : undefined;
      // With BENCH_PROFILE_DIR the control plane is profiled while it relays under load.
      const result =
        entry.name === 'relay' && throughputRound === 0
          ? await profiledHost(controlPlane, profileName, () => throughput(entry, route))
          : await throughput(entry, route);
      rates[entry.name].push(result.requests.total / (result.duration || THROUGHPUT_SECONDS));
      if (before) {
        const after = await controlPlane.call<ProcessSample>('sample');
        const cpuMicros =
          after.cpuUserMicros + after.cpuSystemMicros - before.cpuUserMicros - before.cpuSystemMicros;
        cpuPerRequest.push(cpuMicros / Math.max(1, result.requests.total));
      }
    }
  }
  const per = (fn: (name: TargetName) => number) =>
    Object.fromEntries(TARGET_NAMES.map((name) => [name, fn(name)])) as Record<TargetName, number>;
  return {
    p50: per((name) => median(samples[name])),
    p99: per((name) => percentile(samples[name], 99)),
    rate: per((name) => median(rates[name])),
    rateRatio: per((name) =>
      median(rates[name].map((rate, round) => rate / (rates.direct[round] as number))),
    ),
    controlPlaneCpuPerRequest: median(cpuPerRequest),
    samples,
    rates,
  };
}

/** The issue's targets for one measured route and latency; rows without a target get none. */
function targetsFor(route: Route, latencyMs: number, measured: Measured): TargetCheck[] {
  const added = measured.p50.relay - measured.p50.direct;
  const minimalAdded = measured.p50.minimal - measured.p50.direct;
  const ratio = measured.p50.relay / measured.p50.direct;
  const throughputRatio = measured.rateRatio.relay;
  const checks: TargetCheck[] = [];
  if (route.name === 'key/list' && latencyMs === 0) {
    checks.push({
      name: 'key/list relay added p50 @ 0 ms (minimal Node relay beside it)',
      target: '≤ +1.5 ms',
      actual: `+${round(added, 2)} ms (minimal relay +${round(minimalAdded, 2)} ms)`,
      met: added <= 1.5,
    });
  }
  if (route.name === 'key/list' && latencyMs > 0) {
    checks.push({
      name: `key/list relay p50 ratio to direct @ ${latencyMs} ms`,
      target: '≤ 1.1',
      actual: String(round(ratio, 3)),
      met: ratio <= 1.1,
    });
  }
  if (route.name === 'key/list') {
    const floor = latencyMs === 0 ? 0.5 : 0.9;
    checks.push({
      name: `key/list relay/direct throughput, ${CONNECTIONS} concurrent @ ${latencyMs} ms`,
      target: `≥ ${floor}`,
      actual: String(round(throughputRatio, 2)),
      met: throughputRatio >= floor,
    });
  }
  if (route.name === 'key/generate' && latencyMs === 0) {
    checks.push({
      name: 'audited write (key/generate) added p50 @ 0 ms',
      target: '≤ +2 ms',
      actual: `+${round(added, 2)} ms (minimal relay +${round(minimalAdded, 2)} ms)`,
      met: added <= 2,
    });
  }
  return checks;
}

/**
 * The same WorkerClient.raw() call sent to the worker directly, through a minimal Node relay (the floor)
 * and through the control plane's relay (`/api/v1/workers/:id/admin/*`) with a signed-in user's session
 * token, rotating the order every round so that no side always runs on a warmer process.
 */
export async function run(context: BenchmarkContext): Promise<BenchmarkResult> {
  await using pool = await startWorkerPool(2, { latencyMs: SETTINGS[0].latencyMs, keys: 20 });
  const entries = registryEntries(pool.urls);
  const controlPlane = startControlPlaneHost();
  const minimalRelay = startHost('minimal-relay-host.ts');
  try {
    const { url: controlPlaneUrl } = await controlPlane.call<{ url: string }>('server', {
      config: { worker_registry: entries, general_settings: { master_key: CONTROL_PLANE_MASTER_KEY } },
    });
    const { url: minimalUrl } = await minimalRelay.call<{ url: string }>('start', {
      workerUrls: pool.urls,
      workerKey: WORKER_MASTER_KEY,
    });
    const token = await sessionToken(controlPlaneUrl);
    context.log(
      `relay: control plane at ${controlPlaneUrl} (pid ${controlPlane.pid}), minimal relay at ${minimalUrl}, ` +
        `workers ${pool.urls.join(', ')}`,
    );
    const sets: TargetSet[] = entries.map((entry, index) => [
      target('direct', entry.url, WORKER_MASTER_KEY),
      target('minimal', `${minimalUrl}/${index}`, 'unused'),
      target('relay', `${controlPlaneUrl}/api/v1/workers/${entry.worker_id}/admin`, token),
    ]);
    try {
      const rows: Record<string, string | number>[] = [];
      const targetChecks: TargetCheck[] = [];
      const data: Record<string, unknown> = {};
      for (const setting of SETTINGS) {
        await pool.setLatency(setting.latencyMs);
        for (const route of ROUTES) {
          const measured = await measureRoute(
            sets[route.worker] as TargetSet,
            route,
            setting.iterations,
            `relay-${setting.latencyMs}ms-${route.name.replace('/', '-')}`,
            controlPlane,
          );
          const { p50, p99, rate } = measured;
          rows.push({
            'worker latency (ms)': setting.latencyMs,
            route: route.name,
            'direct p50/p99 (ms)': `${round(p50.direct)}/${round(p99.direct)}`,
            'minimal relay p50/p99 (ms)': `${round(p50.minimal)}/${round(p99.minimal)}`,
            'relay p50/p99 (ms)': `${round(p50.relay)}/${round(p99.relay)}`,
            'relay p50 added (ms)': round(p50.relay - p50.direct, 2),
            'minimal p50 added (ms)': round(p50.minimal - p50.direct, 2),
            'relay p50 ratio': round(p50.relay / p50.direct, 3),
            'direct / minimal / relay req/s': `${Math.round(rate.direct)} / ${Math.round(rate.minimal)} / ${Math.round(rate.relay)}`,
            'relay throughput ratio': round(measured.rateRatio.relay, 2),
            'minimal throughput ratio': round(measured.rateRatio.minimal, 2),
            'control plane CPU/request (µs)': Math.round(measured.controlPlaneCpuPerRequest),
          });
          targetChecks.push(...targetsFor(route, setting.latencyMs, measured));
          data[`${setting.latencyMs}ms ${route.name}`] = { samples: measured.samples, rates: measured.rates };
          context.log(`relay: ${setting.latencyMs} ms ${route.name} done`);
        }
      }
      return {
        name: 'relay',
        title: 'Relay overhead: control plane relay vs a minimal Node relay vs direct worker call',
        rows,
        targets: targetChecks,
        notes: [
          'All three sides use the same @llm-control-plane/core WorkerClient.raw() call (keep-alive, no retries). Direct: the ' +
            'worker itself. Minimal relay: a Node http server plus one undici Agent that forwards the path and streams both ' +
            'bodies with the worker key, and nothing else (bench/src/hosts/minimal-relay-host.ts). Relay: ' +
            '`<control plane>/api/v1/workers/<id>/admin` with the session token of a signed-in operator, as the UI calls it.',
          `Sequential: 20 ms setting ${SETTINGS[0].iterations}, 0 ms setting ${SETTINGS[1].iterations} iterations per side after ` +
            `${WARM_UP} warm-up calls, the order of the three sides rotated every iteration. Medians of those calls; ratios ` +
            'are from the same run.',
          `Throughput: autocannon, ${CONNECTIONS} connections, ${THROUGHPUT_SECONDS} s per run, ${THROUGHPUT_ROUNDS} interleaved rounds (the order of the sides rotated each round), median req/s; a throughput ratio is the median over the rounds of that side's req/s divided by direct's in the same round.`,
          'Processes: the fake workers, the minimal relay, the control plane (startControlPlane, embedded store in a temp dir) ' +
            'and the measuring client each run in their own process on the same machine, so they compete for the same cores.',
          'control plane CPU/request = CPU time (user + system) of the control plane process during a relay throughput run ' +
            'divided by the requests it relayed; 1,000,000 / this figure is the most one core can relay per second.',
          'key/generate through the relay is a write: the control plane appends an audit entry per call (durable before the ' +
            'answer). It runs against a second worker so that the keys it creates do not slow key/list.',
        ],
        data,
      };
    } finally {
      await Promise.allSettled(sets.flat().map((entry) => entry.client.close()));
    }
  } finally {
    await Promise.allSettled([controlPlane.stop(), minimalRelay.stop()]);
  }
}
