import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_CSV_COLUMNS,
  type AuditInput,
  auditToCsv,
  type ControlPlaneStore,
  MIGRATIONS,
  openStore,
  StoreError,
} from '../src/storage/index.js';
import { storeBackends } from './support/postgres.js';

function auditInput(overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    actor: 'admin',
    workerId: 'worker-a',
    action: 'relay.write',
    method: 'POST',
    path: '/key/generate',
    target: null,
    status: 200,
    requestId: 'request-1',
    ...overrides,
  };
}

describe.each(storeBackends())('storage on the $kind store', (backend) => {
  beforeAll(() => backend.setup(), 120_000);
  afterAll(() => backend.teardown(), 60_000);

  async function withStore<T>(fn: (store: ControlPlaneStore) => Promise<T>): Promise<T> {
    const store = await openStore(await backend.freshOptions());
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  }

  it('reports its kind and a location', async () => {
    await withStore(async (store) => {
      expect(store.kind).toBe(backend.kind);
      expect(store.location).not.toBe('');
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });

  it('runs migrations once: reopening applies nothing and keeps the data', async () => {
    const options = await backend.freshOptions();
    const first = await openStore(options);
    await first.audit.append(auditInput({ requestId: 'before-reopen' }));
    await first.close();
    const second = await openStore(options);
    try {
      const page = await second.audit.query({});
      expect(page.entries.map((entry) => entry.requestId)).toEqual(['before-reopen']);
      expect(await second.workers.version()).toBe(0);
    } finally {
      await second.close();
    }
    // A third start after the second also finds the schema current (idempotent).
    const third = await openStore(options);
    await third.close();
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual([1, 2]);
  });

  it('appends audit entries and returns them newest first with every field', async () => {
    await withStore(async (store) => {
      const appended = await store.audit.append(
        auditInput({
          target: 'key-alias',
          correlationId: 'fan-out-1',
          detail: { body: { key_alias: 'x', api_key: '[REDACTED]' }, count: 2 },
        }),
      );
      expect(appended.id).toMatch(/^\d+$/);
      expect(Number.isNaN(Date.parse(appended.at))).toBe(false);
      await store.audit.append(
        auditInput({ requestId: 'request-2', workerId: null, method: null, path: null }),
      );
      const { entries, nextCursor } = await store.audit.query({});
      expect(nextCursor).toBeNull();
      expect(entries).toHaveLength(2);
      expect(entries[0]).toMatchObject({ requestId: 'request-2', workerId: null, method: null, path: null });
      expect(entries[1]).toEqual(appended);
      expect(entries[1]?.detail).toEqual({ body: { key_alias: 'x', api_key: '[REDACTED]' }, count: 2 });
      expect(entries[1]?.correlationId).toBe('fan-out-1');
    });
  });

  it('filters the audit log by worker, actor, action, status and time', async () => {
    await withStore(async (store) => {
      await store.audit.append(
        auditInput({ workerId: 'worker-a', actor: 'alice', action: 'relay.write', status: 200 }),
      );
      await store.audit.append(
        auditInput({ workerId: 'worker-b', actor: 'bob', action: 'relay.write', status: 404 }),
      );
      await store.audit.append(
        auditInput({ workerId: 'worker-b', actor: 'alice', action: 'worker.create', status: 201 }),
      );
      await store.audit.append(
        auditInput({ workerId: null, actor: 'alice', action: 'user.create', status: 500 }),
      );
      const requestIds = async (filter: Parameters<ControlPlaneStore['audit']['query']>[0]) =>
        (await store.audit.query(filter)).entries.map(
          (entry) => `${entry.actor}:${entry.action}:${entry.status}`,
        );

      expect(await requestIds({ workerId: 'worker-b' })).toEqual([
        'alice:worker.create:201',
        'bob:relay.write:404',
      ]);
      expect(await requestIds({ actor: 'alice' })).toHaveLength(3);
      expect(await requestIds({ action: 'relay.write' })).toHaveLength(2);
      expect(await requestIds({ action: 'worker.*' })).toEqual(['alice:worker.create:201']);
      expect(await requestIds({ status: 404 })).toEqual(['bob:relay.write:404']);
      expect(await requestIds({ status: '5xx' })).toEqual(['alice:user.create:500']);
      expect(await requestIds({ status: '2xx', actor: 'alice' })).toHaveLength(2);
      expect(await requestIds({ since: new Date(Date.now() + 60_000) })).toEqual([]);
      expect(await requestIds({ until: new Date(Date.now() - 60_000) })).toEqual([]);
      expect(await requestIds({ since: new Date(Date.now() - 60_000).toISOString() })).toHaveLength(4);
    });
  });

  it('pages through the audit log with a keyset cursor, without gaps or repeats', async () => {
    await withStore(async (store) => {
      for (let index = 0; index < 25; index += 1) {
        await store.audit.append(auditInput({ requestId: `request-${index}` }));
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<ControlPlaneStore['audit']['query']>> = await store.audit.query({
          limit: 10,
          cursor,
        });
        seen.push(...page.entries.map((entry) => entry.requestId));
        cursor = page.nextCursor;
        pages += 1;
        // Entries appended while paging do not shift the pages already being read.
        if (pages === 1) await store.audit.append(auditInput({ requestId: 'late' }));
      } while (cursor !== null);
      expect(pages).toBe(3);
      expect(seen).toEqual(Array.from({ length: 25 }, (_, index) => `request-${24 - index}`));
    });
  });

  it('caps the page size at 1000 and refuses a bad limit, cursor, status or date', async () => {
    await withStore(async (store) => {
      await expect(store.audit.query({ limit: 5000 })).resolves.toMatchObject({ nextCursor: null });
      for (const filter of [
        { limit: 0 },
        { limit: 1.5 },
        { cursor: 'not-a-cursor' },
        { status: 'teapot' },
        { since: 'yesterday-ish' },
      ]) {
        const error = await store.audit.query(filter).catch((caught: unknown) => caught);
        expect(StoreError.isInstance(error), JSON.stringify(filter)).toBe(true);
        expect((error as StoreError).code).toBe('invalid');
      }
    });
  });

  it('exports audit entries as CSV', async () => {
    await withStore(async (store) => {
      await store.audit.append(
        auditInput({ actor: '=cmd()', target: 'has "quotes", commas', detail: { note: 'line\nbreak' } }),
      );
      const { entries } = await store.audit.query({});
      const csv = auditToCsv(entries);
      const [header, row] = csv.split('\r\n');
      expect(header).toBe(AUDIT_CSV_COLUMNS.join(','));
      expect(row).toContain(`${entries[0]?.id},${entries[0]?.at},'=cmd(),worker-a,relay.write,POST`);
      expect(csv).toContain('"has ""quotes"", commas"');
      expect(csv).toContain('"{""note"":""line\\nbreak""}"');
      expect(auditToCsv([], { header: false })).toBe('');
    });
  });

  it('stores runtime workers and bumps the registry version on every change', async () => {
    await withStore(async (store) => {
      expect(await store.workers.version()).toBe(0);
      const inserted = await store.workers.insert({
        worker_id: 'worker-a',
        name: 'Worker A',
        url: 'http://10.0.0.5:4000',
        labels: { env: 'prod' },
        created_by: 'admin',
      });
      expect(inserted).toMatchObject({
        worker_id: 'worker-a',
        region: null,
        labels: { env: 'prod' },
        timeout_ms: null,
        api_key_encrypted: null,
        created_by: 'admin',
      });
      expect(await store.workers.version()).toBe(1);
      const duplicate = await store.workers
        .insert({ worker_id: 'worker-a', name: 'Again', url: 'http://x', created_by: 'admin' })
        .catch((error: unknown) => error);
      expect(StoreError.isInstance(duplicate) && duplicate.code).toBe('conflict');
      expect(await store.workers.version()).toBe(1);

      const updated = await store.workers.update('worker-a', {
        name: 'Renamed',
        region: 'eu',
        timeout_ms: 5000,
      });
      expect(updated).toMatchObject({
        name: 'Renamed',
        region: 'eu',
        timeout_ms: 5000,
        labels: { env: 'prod' },
      });
      expect(Date.parse(updated?.updated_at ?? '')).toBeGreaterThanOrEqual(Date.parse(inserted.updated_at));
      expect(await store.workers.version()).toBe(2);
      expect(await store.workers.update('worker-a', { labels: null, region: null })).toMatchObject({
        labels: null,
        region: null,
      });
      expect(await store.workers.update('missing', { name: 'x' })).toBeNull();
      expect(await store.workers.version()).toBe(3);

      await store.workers.insert({
        worker_id: 'worker-0',
        name: 'Zero',
        url: 'http://z',
        created_by: 'admin',
      });
      expect((await store.workers.list()).map((worker) => worker.worker_id)).toEqual([
        'worker-0',
        'worker-a',
      ]);
      expect(await store.workers.get('worker-0')).toMatchObject({ name: 'Zero' });
      expect(await store.workers.get('nope')).toBeNull();
      expect(await store.workers.remove('worker-0')).toBe(true);
      expect(await store.workers.remove('worker-0')).toBe(false);
      expect(await store.workers.version()).toBe(5);
    });
  });

  it('stores users with role and scope', async () => {
    await withStore(async (store) => {
      const user = await store.users.insert({
        username: 'olivia',
        password_hash: 'scrypt$2$1$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
        role: 'operator',
        scope_workers: ['worker-a'],
        scope_labels: { env: 'prod' },
      });
      expect(user).toMatchObject({ username: 'olivia', role: 'operator', scope_workers: ['worker-a'] });
      const duplicate = await store.users
        .insert({ username: 'olivia', password_hash: 'x', role: 'viewer' })
        .catch((error: unknown) => error);
      expect(StoreError.isInstance(duplicate) && duplicate.code).toBe('conflict');
      expect(await store.users.update('olivia', { role: 'viewer', scope_workers: null })).toMatchObject({
        role: 'viewer',
        scope_workers: null,
        scope_labels: { env: 'prod' },
      });
      expect(await store.users.update('nobody', { role: 'admin' })).toBeNull();
      expect((await store.users.list()).map((item) => item.username)).toEqual(['olivia']);
      expect(await store.users.remove('olivia')).toBe(true);
      expect(await store.users.get('olivia')).toBeNull();
      expect(await store.users.remove('olivia')).toBe(false);
    });
  });

  it('revokes sessions until they expire and purges expired revocations', async () => {
    await withStore(async (store) => {
      await store.sessions.revoke('session-live', new Date(Date.now() + 60_000));
      await store.sessions.revoke('session-live', new Date(Date.now() + 30_000));
      await store.sessions.revoke('session-old', new Date(Date.now() - 1000));
      expect(await store.sessions.isRevoked('session-live')).toBe(true);
      expect(await store.sessions.isRevoked('session-old')).toBe(false);
      expect(await store.sessions.isRevoked('never')).toBe(false);
      expect(await store.sessions.purgeExpired(new Date(Date.now() + 120_000))).toBe(1);
      expect(await store.sessions.isRevoked('session-live')).toBe(false);
    });
  });

  it('counts sign-in failures per username and address and keeps lock-outs per username', async () => {
    await withStore(async (store) => {
      const t = (seconds: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, seconds));
      expect(await store.logins.standing('alice', '10.0.0.1', t(0), t(0))).toEqual({
        failures: 0,
        last_failure_at: null,
        locked_until: null,
      });
      const counts = await Promise.all(
        [1, 2, 3].map((second) => store.logins.recordFailure('alice', '10.0.0.1', t(second), t(0))),
      );
      expect(counts.sort()).toEqual([1, 2, 3]);
      expect(await store.logins.recordFailure('alice', '10.0.0.2', t(4), t(0))).toBe(1);
      // A count whose latest failure is outside the window starts over.
      expect(await store.logins.recordFailure('alice', '10.0.0.1', t(50), t(10))).toBe(1);
      const standing = await store.logins.standing('alice', '10.0.0.1', t(10), t(50));
      expect(standing).toEqual({ failures: 1, last_failure_at: t(50).toISOString(), locked_until: null });

      await store.logins.lock({
        username: 'alice',
        address: '10.0.0.1',
        failures: 10,
        locked_at: t(50).toISOString(),
        locked_until: t(59).toISOString(),
      });
      expect((await store.logins.standing('alice', '10.0.0.9', t(0), t(51))).locked_until).toBe(
        t(59).toISOString(),
      );
      expect((await store.logins.standing('alice', '10.0.0.9', t(0), t(59))).locked_until).toBeNull();
      expect((await store.logins.lockouts(t(51))).map((lockout) => lockout.username)).toEqual(['alice']);
      expect(await store.logins.lockouts(t(59))).toEqual([]);

      expect(await store.logins.unlock('alice', t(51))).toBe(true);
      expect(await store.logins.unlock('alice', t(51))).toBe(false);
      expect((await store.logins.standing('alice', '10.0.0.2', t(0), t(51))).failures).toBe(0);

      await store.logins.recordFailure('bob', '10.0.0.1', t(5), t(0));
      await store.logins.clearFailures('bob', '10.0.0.1');
      expect((await store.logins.standing('bob', '10.0.0.1', t(0), t(6))).failures).toBe(0);
      await store.logins.recordFailure('bob', '10.0.0.1', t(5), t(0));
      expect(await store.logins.purgeExpired(t(60), t(10))).toBe(1);
    });
  });

  it('commits concurrent appends together, yet a bad entry fails only itself', async () => {
    await withStore(async (store) => {
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, index) =>
          store.audit.append(
            // NOT NULL violated by one entry of the batch only.
            auditInput({ requestId: `batch-${index}`, status: (index === 5 ? null : 200) as number }),
          ),
        ),
      );
      expect(results.map((result) => result.status)).toEqual(
        Array.from({ length: 12 }, (_, index) => (index === 5 ? 'rejected' : 'fulfilled')),
      );
      const stored = (await store.audit.query({ limit: 100 })).entries.map((entry) => entry.requestId);
      expect(stored.sort()).toEqual(
        Array.from({ length: 12 }, (_, index) => `batch-${index}`)
          .filter((id) => id !== 'batch-5')
          .sort(),
      );
    });
  });

  it('serves concurrent writes: audit appends interleaved with registry transactions', async () => {
    await withStore(async (store) => {
      const appends = Array.from({ length: 60 }, (_, index) =>
        store.audit.append(auditInput({ requestId: `parallel-${index}` })),
      );
      const inserts = Array.from({ length: 10 }, (_, index) =>
        store.workers.insert({
          worker_id: `w-${index}`,
          name: 'W',
          url: 'http://10.0.0.1',
          created_by: 'admin',
        }),
      );
      const clash = store.workers
        .insert({ worker_id: 'w-0', name: 'Clash', url: 'http://10.0.0.2', created_by: 'admin' })
        .catch((error: unknown) => error);
      const [appended, inserted, clashed] = await Promise.all([
        Promise.all(appends),
        Promise.all(inserts.map((insert) => insert.catch((error: unknown) => error))),
        clash,
      ]);
      expect(new Set(appended.map((entry) => entry.id)).size).toBe(60);
      // Exactly one of the two inserts of w-0 lost, and nothing else did.
      const conflicts = [...inserted, clashed].filter((result) => StoreError.isInstance(result));
      expect(conflicts).toHaveLength(1);
      expect(await store.workers.list()).toHaveLength(10);
      expect(await store.workers.version()).toBe(10);
      expect((await store.audit.query({ limit: 1000 })).entries).toHaveLength(60);
    });
  });

  it('refuses to be used after close', async () => {
    const store = await openStore(await backend.freshOptions());
    await store.close();
    await store.close();
    const error = await store.workers.list().catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error) && error.code).toBe('unavailable');
  });
});
