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
