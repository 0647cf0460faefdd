import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  collectGarbage,
  createSoakUsers,
  keepAliveClient,
  megabytes,
  percentile,
  signInConcurrently,
  startSoakControlPlane,
  startWorkerProcess,
} from './support.js';

/** 100 UI sessions at once: each logs in, then polls the overview, its identity and the worker list. */

const SESSIONS = Number(process.env.SOAK_SESSIONS ?? 100);
const DURATION_MS = Number(process.env.SOAK_SESSION_DURATION_MS ?? 60_000);
const POLL_INTERVAL_MS = 5_000;

let workerProcess: Awaited<ReturnType<typeof startWorkerProcess>>;
let harness: Awaited<ReturnType<typeof startSoakControlPlane>>;

beforeAll(async () => {
  workerProcess = await startWorkerProcess(3);
  harness = await startSoakControlPlane(workerProcess.workers);
  await createSoakUsers(harness);
});

afterAll(async () => {
  await harness?.close();
  workerProcess?.stop();
});

it(`${SESSIONS} concurrent UI sessions log in and poll the overview without an error`, async () => {
  // scrypt makes a login cost real CPU on purpose: a burst of 100 takes a while on two cores.
  const client = keepAliveClient(harness.controlPlane.url, SESSIONS * 2, 180_000);
  const base = { host: `127.0.0.1:${harness.controlPlane.port}`, 'sec-fetch-site': 'same-origin' };
  const pollLatencies: number[] = [];
  let polls = 0;

  const loginStarted = performance.now();
  const signedIn = await signInConcurrently(harness, client, SESSIONS);
  const { cookies, latencies: loginLatencies } = signedIn;
  const errors = [...signedIn.errors];
  const loginElapsed = performance.now() - loginStarted;
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;

  const deadline = performance.now() + DURATION_MS;
  await Promise.all(
    cookies.map(async (cookie, index) => {
      // Sessions start spread over one interval, as browsers would.
      await new Promise((resolve) => setTimeout(resolve, (index / SESSIONS) * POLL_INTERVAL_MS));
      while (performance.now() < deadline) {
        const started = performance.now();
        const answers = await Promise.all(
          ['/api/v1/fleet/overview', '/api/v1/auth/me', '/api/v1/workers'].map((path) =>
            client
              .send('GET', path, { ...base, cookie: `cp_session=${cookie}` })
              .then((answer) => ({ path, answer }))
              .catch((error: unknown) => ({
                path,
                answer: { status: 0, body: (error as Error).message, setCookies: [] },
              })),
          ),
        );
        pollLatencies.push(performance.now() - started);
        polls += 1;
        for (const { path, answer } of answers) {
          if (answer.status !== 200)
            errors.push(`session ${index} ${path} → ${answer.status} ${answer.body.slice(0, 120)}`);
        }
        const wait = POLL_INTERVAL_MS - (performance.now() - started);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }),
  );
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;
  client.close();

  console.info(
    [
      `[soak] sessions: ${SESSIONS} logins in ${(loginElapsed / 1000).toFixed(1)} s (p50 ${percentile(loginLatencies, 0.5).toFixed(0)} ms, max ${percentile(loginLatencies, 1).toFixed(0)} ms)`,
      `${polls} polls (overview + me + workers), p50 ${percentile(pollLatencies, 0.5).toFixed(0)} ms, p95 ${percentile(pollLatencies, 0.95).toFixed(0)} ms, max ${percentile(pollLatencies, 1).toFixed(0)} ms`,
      `errors ${errors.length}; heap after gc ${megabytes(heapBefore)} → ${megabytes(heapAfter)}`,
    ].join('\n'),
  );
  expect(errors.slice(0, 20)).toEqual([]);
  expect(polls).toBeGreaterThanOrEqual(SESSIONS * Math.floor(DURATION_MS / POLL_INTERVAL_MS) * 0.8);
  expect(heapAfter - heapBefore).toBeLessThan(48 * 1024 * 1024);
});
