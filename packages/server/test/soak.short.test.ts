import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSoakUsers,
  keepAliveClient,
  runRelayLoad,
  type SoakHarness,
  signInConcurrently,
  startSoakControlPlane,
  startWorkerProcess,
} from '../soak/support.js';

/**
 * The soak scenarios in a form short enough for every run: a burst of sign-ins from one address, and a
 * steady relay load, each with zero errors. The long forms (with memory checks) are `pnpm test:soak`.
 */

const SIGN_INS = 100;
const RELAY_RATE = 300;
const RELAY_DURATION_MS = Number(process.env.SHORT_SOAK_DURATION_MS ?? 30_000);

let workerProcess: Awaited<ReturnType<typeof startWorkerProcess>>;
let harness: SoakHarness;

beforeAll(async () => {
  workerProcess = await startWorkerProcess(3);
  harness = await startSoakControlPlane(workerProcess.workers);
  await createSoakUsers(harness);
}, 120_000);

afterAll(async () => {
  await harness?.close();
  workerProcess?.stop();
});

describe('short soak', () => {
  it(`${SIGN_INS} concurrent sign-ins with the right password all succeed and can use their session`, {
    timeout: 240_000,
  }, async () => {
    const client = keepAliveClient(harness.controlPlane.url, SIGN_INS * 2, 180_000);
    try {
      const { cookies, errors } = await signInConcurrently(harness, client, SIGN_INS);
      expect(errors.slice(0, 10)).toEqual([]);
      const host = `127.0.0.1:${harness.controlPlane.port}`;
      const answers = await Promise.all(
        cookies.map((cookie) =>
          client.send('GET', '/api/v1/auth/me', { host, cookie: `cp_session=${cookie}` }),
        ),
      );
      expect(answers.filter((answer) => answer.status !== 200).map((answer) => answer.status)).toEqual([]);
    } finally {
      client.close();
    }
  });

  it(`relays ${RELAY_RATE} requests/s for ${RELAY_DURATION_MS / 1000} s with zero errors`, {
    timeout: RELAY_DURATION_MS + 120_000,
  }, async () => {
    const figures = await runRelayLoad(harness, {
      rate: RELAY_RATE,
      durationMs: RELAY_DURATION_MS,
      warmUpMs: 2_000,
    });
    console.info(
      `[short soak] relay: ${figures.completed} of ${figures.sent} in ${(figures.elapsedMs / 1000).toFixed(1)} s, ` +
        `errors ${figures.errors}, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms`,
    );
    expect(figures.errorSamples).toEqual([]);
    expect(figures.errors).toBe(0);
    expect(figures.completed).toBe(figures.sent);
    // The rate itself is the benchmark's business; here it only has to be roughly what was asked for.
    expect(figures.sent).toBeGreaterThanOrEqual(RELAY_RATE * (RELAY_DURATION_MS / 1000) * 0.9);
  });
});
