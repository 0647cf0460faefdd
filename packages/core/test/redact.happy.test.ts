import { describe, expect, it } from 'vitest';
import { createRedactor, isSecretName, REDACTED, redactUrl, redactValue } from '../src/index.js';

describe('redaction', () => {
  it('recognises credential property names however they are spelled', () => {
    for (const name of [
      'api_key',
      'Authorization',
      'client-secret',
      'x_api_key',
      'master_key',
      'database_url',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ['key_alias', 'max_tokens', 'team_id', 'models'])
      expect(isSecretName(name), name).toBe(false);
  });

  it('redacts credential fields and key-shaped strings, and bounds what it copies', () => {
    const redacted = redactValue({
      api_key: 'anything',
      nested: { password: 'p', note: 'sk-abcdefgh1234', empty: null },
      long: 'x'.repeat(600),
      nul: 'a\u0000b',
      list: Array.from({ length: 60 }, (_, index) => index),
    }) as Record<string, unknown>;
    expect(redacted.api_key).toBe(REDACTED);
    expect(redacted.nested).toEqual({ password: REDACTED, note: REDACTED, empty: null });
    expect(redacted.long).toHaveLength(501);
    expect(redacted.nul).toBe('a\uFFFDb');
    expect(redacted.list).toHaveLength(51);
  });

  it('removes one known secret, also URL-encoded, from text and nested values', () => {
    const secret = 'sk-s3cret/with+chars';
    const redactor = createRedactor(secret);
    expect(redactor.text(`key ${secret} and ${encodeURIComponent(secret)}`)).toBe(
      `key ${REDACTED} and ${REDACTED}`,
    );
    expect(redactor.value({ [secret]: [`x${secret}`] })).toEqual({ [REDACTED]: [`x${REDACTED}`] });
    expect(createRedactor('abc').text('abc')).toBe('abc');
    expect(createRedactor('abc', { replacement: '***', minLength: 1 }).text('xabcx')).toBe('x***x');
    expect(createRedactor(undefined).value({ a: 1 })).toEqual({ a: 1 });
  });

  it('hides the password and secret-looking query parameters of a URL, parseable or not', () => {
    expect(redactUrl('postgres://user:pw@db:5432/cp?sslmode=require&token=t')).toBe(
      'postgres://user:***@db:5432/cp?sslmode=require&token=***',
    );
    expect(redactUrl('postgres://user:pw@[bad/cp?x=1')).toBe('postgres://***@[bad/cp');
  });
});

describe('Redactor.foundIn', () => {
  const encoder = new TextEncoder();
  const cases: [string, boolean][] = [
    ['{"token":"sk-worker-secret-1"}', true],
    ['{"url":"https://x/?k=sk-worker%2Bsecret%2F2"}', true],
    ['{"token":"sk-worker-secret-"}', false],
    ['{"note":"naïve ✓ sk-worker-secret-1é"}', true],
    ['', false],
    ['s', false],
  ];

  async function check(load: () => Promise<typeof import('../src/redact.js')>) {
    const { createRedactor: create } = await load();
    const redactor = create('sk-worker-secret-1');
    redactor.add('sk-worker+secret/2');
    for (const [text, expected] of cases) {
      const bytes = encoder.encode(text);
      expect(redactor.foundIn(bytes), text).toBe(expected);
      // Exactly when the text reading would change.
      expect(redactor.text(text) !== text, text).toBe(expected);
      // A view into a larger buffer is searched only within its bounds.
      const padded = encoder.encode(`sk-worker-secret-1${text}sk-worker-secret-1`);
      const view = padded.subarray(18, 18 + bytes.length);
      expect(redactor.foundIn(view), `view of ${text}`).toBe(expected);
    }
  }

  it('finds a secret in UTF-8 bytes exactly when the text holds it (Node)', async () => {
    await check(() => import('../src/redact.js'));
  });

  it('finds it the same way without Node’s Buffer (browsers)', async () => {
    const saved = globalThis.Buffer;
    // The module reads Buffer once, when it loads: a fresh copy loads without it.
    Reflect.deleteProperty(globalThis, 'Buffer');
    try {
      await check(() => import('../src/redact.js?without-buffer' as string));
    } finally {
      globalThis.Buffer = saved;
    }
  });
});
