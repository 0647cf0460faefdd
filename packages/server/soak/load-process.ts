import { keepAliveClient, percentile } from './http-client.js';

// Generates the relay load from its own process, so that the control plane under test has its event loop
// to itself. Input: one JSON argument; output: one JSON line with the figures of the measured run.
type LoadPlan = {
  url: string;
  masterKey: string;
  workerIds: string[];
  rate: number;
  durationMs: number;
  warmUpMs: number;
};

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;
const target = new URL(plan.url);
const client = keepAliveClient(plan.url, 512);
const headers = { authorization: `Bearer ${plan.masterKey}`, host: target.host };
const paths = ['key/list?size=5', 'team/list', 'user/list?page_size=5', 'model/info', 'health/readiness'];

async function run(durationMs: number) {
  const errors: string[] = [];
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  let issued = 0;
  while (performance.now() - start < durationMs) {
    const due = Math.floor(((performance.now() - start) / 1000) * plan.rate);
    while (issued < due) {
      const index = issued;
      const path = `/api/v1/workers/${plan.workerIds[index % plan.workerIds.length]}/admin/${paths[index % paths.length]}`;
      const started = performance.now();
      const promise = client
        .send('GET', path, headers)
        .then((answer) => {
          if (answer.status !== 200) errors.push(`${path} → ${answer.status} ${answer.body.slice(0, 120)}`);
        })
        .catch((error: unknown) => {
          errors.push(`${path} → ${(error as Error).message}`);
        })
        .finally(() => {
          latencies.push(performance.now() - started);
          inFlight.delete(promise);
        });
      inFlight.add(promise);
      issued += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const issuing = performance.now() - start;
  await Promise.all(inFlight);
  const elapsed = performance.now() - start;
  return {
    sent: issued,
    completed: latencies.length,
    errors: errors.length,
    errorSamples: errors.slice(0, 20),
    issuingMs: issuing,
    elapsedMs: elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: percentile(latencies, 1),
  };
}

await run(plan.warmUpMs);
const figures = await run(plan.durationMs);
client.close();
process.stdout.write(`${JSON.stringify(figures)}\n`);
