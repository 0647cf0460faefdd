import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CredentialError,
  createCredentialSecrets,
  credentialSecretFrom,
  decryptCredential,
  deriveCredentialKey,
  encryptCredential,
} from '../src/registry/secrets.js';
import { type ControlPlaneStore, openStore } from '../src/storage/index.js';
import {
  HARNESS_CONFIG_CREDENTIAL,
  HARNESS_MASTER_KEY,
  harnessConfig,
  type RouteHarness,
  startRouteHarness,
  storeBackends,
} from './support/postgres.js';

const CREDENTIAL = 'sk-live-credential-do-not-leak-42';

describe('credential encryption', () => {
  it('round-trips, is versioned, and never contains the plaintext', () => {
    const key = deriveCredentialKey('the configured secret');
    const first = encryptCredential(key, CREDENTIAL, 'worker-a');
    const second = encryptCredential(key, CREDENTIAL, 'worker-a');
    expect(first).toMatch(/^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(CREDENTIAL);
    expect(Buffer.from(first.split(':')[4] ?? '', 'base64url').toString('utf8')).not.toContain('credential');
    expect(decryptCredential(key, first, 'worker-a')).toBe(CREDENTIAL);
  });

  it('refuses another key, another worker, tampering and unknown formats without echoing anything', () => {
    const key = deriveCredentialKey('the configured secret');
    const encrypted = encryptCredential(key, CREDENTIAL, 'worker-a');
    const attempts: [() => string, string][] = [
      [() => decryptCredential(deriveCredentialKey('another secret'), encrypted, 'worker-a'), 'wrong_key'],
      [() => decryptCredential(key, encrypted, 'worker-b'), 'tampered'],
      [() => decryptCredential(key, `${encrypted.slice(0, -2)}AA`, 'worker-a'), 'tampered'],
      [() => decryptCredential(key, 'v9:abc:def', 'worker-a'), 'unknown_version'],
      [() => decryptCredential(key, CREDENTIAL, 'worker-a'), 'malformed'],
      [() => decryptCredential(key, 'v1:x:y', 'worker-a'), 'malformed'],
    ];
    for (const [attempt, reason] of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CredentialError);
      expect((caught as CredentialError).reason).toBe(reason);
      expect((caught as Error).message).not.toContain(CREDENTIAL);
      expect((caught as Error).message).not.toContain(encrypted);
    }
  });

  it('decrypts values of the previous secret while rotating', () => {
    const old = createCredentialSecrets('old secret');
    const encrypted = old.encrypt(CREDENTIAL, 'worker-a');
    const rotated = createCredentialSecrets('new secret', { previous: ['old secret'] });
    expect(rotated.decrypt(encrypted, 'worker-a')).toBe(CREDENTIAL);
    expect(rotated.encrypt(CREDENTIAL, 'worker-a').split(':')[1]).toBe(rotated.keyId);
    expect(rotated.keyId).not.toBe(old.keyId);
  });

  it('keeps key material out of inspect, JSON and strings', () => {
    const key = deriveCredentialKey('printable? no');
    for (const text of [inspect(key), JSON.stringify({ key }), String(key)]) {
      expect(text).toBe(
        text.includes('"')
          ? JSON.stringify({ key: `[CredentialKey ${key.id}]` })
          : `[CredentialKey ${key.id}]`,
      );
    }
  });

  it('derives from secret_key, else the master key', () => {
    expect(credentialSecretFrom(harnessConfig({ secret_key: 'dedicated' }))).toBe('dedicated');
    expect(credentialSecretFrom(harnessConfig())).toBe(HARNESS_MASTER_KEY);
    const bare = { worker_registry: [], general_settings: {} };
    expect(credentialSecretFrom(bare)).toBeUndefined();
    expect(credentialSecretFrom(bare, { LITELLM_MASTER_KEY: 'from-env' })).toBe('from-env');
  });
});

describe.each(storeBackends())('registry routes refuse what they must on the $kind store', (backend) => {
  let store: ControlPlaneStore;
  let harness: RouteHarness;

  beforeAll(async () => {
    await backend.setup();
    store = await openStore(await backend.freshOptions());
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await backend.teardown();
  }, 60_000);
  afterEach(async () => {
    await harness?.close();
  });

  it('stores the credential encrypted and never returns, logs or audits it', async () => {
    harness = startRouteHarness({ store });
    const created = await harness.request('POST', '/api/v1/workers', {
      body: { worker_id: 'secret-1', name: 'Secret', url: 'http://10.1.0.1:4000', api_key: CREDENTIAL },
    });
    expect(created.status).toBe(201);
    const patched = await harness.request('PATCH', '/api/v1/workers/secret-1', {
      body: { api_key: `${CREDENTIAL}-2` },
    });
    expect(patched.status).toBe(200);
    const listed = await harness.request('GET', '/api/v1/workers');
    const one = await harness.request('GET', '/api/v1/workers/secret-1');

    const raw = await store.workers.get('secret-1');
    expect(raw?.api_key_encrypted).toMatch(/^v1:/);
    expect(raw?.api_key_encrypted).not.toContain(CREDENTIAL);
    expect(
      createCredentialSecrets(HARNESS_MASTER_KEY).decrypt(raw?.api_key_encrypted ?? '', 'secret-1'),
    ).toBe(`${CREDENTIAL}-2`);

    const audit = await store.audit.query({ workerId: 'secret-1' });
    const everything = [
      created.text,
      patched.text,
      listed.text,
      one.text,
      JSON.stringify(audit),
      ...harness.logLines,
    ];
    for (const text of everything) {
      expect(text).not.toContain(CREDENTIAL);
      expect(text).not.toContain(HARNESS_CONFIG_CREDENTIAL);
      expect(text).not.toContain('api_key_encrypted');
    }
  });

  it('keeps config workers read-only and refuses duplicates', async () => {
    harness = startRouteHarness({ store });
    const patch = await harness.request('PATCH', '/api/v1/workers/config-a', { body: { name: 'Changed' } });
    expect(patch.status).toBe(409);
    expect(patch.body).toMatchObject({ error: { code: 'conflict', worker_id: 'config-a' } });
    expect((patch.body as { error: { message: string } }).error.message).toContain('configuration file');
    const remove = await harness.request('DELETE', '/api/v1/workers/config-a');
    expect(remove.status).toBe(409);
    const shadow = await harness.request('POST', '/api/v1/workers', {
      body: { worker_id: 'config-a', name: 'Shadow', url: 'http://10.1.0.2:4000' },
    });
    expect(shadow.status).toBe(409);
    expect(harness.fleet.worker('config-a').entry.name).toBe('Config A');

    const body = { worker_id: 'dup', name: 'Dup', url: 'http://10.1.0.3:4000' };
    expect((await harness.request('POST', '/api/v1/workers', { body })).status).toBe(201);
    const duplicate = await harness.request('POST', '/api/v1/workers', { body });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ error: { code: 'conflict' } });
  });

  it('validates worker ids, URLs and bodies, without echoing a password from the URL', async () => {
    harness = startRouteHarness({
      store,
      config: harnessConfig({ allowed_worker_hosts: ['*.workers.internal'] }),
    });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ worker_id: '..', name: 'x', url: 'http://a.workers.internal' }, /worker_id/],
      [{ worker_id: 'line\nbreak', name: 'x', url: 'http://a.workers.internal' }, /control characters/],
      [{ worker_id: 'ok', name: 'x', url: 'ftp://a.workers.internal' }, /http or https/],
      [{ worker_id: 'ok', name: 'x', url: 'http://user:pa55word-XYZ@a.workers.internal' }, /credentials/],
      [{ worker_id: 'ok', name: 'x', url: 'http://a.workers.internal/?token=1' }, /query/],
      [{ worker_id: 'ok', name: 'x', url: 'not a url' }, /not valid/],
      [{ worker_id: 'ok', name: 'x', url: 'http://127.0.0.1:4000' }, /allowed_worker_hosts/],
      [{ worker_id: 'ok', name: 'x', url: 'http://169.254.169.254' }, /metadata/],
      [{ worker_id: 'ok', name: 'x', url: 'http://a.workers.internal', extra: 1 }, /extra|Unrecognized/i],
      [{ worker_id: 'ok', name: '', url: 'http://a.workers.internal' }, /name/],
      [{ worker_id: 'ok', name: 'x', url: 'http://a.workers.internal', timeout_ms: -1 }, /timeout_ms/],
    ];
    for (const [body, message] of cases) {
      const response = await harness.request('POST', '/api/v1/workers', { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'invalid_request' } });
      expect((response.body as { error: { message: string } }).error.message, JSON.stringify(body)).toMatch(
        message,
      );
      expect(response.text).not.toContain('pa55word-XYZ');
    }
    const audit = await store.audit.query({ action: 'worker.create', status: 400 });
    expect(JSON.stringify(audit)).not.toContain('pa55word-XYZ');
    const allowed = await harness.request('POST', '/api/v1/workers', {
      body: { worker_id: 'allowed', name: 'x', url: 'https://eu.workers.internal' },
    });
    expect(allowed.status).toBe(201);
    const patchToForbidden = await harness.request('PATCH', '/api/v1/workers/allowed', {
      body: { url: 'http://10.0.0.1' },
    });
    expect(patchToForbidden.status).toBe(400);
    const empty = await harness.request('PATCH', '/api/v1/workers/allowed', { body: {} });
    expect(empty.status).toBe(400);
  });

  it('lets only admins change the registry, and audits refused attempts', async () => {
    harness = startRouteHarness({ store, users: { passwordParameters: { N: 1024, r: 8, p: 1 } } });
    await store.workers.insert({
      worker_id: 'guarded',
      name: 'Guarded',
      url: 'http://10.2.0.9',
      created_by: 'admin',
    });
    for (const [username, role] of [
      ['ops-user', 'operator'],
      ['view-user', 'viewer'],
    ] as const) {
      const created = await harness.request('POST', '/api/v1/users', {
        body: { username, password: 'correct horse battery', role },
      });
      expect(created.status).toBe(201);
      const token = await harness.login(username, 'correct horse battery');
      const attempts = [
        harness.request('POST', '/api/v1/workers', {
          token,
          body: { worker_id: `by-${role}`, name: 'x', url: 'http://10.2.0.1' },
        }),
        harness.request('PATCH', '/api/v1/workers/guarded', { token, body: { name: 'x' } }),
        harness.request('DELETE', '/api/v1/workers/guarded', { token }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ error: { code: 'forbidden' } });
      }
      const refused = await store.audit.query({ actor: username, status: 403 });
      expect(refused.entries.map((entry) => entry.action).sort()).toEqual([
        'worker.create',
        'worker.delete',
        'worker.update',
      ]);
    }
    expect(await store.workers.get('by-operator')).toBeNull();
    expect(await store.workers.get('guarded')).toMatchObject({ name: 'Guarded' });
  });
});
