import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ControlPlaneStore, openStore } from '../src/storage/index.js';
import { hashPassword, SCRYPT_PARAMETERS, verifyPassword } from '../src/users/passwords.js';
import { type RouteHarness, startRouteHarness, storeBackends } from './support/postgres.js';

/** Cheap scrypt parameters for route tests; the defaults are tested on their own below. */
const FAST = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
  it('hashes with scrypt and a random salt, and verifies', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    expect(first).toMatch(
      new RegExp(
        `^scrypt\\$${SCRYPT_PARAMETERS.N}\\$${SCRYPT_PARAMETERS.r}\\$${SCRYPT_PARAMETERS.p}\\$[\\w-]{22}\\$[\\w-]{43}$`,
      ),
    );
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery staple', first)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', first)).toBe(false);
  });

  it('verifies hashes made with other parameters', async () => {
    const weak = await hashPassword('another password!', FAST);
    expect(await verifyPassword('another password!', weak)).toBe(true);
  });

  it('treats malformed or hostile hashes as a mismatch instead of throwing', async () => {
    for (const encoded of [
      '',
      'plain-text-password',
      'bcrypt$2$1$1$c2FsdA$aGFzaA',
      'scrypt$3$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
      `scrypt$${2 ** 30}$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA`,
      'scrypt$1024$8$1$$',
    ]) {
      expect(await verifyPassword('whatever password', encoded), encoded).toBe(false);
    }
  });
});

describe.each(storeBackends())('user routes on the $kind store', (backend) => {
  let store: ControlPlaneStore;
  let harness: RouteHarness;

  beforeAll(() => backend.setup(), 120_000);
  afterAll(() => backend.teardown(), 60_000);
  afterEach(async () => {
    await harness?.close();
    await store?.close();
  });

  async function begin(): Promise<void> {
    store = await openStore(await backend.freshOptions());
    harness = startRouteHarness({ store, users: { passwordParameters: FAST } });
  }

  it('creates, lists, changes and deletes users; the new user can log in', async () => {
    await begin();
    const created = await harness.request('POST', '/api/v1/users', {
      body: {
        username: 'olivia@example.com',
        password: 'a long enough password',
        role: 'operator',
        scope: { workers: ['config-a'], labels: { env: 'prod' } },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      username: 'olivia@example.com',
      role: 'operator',
      scope: { workers: ['config-a'], labels: { env: 'prod' } },
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const stored = await store.users.get('olivia@example.com');
    expect(stored?.password_hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('a long enough password', stored?.password_hash ?? '')).toBe(true);

    const token = await harness.login('olivia@example.com', 'a long enough password');
    const me = await harness.request('GET', '/api/v1/workers', { token });
    expect(
      (me.body as { workers: { worker_id: string }[] }).workers.map((worker) => worker.worker_id),
    ).toEqual(['config-a']);

    await harness.request('POST', '/api/v1/users', {
      body: { username: 'victor', password: 'viewer password 1', role: 'viewer' },
    });
    const listed = await harness.request('GET', '/api/v1/users');
    expect((listed.body as { users: { username: string; scope: unknown }[] }).users).toEqual([
      expect.objectContaining({ username: 'olivia@example.com' }),
      expect.objectContaining({ username: 'victor', scope: null }),
    ]);
    expect((await harness.request('GET', '/api/v1/users/victor')).body).toMatchObject({ role: 'viewer' });

    const promoted = await harness.request('PATCH', '/api/v1/users/olivia@example.com', {
      body: { role: 'admin', scope: null },
    });
    expect(promoted.body).toMatchObject({ role: 'admin', scope: null });

    const repassword = await harness.request('PATCH', '/api/v1/users/victor', {
      body: { password: 'a brand new password' },
    });
    expect(repassword.status).toBe(200);
    const victor = await store.users.get('victor');
    expect(await verifyPassword('a brand new password', victor?.password_hash ?? '')).toBe(true);
    expect(victor?.sessions_not_before).toEqual(expect.any(String));

    expect((await harness.request('DELETE', '/api/v1/users/victor')).body).toEqual({
      username: 'victor',
      deleted: true,
    });
    expect((await harness.request('DELETE', '/api/v1/users/victor')).status).toBe(404);
    expect((await harness.request('GET', '/api/v1/users/victor')).status).toBe(404);
    expect(
      (await harness.request('PATCH', '/api/v1/users/victor', { body: { role: 'viewer' } })).status,
    ).toBe(404);
  });

  it('audits user changes without passwords or hashes', async () => {
    await begin();
    await harness.request('POST', '/api/v1/users', {
      body: { username: 'audit-me', password: 'secret password 123', role: 'viewer' },
    });
    await harness.request('PATCH', '/api/v1/users/audit-me', {
      body: { password: 'another secret 456', scope: { workers: ['config-a'] } },
    });
    await harness.request('DELETE', '/api/v1/users/audit-me');
    const { entries } = await store.audit.query({ action: 'user.*' });
    expect(
      entries.map((entry) => [entry.action, entry.target, entry.status, entry.actor, entry.workerId]),
    ).toEqual([
      ['user.delete', 'audit-me', 200, 'admin', null],
      ['user.update', 'audit-me', 200, 'admin', null],
      ['user.create', 'audit-me', 201, 'admin', null],
    ]);
    expect(entries[1]?.detail).toMatchObject({
      changed: ['password', 'scope'],
      scope: { workers: ['config-a'] },
    });
    const text = JSON.stringify(entries);
    expect(text).not.toContain('secret password 123');
    expect(text).not.toContain('another secret 456');
    expect(text).not.toContain('scrypt$');
  });
});
