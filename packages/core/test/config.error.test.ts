import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONFIG_MAX_BYTES, ConfigError, type ConfigIssue, loadConfig, parseConfig } from '../src/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const FILE = '/etc/control-plane/cp_config.yaml';

function failure(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

async function asyncFailure(run: () => Promise<unknown>): Promise<ConfigError> {
  try {
    await run();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function parseFailure(lines: string[], env: Record<string, string> = {}): ConfigError {
  return failure(() => parseConfig(lines.join('\n'), { env, filename: FILE }));
}

function worker(id: string, url: string, extra: string[] = []): string[] {
  return [
    `  - worker_id: ${id}`,
    `    name: Worker ${id}`,
    `    url: ${url}`,
    ...extra.map((line) => `    ${line}`),
  ];
}

describe('worker URLs', () => {
  test.each([
    ['javascript:alert(1)', 'javascript:'],
    ['file:///etc/passwd', 'file:'],
    ['ftp://files.example.com', 'ftp:'],
  ])('%s is rejected at the url it appears in', (url, scheme) => {
    const error = parseFailure([
      'worker_registry:',
      ...worker('a', 'http://127.0.0.1:4001'),
      ...worker('b', url),
    ]);
    expect(error.issues).toEqual([
      {
        path: 'worker_registry[1].url',
        message: `URL must use http or https (got "${scheme}")`,
        line: 7,
        column: 10,
        file: FILE,
      },
    ]);
    expect(error.message).toBe(
      `Invalid control-plane config in ${FILE}:\n` +
        `  worker_registry[1].url (line 7, column 10): URL must use http or https (got "${scheme}")`,
    );
  });

  test('credentials inside a URL are rejected without being repeated', () => {
    const error = parseFailure([
      'worker_registry:',
      ...worker('a', 'https://admin:s3cret-pass@worker.example.com'),
    ]);
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: 'worker_registry[0].url',
        line: 4,
        message: expect.stringContaining('credentials'),
      }),
    ]);
    expect(error.message).not.toContain('s3cret-pass');
    expect(error.message).not.toContain('admin:');
  });

  test('a URL that does not parse is rejected', () => {
    const error = parseFailure(['worker_registry:', ...worker('a', 'worker-a:4000/x')]);
    expect(error.issues[0]).toMatchObject({ path: 'worker_registry[0].url' });
    const relative = parseFailure(['worker_registry:', ...worker('a', '/relative/path')]);
    expect(relative.issues[0]).toMatchObject({
      path: 'worker_registry[0].url',
      message: expect.stringContaining('not valid'),
    });
  });

  test('a query string or fragment in a base URL is rejected', () => {
    const error = parseFailure(['worker_registry:', ...worker('a', 'http://h/?token=abc')]);
    expect(error.issues[0]).toMatchObject({
      path: 'worker_registry[0].url',
      message: expect.stringContaining('query'),
    });
    expect(error.message).not.toContain('token=abc');
  });

  test('general_settings.embedded_store_durability takes normal or full, and says so', () => {
    const error = parseFailure(['general_settings:', '  embedded_store_durability: fast']);
    expect(error.issues[0]).toMatchObject({
      path: 'general_settings.embedded_store_durability',
      message: expect.stringMatching(/"normal".*"full"/),
      line: 2,
    });
    const { config } = parseConfig('general_settings:\n  embedded_store_durability: full\n', { env: {} });
    expect(config.general_settings.embedded_store_durability).toBe('full');
  });

  test('general_settings.control_plane_url is checked the same way', () => {
    const error = parseFailure(['general_settings:', '  control_plane_url: javascript:void(0)']);
    expect(error.issues[0]).toMatchObject({
      path: 'general_settings.control_plane_url',
      line: 2,
      column: 22,
    });
  });
});

describe('worker login and key header', () => {
  test('ui_username needs ui_password, and the message names the missing one', () => {
    const error = parseFailure([
      'worker_registry:',
      ...worker('worker-a', 'http://127.0.0.1:4001', ['ui_username: admin']),
    ]);
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: 'worker_registry[0].ui_password',
        message: "ui_password is required with ui_username (the worker's UI login)",
      }),
    ]);
  });

  test('litellm_key_header_name must be a header name, and the secret is not repeated', () => {
    const error = parseFailure([
      'worker_registry:',
      ...worker('worker-a', 'http://127.0.0.1:4001', [
        'litellm_key_header_name: "X Key"',
        'ui_username: admin',
        'ui_password: hunter2-secret',
      ]),
    ]);
    expect(error.issues[0]).toMatchObject({ path: 'worker_registry[0].litellm_key_header_name' });
    expect(JSON.stringify(error.issues)).not.toContain('hunter2-secret');
  });
});

describe('worker ids', () => {
  test('a duplicate worker_id is reported at the second entry', () => {
    const error = parseFailure([
      'worker_registry:',
      ...worker('worker-a', 'http://127.0.0.1:4001'),
      ...worker('worker-b', 'http://127.0.0.1:4002'),
      ...worker('worker-a', 'http://127.0.0.1:4003'),
    ]);
    expect(error.issues).toEqual([
      {
        path: 'worker_registry[2].worker_id',
        message: 'duplicate worker_id "worker-a" (already used by worker_registry[0])',
        line: 8,
        column: 16,
        file: FILE,
      },
    ]);
  });

  test.each(['..', '.', '""', '"line\\nbreak"'])('worker_id %s is rejected', (id) => {
    const error = parseFailure(['worker_registry:', ...worker(id, 'http://h')]);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ path: 'worker_registry[0].worker_id', line: 2, column: 16 });
    expect(error.issues[0]?.message).toMatch(/worker_id must/);
  });
});

describe('required fields and types', () => {
  test('each missing required field is reported, at the entry that lacks it', () => {
    const error = parseFailure([
      'worker_registry:',
      '  - worker_id: a',
      '    name: A',
      '  - name: B',
      '    url: http://b',
      '  - worker_id: c',
      '    url: http://c',
    ]);
    expect(error.issues).toEqual([
      {
        path: 'worker_registry[0].url',
        message: 'required field is missing',
        line: 2,
        column: 5,
        file: FILE,
      },
      {
        path: 'worker_registry[1].worker_id',
        message: 'required field is missing',
        line: 4,
        column: 5,
        file: FILE,
      },
      {
        path: 'worker_registry[2].name',
        message: 'required field is missing',
        line: 6,
        column: 5,
        file: FILE,
      },
    ]);
  });

  test('wrong types are reported with the expected and actual type, never the value', () => {
    const error = parseFailure([
      'worker_registry:',
      '  - worker_id: a',
      '    name: 42',
      '    url: http://a',
      '    api_key: [sk-in-a-list]',
      '    labels: [prod]',
      '    timeout_ms: 1.5',
      '  - worker_id: b',
      '    name: B',
      '    url: http://b',
      '    labels: { env: 1 }',
      '    timeout_ms: -3',
      '    region: true',
      'general_settings:',
      '  cors_allow_origins: https://one.example.com',
      '  session_ttl_seconds: soon',
      'model_list: { gpt: {} }',
    ]);
    const summary = error.issues.map((issue) => [issue.path, issue.line, issue.message]);
    expect(summary).toEqual([
      ['worker_registry[0].name', 3, 'expected a string, got a number'],
      ['worker_registry[0].api_key', 5, 'expected a string, got a list'],
      ['worker_registry[0].labels', 6, 'expected a mapping, got a list'],
      ['worker_registry[0].timeout_ms', 7, 'must be a whole number'],
      ['worker_registry[1].labels.env', 11, 'expected a string, got a number'],
      ['worker_registry[1].timeout_ms', 12, 'must be a positive integer'],
      ['worker_registry[1].region', 13, 'expected a string, got a boolean'],
      ['general_settings.cors_allow_origins', 15, 'expected a list, got a string'],
      ['general_settings.session_ttl_seconds', 16, 'expected a number, got a string'],
      ['model_list', 17, 'expected a list, got a mapping'],
    ]);
    expect(error.message).not.toContain('sk-in-a-list');
    expect(error.message.split('\n')).toHaveLength(1 + summary.length);
  });

  test('worker_registry that is not a list is rejected', () => {
    const error = parseFailure(['worker_registry:', '  worker-a:', '    url: http://a']);
    expect(error.issues).toEqual([
      { path: 'worker_registry', message: 'expected a list, got a mapping', line: 2, column: 3, file: FILE },
    ]);
  });

  test('a worker entry that is not a mapping is rejected', () => {
    const error = parseFailure(['worker_registry:', '  - http://a']);
    expect(error.issues[0]).toMatchObject({
      path: 'worker_registry[0]',
      message: 'expected a mapping, got a string',
      line: 2,
    });
  });
});

describe('whole-file problems', () => {
  test.each([
    ['an empty file', ''],
    ['a file of comments', '# nothing here\n\n'],
  ])('%s is rejected', (_name, text) => {
    const error = failure(() => parseConfig(text, { filename: FILE }));
    expect(error.issues).toEqual([{ path: '', message: 'config file is empty', file: FILE }]);
    expect(error.message).toBe(`Invalid control-plane config in ${FILE}:\n  (root): config file is empty`);
  });

  test('a document that is not a mapping is rejected', () => {
    const error = failure(() => parseConfig('- worker_id: a\n', { filename: FILE }));
    expect(error.issues[0]).toMatchObject({ path: '', line: 1, column: 1 });
    expect(error.issues[0]?.message).toContain('got a list');
  });

  test('YAML syntax errors give their line and column, all of them', () => {
    const error = failure(() =>
      parseConfig(
        ['worker_registry:', '  - worker_id: a', '    name: A: B', 'general_settings: [1', ''].join('\n'),
        {
          filename: FILE,
        },
      ),
    );
    expect(error.issues.length).toBeGreaterThanOrEqual(2);
    expect(error.issues[0]).toMatchObject({ path: '', line: 3, column: 11, file: FILE });
    expect(error.issues[0]?.message).toMatch(/^YAML syntax error: /);
    expect(error.issues.some((issue) => issue.line === 4 || issue.line === 5)).toBe(true);
    expect(error.message).toContain('(root) (line 3, column 11): YAML syntax error');
  });

  test('YAML errors point at the place without quoting the text there (it may be a credential)', () => {
    const secret = 'sk-quoted-by-the-yaml-parser-4e1d';
    const documents = [
      // The parser's own message ends with the unexpected token: `... in YAML stream: "<token>"`.
      `\n  worker_registry: []\ngeneral_settings:\n  master_key: ${secret}\n`,
      `general_settings:\n  master_key: |x${secret}\n   a\n`,
      `general_settings:\n  master_key: !${secret}! value\n`,
      // Unresolved aliases are reported with the alias name after a colon.
      `general_settings:\n  master_key: *${secret}\n`,
    ];
    for (const text of documents) {
      const error = failure(() => parseConfig(text, { filename: FILE }));
      expect(error.issues[0]?.message).toMatch(/^YAML (syntax error|could not be read): /);
      expect(`${error.message}\n${JSON.stringify(error.issues)}`).not.toContain(secret);
    }
  });

  test('a duplicated key is a syntax error at its line', () => {
    const error = failure(() =>
      parseConfig('general_settings: {}\ngeneral_settings: {}\n', { filename: FILE }),
    );
    expect(error.issues[0]).toMatchObject({ line: 2, message: expect.stringContaining('unique') });
  });

  test('an alias bomb is refused instead of expanded', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level++) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      lines.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(',')}]`);
    }
    lines.push('worker_registry: []');
    const error = failure(() => parseConfig(lines.join('\n'), { filename: FILE }));
    expect(error.issues).toEqual([{ path: '', message: expect.stringContaining('alias bomb'), file: FILE }]);
  });

  test('an alias that contains itself is refused', () => {
    const error = failure(() =>
      parseConfig('general_settings: &loop\n  nested: *loop\n', { filename: FILE }),
    );
    expect(error.issues[0]).toMatchObject({
      path: 'general_settings.nested',
      message: expect.stringContaining('circular'),
      line: 2,
    });
  });

  test('text over 10 MB is refused before it is parsed', () => {
    const text = `# ${'x'.repeat(CONFIG_MAX_BYTES)}\n`;
    const error = failure(() => parseConfig(text, { filename: FILE }));
    expect(error.issues).toEqual([{ path: '', message: expect.stringContaining('too large'), file: FILE }]);
    expect(error.message).toContain('10 MB');
  });
});

describe('os.environ/ references', () => {
  test('an unset variable in worker_registry or general_settings is an error naming it and the path', () => {
    const error = parseFailure([
      'worker_registry:',
      ...worker('a', 'os.environ/WORKER_A_URL', ['api_key: os.environ/WORKER_A_KEY']),
      'general_settings:',
      '  master_key: os.environ/CP_MASTER_KEY',
      'model_list:',
      '  - model_name: gpt',
      '    litellm_params: { model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY }',
    ]);
    expect(error.issues).toEqual([
      {
        path: 'worker_registry[0].url',
        message: 'environment variable WORKER_A_URL is not set',
        line: 4,
        column: 10,
        file: FILE,
      },
      {
        path: 'worker_registry[0].api_key',
        message: 'environment variable WORKER_A_KEY is not set',
        line: 5,
        column: 14,
        file: FILE,
      },
      {
        path: 'general_settings.master_key',
        message: 'environment variable CP_MASTER_KEY is not set',
        line: 7,
        column: 15,
        file: FILE,
      },
    ]);
  });

  test('resolved credentials never appear in messages', () => {
    const error = parseFailure(
      ['worker_registry:', ...worker('a', 'os.environ/URL', ['api_key: os.environ/KEY'])],
      {
        URL: 'https://user:pa55word@worker.example.com',
        KEY: 'sk-very-secret',
      },
    );
    expect(error.issues).toHaveLength(1);
    expect(error.message).not.toContain('pa55word');
    expect(error.message).not.toContain('sk-very-secret');
  });
});

describe('include', () => {
  test('an include pointing at a missing file is rejected at its list item', async () => {
    const error = await asyncFailure(() =>
      loadConfig(fixture('include-missing/cp_config.yaml'), { env: {} }),
    );
    expect(error.issues).toEqual([
      {
        path: 'include[1]',
        message: `included file not found: ${fixture('include-missing/does-not-exist.yaml')}`,
        line: 8,
        column: 5,
        file: fixture('include-missing/cp_config.yaml'),
      },
    ]);
    expect(error.message.split('\n')[0]).toBe(
      `Invalid control-plane config in ${fixture('include-missing/cp_config.yaml')}:`,
    );
  });

  test('issues inside an included file name that file and its lines', async () => {
    const error = await asyncFailure(() =>
      loadConfig(fixture('include-invalid/cp_config.yaml'), { env: {} }),
    );
    const included = fixture('include-invalid/workers.yaml');
    expect(error.issues).toEqual([
      {
        path: 'worker_registry[1].url',
        message: 'URL must use http or https (got "file:")',
        line: 4,
        column: 10,
        file: included,
      },
      {
        path: 'worker_registry[2].worker_id',
        message: 'duplicate worker_id "worker-a" (already used by worker_registry[0])',
        line: 5,
        column: 16,
        file: included,
      },
    ]);
    expect(error.message).toContain(`worker_registry[1].url (${included}, line 4, column 10)`);
  });

  test('including files beyond 10 MB in total is refused at the include that crosses the limit', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'cp-include-'));
    try {
      await writeFile(
        join(directory, 'part.yaml'),
        `# ${'x'.repeat(4 * 1024 * 1024)}\nlitellm_settings: {}\n`,
      );
      const main = join(directory, 'cp_config.yaml');
      await writeFile(main, 'include:\n  - part.yaml\n  - part.yaml\n  - part.yaml\n');
      const error = await asyncFailure(() => loadConfig(main, { env: {} }));
      expect(error.issues).toEqual([
        expect.objectContaining({
          path: 'include[2]',
          line: 4,
          message: expect.stringContaining('too large together'),
        }),
      ]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  test('include must be a list of paths', () => {
    const error = parseFailure(['include: models.yaml']);
    expect(error.issues[0]).toMatchObject({ path: 'include', line: 1, column: 10 });
  });
});

describe('loadConfig', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'cp-config-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  test('a missing config file is named in the error', async () => {
    const missing = join(directory, 'nope.yaml');
    const error = await asyncFailure(() => loadConfig(missing));
    expect(error.issues).toEqual([{ path: '', message: `config file not found: ${missing}`, file: missing }]);
    expect(error.message).toContain(missing);
  });

  test('a file over 10 MB is refused before it is read', async () => {
    const large = join(directory, 'large.yaml');
    await writeFile(large, 'worker_registry: []\n');
    await truncate(large, CONFIG_MAX_BYTES + 1);
    const error = await asyncFailure(() => loadConfig(large));
    expect(error.issues).toEqual([
      { path: '', message: expect.stringContaining(`${CONFIG_MAX_BYTES + 1} bytes`), file: large },
    ]);
  });

  test('a device or pipe is refused instead of read forever, as the config and as an include', async () => {
    const error = await asyncFailure(() => loadConfig('/dev/zero'));
    expect(error.issues).toEqual([
      { path: '', message: '/dev/zero is not a regular file', file: '/dev/zero' },
    ]);
    const including = join(directory, 'includes-device.yaml');
    await writeFile(including, 'include:\n  - /dev/zero\nworker_registry: []\n');
    const includeError = await asyncFailure(() => loadConfig(including, { env: {} }));
    expect(includeError.issues).toEqual([
      expect.objectContaining({
        path: 'include[0]',
        message: 'included file /dev/zero is not a regular file',
      }),
    ]);
  });

  test('every issue of a file is reported at once, one per line of the message', async () => {
    const file = join(directory, 'many.yaml');
    await writeFile(
      file,
      [
        'worker_registry:',
        ...worker('a', 'ftp://a'),
        ...worker('a', 'http://b'),
        '  - worker_id: c',
        'general_settings:',
        '  master_key: os.environ/UNSET_MASTER_KEY',
        '',
      ].join('\n'),
    );
    const error = await asyncFailure(() => loadConfig(file, { env: {} }));
    const expected: Partial<ConfigIssue>[] = [
      { path: 'worker_registry[0].url', line: 4 },
      { path: 'worker_registry[1].worker_id', line: 5 },
      { path: 'worker_registry[2].name', line: 8 },
      { path: 'worker_registry[2].url', line: 8 },
      { path: 'general_settings.master_key', line: 10 },
    ];
    expect(error.issues).toEqual(expected.map((issue) => expect.objectContaining(issue)));
    expect(error.message.split('\n')).toHaveLength(1 + expected.length);
    expect(error.file).toBe(file);
  });
});
