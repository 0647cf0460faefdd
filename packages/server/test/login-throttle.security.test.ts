import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlPlane } from '../src/control-plane.js';
import { openStore } from '../src/storage/index.js';
import type { ControlPlaneStore } from '../src/storage/types.js';
import { hashPassword } from '../src/users/passwords.js';
import { jsonBody, MASTER_KEY, startHarness } from './support/fixtures.js';
import { createMemoryStore } from './support/memory-store.js';
import { postgresBackend } from './support/postgres.js';

type Envelope = { error: { code: string; message: string } };
type Request = (path: string, init?: RequestInit & { auth?: string | null }) => Promise<Response>;

const PASSWORD = 'the right password';
// A cheap scrypt cost keeps a hundred real password checks quick on a busy machine.
const CHEAP = { N: 1024, r: 8, p: 1 };

async function storeWithUsers(usernames: string[]): Promise<ControlPlaneStore> {
  const store = createMemoryStore();
  const hash = await hashPassword(PASSWORD, CHEAP);
  for (const username of usernames)
    await store.users.insert({ username, password_hash: hash, role: 'viewer' });
  return store;
}

const signIn = (request: Request, username: string, password: string) =>
  request('/api/v1/auth/login', { ...jsonBody({ username, password }), auth: null });

const codeOf = async (response: Response) => ((await response.json()) as Envelope).error.code;

describe('sign-in throttling', () => {
  it('delays a failing username and address progressively, then locks only that username', async () => {
    let now = Date.parse('2026-03-02T09:00:00Z');
    await using harness = await startHarness({
      workers: 1,
      controlPlane: {
        store: await storeWithUsers(['alice', 'bob']),
        now: () => now,
        loginThrottle: { delayMs: 1000, maxDelayMs: 4000 },
      },
    });
    const waits: number[] = [];
    for (let failure = 1; failure <= 10; failure += 1) {
      let response = await signIn(harness.request, 'alice', `guess-${failure}`);
      if (response.status === 429) {
        expect(await codeOf(response)).toBe('rate_limited');
        const wait = Number(response.headers.get('retry-after'));
        waits.push(wait);
        now += wait * 1000;
        response = await signIn(harness.request, 'alice', `guess-${failure}`);
      }
      expect(response.status, `failure ${failure}`).toBe(401);
    }
    // Two typos are free, then the wait doubles up to its ceiling.
    expect(waits).toEqual([1, 2, 4, 4, 4, 4, 4]);

    const locked = await signIn(harness.request, 'alice', PASSWORD);
    expect(locked.status).toBe(429);
    expect(await codeOf(locked)).toBe('login_locked');
    expect(Number(locked.headers.get('retry-after'))).toBe(900);
    // Another username from the same address is untouched, and so is the built-in admin.
    expect((await signIn(harness.request, 'bob', PASSWORD)).status).toBe(200);
    expect((await signIn(harness.request, 'admin', MASTER_KEY)).status).toBe(200);

    now += 900_000;
    expect((await signIn(harness.request, 'alice', PASSWORD)).status).toBe(200);
  });

  it('never counts successes: a typo then the right password leaves no trace', async () => {
    await using harness = await startHarness({
      workers: 1,
      controlPlane: { store: await storeWithUsers(['carol']), loginThrottle: { maxFailures: 3, delayMs: 0 } },
    });
    for (let round = 0; round < 5; round += 1) {
      expect((await signIn(harness.request, 'carol', 'typo')).status).toBe(401);
      expect((await signIn(harness.request, 'carol', 'typo')).status).toBe(401);
      expect((await signIn(harness.request, 'carol', PASSWORD)).status).toBe(200);
    }
    const lockouts = await harness.request('/api/v1/auth/lockouts');
    expect(await lockouts.json()).toEqual({ lockouts: [] });
  });

  it('lets 100 concurrent right-password sign-ins through while 10 wrong ones lock only their username', async () => {
    const usernames = Array.from({ length: 10 }, (_unused, index) => `crowd-${index}`);
    await using harness = await startHarness({
      workers: 1,
      controlPlane: { store: await storeWithUsers([...usernames, 'target']), loginThrottle: { delayMs: 0 } },
    });
    const [crowd, attack] = await Promise.all([
      Promise.all(
        Array.from({ length: 100 }, (_unused, index) =>
          signIn(harness.request, usernames[index % usernames.length] ?? '', PASSWORD),
        ),
      ),
      Promise.all(
        Array.from({ length: 25 }, (_unused, index) => signIn(harness.request, 'target', `wrong-${index}`)),
      ),
    ]);
    expect(crowd.map((response) => response.status)).toEqual(Array.from({ length: 100 }, () => 200));
    const attackStatuses = attack.map((response) => response.status);
    // Attempts of one username and address take turns: exactly the limit of passwords is checked.
    expect(attackStatuses.filter((status) => status === 401)).toHaveLength(10);
    expect(attackStatuses.filter((status) => status === 429)).toHaveLength(15);
    expect((await signIn(harness.request, 'target', PASSWORD)).status).toBe(429);
    expect((await signIn(harness.request, 'crowd-0', PASSWORD)).status).toBe(200);
  });

  it('lets an admin list and lift a lock-out, audited, and nobody else', async () => {
    await using harness = await startHarness({
      workers: 1,
      controlPlane: {
        store: await storeWithUsers(['dave', 'viewer']),
        loginThrottle: { maxFailures: 2, delayMs: 0 },
      },
    });
    for (let failure = 0; failure < 2; failure += 1) await signIn(harness.request, 'dave', 'wrong');
    expect((await signIn(harness.request, 'dave', PASSWORD)).status).toBe(429);

    const listed = (await (await harness.request('/api/v1/auth/lockouts')).json()) as {
      lockouts: { username: string; failures: number; locked_until: string }[];
    };
    expect(listed.lockouts).toHaveLength(1);
    expect(listed.lockouts[0]).toMatchObject({ username: 'dave', failures: 2 });

    const viewerToken = (
      (await (await signIn(harness.request, 'viewer', PASSWORD)).json()) as { access_token: string }
    ).access_token;
    expect((await harness.request('/api/v1/auth/lockouts', { auth: viewerToken })).status).toBe(403);
    const refused = await harness.request('/api/v1/auth/lockouts/dave', {
      method: 'DELETE',
      auth: viewerToken,
    });
    expect(refused.status).toBe(403);
    expect((await signIn(harness.request, 'dave', PASSWORD)).status).toBe(429);

    const lifted = await harness.request('/api/v1/auth/lockouts/dave', { method: 'DELETE' });
    expect(lifted.status).toBe(200);
    expect(await lifted.json()).toEqual({ username: 'dave', unlocked: true });
    expect((await harness.request('/api/v1/auth/lockouts/dave', { method: 'DELETE' })).status).toBe(404);
    expect((await signIn(harness.request, 'dave', PASSWORD)).status).toBe(200);

    const audit = (await (await harness.request('/api/v1/audit')).json()) as {
      entries: { action: string; actor: string; target: string | null; status: number }[];
    };
    const trail = audit.entries
      .filter((entry) => entry.action.startsWith('login_'))
      .map(({ action, actor, target, status }) => ({ action, actor, target, status }));
    expect(trail).toEqual([
      { action: 'login_unlock', actor: 'admin', target: 'dave', status: 404 },
      { action: 'login_unlock', actor: 'admin', target: 'dave', status: 200 },
      { action: 'login_unlock', actor: 'viewer', target: null, status: 403 },
      { action: 'login_lock', actor: 'system', target: 'dave', status: 429 },
    ]);
  });
});

describe('sign-in lock-outs across two replicas on one PostgreSQL', () => {
  const backend = postgresBackend();
  beforeAll(() => backend.setup(), 120_000);
  afterAll(() => backend.teardown(), 60_000);

  it('honours a lock-out set by one replica on the other, and a lift on either', async () => {
    const { databaseUrl } = await backend.freshOptions();
    const stores = [await openStore({ databaseUrl }), await openStore({ databaseUrl })];
    await stores[0]?.users.insert({
      username: 'erin',
      password_hash: await hashPassword(PASSWORD, CHEAP),
      role: 'viewer',
    });
    const config = { worker_registry: [], general_settings: { master_key: MASTER_KEY } };
    const replicas = await Promise.all(
      stores.map((store) =>
        createControlPlane({
          config,
          store,
          uiAssetsDir: false,
          loginThrottle: { maxFailures: 3, delayMs: 0 },
        }),
      ),
    );
    try {
      const [a, b] = replicas.map(
        (replica): Request =>
          (path, init = {}) => {
            const { auth, ...rest } = init;
            const headers = new Headers(rest.headers);
            if (auth !== null) headers.set('authorization', `Bearer ${auth ?? MASTER_KEY}`);
            return Promise.resolve(replica.app.request(path, { ...rest, headers }));
          },
      ) as [Request, Request];
      for (let failure = 0; failure < 3; failure += 1)
        expect((await signIn(a, 'erin', 'wrong')).status).toBe(401);
      const lockedOnB = await signIn(b, 'erin', PASSWORD);
      expect(lockedOnB.status).toBe(429);
      expect(await codeOf(lockedOnB)).toBe('login_locked');
      const listedOnB = (await (await b('/api/v1/auth/lockouts')).json()) as {
        lockouts: { username: string }[];
      };
      expect(listedOnB.lockouts.map((lockout) => lockout.username)).toEqual(['erin']);

      expect((await b('/api/v1/auth/lockouts/erin', { method: 'DELETE' })).status).toBe(200);
      expect((await signIn(a, 'erin', PASSWORD)).status).toBe(200);
      // Failures counted concurrently on both replicas add up exactly.
      await Promise.all([signIn(a, 'erin', 'wrong'), signIn(b, 'erin', 'wrong')]);
      expect(await stores[1]?.logins.recordFailure('erin', 'unknown', new Date(), new Date(0))).toBe(3);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
      await Promise.all(stores.map((store) => store?.close()));
    }
  });
});
