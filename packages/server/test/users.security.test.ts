import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlPlaneStore, openStore } from '../src/storage/index.js';
import { type RouteHarness, startRouteHarness, storeBackends } from './support/postgres.js';

const FAST = { N: 1024, r: 8, p: 1 };

describe.each(storeBackends())('user routes refuse what they must on the $kind store', (backend) => {
  let store: ControlPlaneStore;
  let harness: RouteHarness;

  beforeAll(async () => {
    await backend.setup();
    store = await openStore(await backend.freshOptions());
    harness = startRouteHarness({ store, users: { passwordParameters: FAST } });
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
    await store?.close();
    await backend.teardown();
  }, 60_000);

  it('validates usernames, passwords, roles and scopes', async () => {
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ username: 'short-pass', password: 'elevenchars', role: 'viewer' }, 400, /at least 12/],
      [{ username: 'bad role', password: 'long enough password', role: 'viewer' }, 400, /username/],
      [{ username: 'r', password: 'long enough password', role: 'root' }, 400, /role/],
      [
        { username: 'r', password: 'long enough password', role: 'admin', scope: { workers: ['a'] } },
        400,
        /admin/,
      ],
      [
        { username: 'r', password: 'long enough password', role: 'viewer', scope: { workers: ['..'] } },
        400,
        /worker/,
      ],
      [
        { username: 'r', password: 'long enough password', role: 'viewer', scope: { teams: ['a'] } },
        400,
        /teams|Unrecognized/i,
      ],
      [
        { username: 'r', password: 'long enough password', role: 'viewer', is_admin: true },
        400,
        /is_admin|Unrecognized/i,
      ],
      [{ username: 'admin', password: 'long enough password', role: 'viewer' }, 409, /reserved/],
      [{ username: 'ADMIN', password: 'long enough password', role: 'viewer' }, 409, /reserved/],
    ];
    for (const [body, status, message] of cases) {
      const response = await harness.request('POST', '/api/v1/users', { body });
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect((response.body as { error: { message: string } }).error.message, JSON.stringify(body)).toMatch(
        message,
      );
      expect(response.text).not.toContain('long enough password');
    }
    const body = { username: 'twice', password: 'long enough password', role: 'viewer' };
    expect((await harness.request('POST', '/api/v1/users', { body })).status).toBe(201);
    const again = await harness.request('POST', '/api/v1/users', { body });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'conflict' } });
    expect((await harness.request('PATCH', '/api/v1/users/twice', { body: {} })).status).toBe(400);
    const scopedAdmin = await harness.request('PATCH', '/api/v1/users/twice', {
      body: { scope: { labels: { a: 'b' } }, role: 'admin' },
    });
    expect(scopedAdmin.status).toBe(400);
  });

  it('never returns a password hash', async () => {
    const created = await harness.request('POST', '/api/v1/users', {
      body: { username: 'hidden-hash', password: 'long enough password', role: 'operator' },
    });
    const listed = await harness.request('GET', '/api/v1/users');
    const one = await harness.request('GET', '/api/v1/users/hidden-hash');
    const patched = await harness.request('PATCH', '/api/v1/users/hidden-hash', { body: { role: 'viewer' } });
    for (const response of [created, listed, one, patched]) {
      expect(response.text).not.toContain('scrypt$');
      expect(response.text).not.toContain('password');
    }
    for (const line of harness.logLines) expect(line).not.toContain('long enough password');
  });

  it('lets only admins manage users, and audits refused writes', async () => {
    for (const role of ['operator', 'viewer'] as const) {
      const username = `${role}-caller`;
      await harness.request('POST', '/api/v1/users', {
        body: { username, password: 'long enough password', role },
      });
      const token = await harness.login(username, 'long enough password');
      const responses = await Promise.all([
        harness.request('GET', '/api/v1/users', { token }),
        harness.request('GET', `/api/v1/users/${username}`, { token }),
        harness.request('POST', '/api/v1/users', {
          token,
          body: { username: `${role}-made`, password: 'long enough password', role: 'admin' },
        }),
        harness.request('PATCH', `/api/v1/users/${username}`, { token, body: { role: 'admin' } }),
        harness.request('DELETE', '/api/v1/users/twice', { token }),
      ]);
      for (const response of responses) {
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ error: { code: 'forbidden' } });
      }
      expect((await store.users.get(username))?.role).toBe(role);
      const refused = await store.audit.query({ actor: username, status: 403 });
      expect(refused.entries.map((entry) => entry.action).sort()).toEqual([
        'user.create',
        'user.delete',
        'user.update',
      ]);
    }
    expect(await store.users.get('operator-made')).toBeNull();
    expect(await store.users.get('twice')).not.toBeNull();
  });

  it('ends a user’s sessions when the password changes or the user is deleted', async () => {
    const password = 'long enough password';
    await harness.request('POST', '/api/v1/users', {
      body: { username: 'session-holder', password, role: 'viewer' },
    });
    const before = await harness.login('session-holder', password);
    expect((await harness.request('GET', '/api/v1/workers', { token: before })).status).toBe(200);

    const changed = await harness.request('PATCH', '/api/v1/users/session-holder', {
      body: { password: 'the replacement password' },
    });
    expect(changed.status).toBe(200);
    const stale = await harness.request('GET', '/api/v1/workers', { token: before });
    expect(stale.status).toBe(401);
    expect(stale.body).toMatchObject({ error: { code: 'unauthorized' } });

    // A login right after the change (even within the same second) is valid.
    const after = await harness.login('session-holder', 'the replacement password');
    expect((await harness.request('GET', '/api/v1/workers', { token: after })).status).toBe(200);
    // A role change keeps the session (it applies at once instead).
    await harness.request('PATCH', '/api/v1/users/session-holder', { body: { role: 'operator' } });
    expect((await harness.request('GET', '/api/v1/workers', { token: after })).status).toBe(200);

    expect((await harness.request('DELETE', '/api/v1/users/session-holder')).status).toBe(200);
    expect((await harness.request('GET', '/api/v1/workers', { token: after })).status).toBe(401);
  });

  it('needs authentication', async () => {
    const response = await harness.app.request('/api/v1/users');
    expect(response.status).toBe(401);
  });
});
