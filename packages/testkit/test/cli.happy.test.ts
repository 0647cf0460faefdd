import { describe, expect, it } from 'vitest';
import { parseCliArguments } from '../src/cli/arguments.js';

describe('fake-worker CLI arguments', () => {
  it('parses every flag', () => {
    const result = parseCliArguments([
      '--port',
      '4001',
      '--master-key',
      'sk-a',
      '--host',
      '0.0.0.0',
      '--name',
      'worker-a',
      '--control-plane-url',
      'http://localhost:4000',
      '--latency-ms',
      '20',
      '--seed',
      '7',
    ]);
    expect(result).toEqual({
      kind: 'start',
      options: {
        masterKey: 'sk-a',
        port: 4001,
        host: '0.0.0.0',
        name: 'worker-a',
        controlPlaneUrl: 'http://localhost:4000',
        latencyMs: 20,
        seed: 7,
        uiUsername: undefined,
        uiPassword: undefined,
      },
    });
  });

  it('defaults the port to a random one and reads LITELLM_MASTER_KEY', () => {
    const result = parseCliArguments([], { LITELLM_MASTER_KEY: 'sk-env' });
    expect(result).toMatchObject({ kind: 'start', options: { masterKey: 'sk-env', port: undefined } });
  });

  it('explains bad flags', () => {
    expect(parseCliArguments(['--master-key', 'sk-a', '--bogus'])).toMatchObject({ kind: 'error' });
    expect(parseCliArguments([])).toEqual({
      kind: 'error',
      message: '--master-key is required (or set LITELLM_MASTER_KEY)',
    });
    expect(parseCliArguments(['--master-key', 'nope'])).toMatchObject({
      message: "--master-key must start with 'sk-'",
    });
    expect(parseCliArguments(['--master-key', 'sk-a', '--port', 'abc'])).toMatchObject({
      message: "--port must be an integer between 0 and 65535, got 'abc'",
    });
    expect(parseCliArguments(['--master-key', 'sk-a', '--port', '70000'])).toMatchObject({ kind: 'error' });
    expect(parseCliArguments(['--master-key', 'sk-a', '--control-plane-url', 'ftp://x'])).toMatchObject({
      kind: 'error',
    });
    expect(parseCliArguments(['--help'])).toEqual({ kind: 'help' });
  });
});
