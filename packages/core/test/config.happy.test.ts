import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  ConfigError,
  ControlPlaneConfigSchema,
  isWorkerId,
  loadConfig,
  parseConfig,
  RESERVED_WORKER_IDS,
  validateWorkerUrl,
  WorkerRegistryEntrySchema,
  workerIdProblem,
} from '../src/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

const fullEnvironment = {
  OPENAI_API_KEY: 'sk-openai-test',
  AZURE_API_BASE: 'https://eu.openai.azure.example.com',
  AZURE_API_KEY: 'azure-test',
  ANTHROPIC_API_KEY: 'sk-ant-test',
  LITELLM_MASTER_KEY: 'sk-cp-master',
  DATABASE_URL: 'postgres://cp:cp@db.internal:5432/cp',
  UI_PASSWORD: 'ui-password',
  CP_SECRET_KEY: 'cp-secret-key',
  WORKER_A_KEY: 'sk-worker-a',
  WORKER_B_KEY: 'sk-worker-b',
};

describe('loadConfig with a full LiteLLM proxy config plus a worker_registry', () => {
  test('loads every worker, resolving credentials and keeping URLs as written', async () => {
    const { config, file } = await loadConfig(fixture('full/cp_config.yaml'), { env: fullEnvironment });
    expect(file).toBe(fixture('full/cp_config.yaml'));
    expect(config.worker_registry).toEqual([
      {
        worker_id: 'worker-a',
        name: 'Worker A (EU)',
        url: 'HTTPS://Worker-A.internal.example.com:443/',
        api_key: 'sk-worker-a',
        labels: { env: 'prod', team: 'platform' },
        region: 'eu-west-1',
        timeout_ms: 15000,
      },
      {
        worker_id: 'worker_b.us',
        name: 'Worker B (US)',
        url: 'http://10.0.3.7:4000/litellm/',
        api_key: 'sk-worker-b',
        region: 'us-east-1',
        labels: { env: 'staging' },
        timeout_ms: 5000,
      },
      { worker_id: 'worker-c', name: 'Worker C (browser-direct)', url: 'https://worker-c.example.com' },
    ]);
  });

  test('keeps the general_settings the control plane reads and every other LiteLLM setting', async () => {
    const { config } = await loadConfig(fixture('full/cp_config.yaml'), { env: fullEnvironment });
    expect(config.general_settings).toEqual({
      master_key: 'sk-cp-master',
      database_url: 'postgres://cp:cp@db.internal:5432/cp',
      ui_username: 'admin',
      ui_password: 'ui-password',
      cors_allow_origins: ['https://cp.example.com'],
      allowed_worker_hosts: ['*.internal.example.com', '10.0.0.0/8'],
      session_ttl_seconds: 43200,
      control_plane_url: 'https://cp.example.com',
      secret_key: 'cp-secret-key',
      store_model_in_db: true,
      alerting: ['slack'],
      proxy_batch_write_at: 60,
    });
  });

  test('keeps model_list, litellm_settings, router_settings and unknown sections, resolving os.environ/', async () => {
    const { config } = await loadConfig(fixture('full/cp_config.yaml'), { env: fullEnvironment });
    const models = config.model_list as { model_name: string; litellm_params: Record<string, unknown> }[];
    // The included file's model_list is appended to the including file's.
    expect(models.map((model) => model.model_name)).toEqual([
      'gpt-4o',
      'gpt-4o',
      'claude-sonnet',
      'text-embedding-3-small',
      'llama-3-70b',
    ]);
    expect(models[0]?.litellm_params).toEqual({
      model: 'openai/gpt-4o',
      api_key: 'sk-openai-test',
      rpm: 600,
      tpm: 200000,
    });
    expect(models[1]?.litellm_params.api_base).toBe('https://eu.openai.azure.example.com');
    // Mappings present in both files are merged key by key.
    expect(config.litellm_settings).toMatchObject({
      drop_params: true,
      num_retries: 3,
      set_verbose: false,
      success_callback: ['prometheus'],
      fallbacks: [{ 'gpt-4o': ['claude-sonnet'] }],
    });
    // REDIS_HOST is defined in environment_variables, as LiteLLM allows.
    expect(config.litellm_settings?.cache_params).toEqual({
      type: 'redis',
      host: 'redis.internal.example.com',
      port: 6379,
    });
    expect(config.router_settings).toMatchObject({
      routing_strategy: 'usage-based-routing-v2',
      redis_host: 'redis.internal.example.com',
      cooldown_time: 30,
    });
    expect(config.environment_variables).toEqual({
      REDIS_HOST: 'redis.internal.example.com',
      LANGFUSE_HOST: 'https://langfuse.example.com',
    });
    expect(config.worker_defaults).toEqual({ region: 'eu-west-1', timeout_ms: 15000 });
    expect(config.include).toEqual(['models.extra.yaml']);
  });

  test('an unset variable outside the control-plane sections is a warning naming the variable and line', async () => {
    const { config, warnings } = await loadConfig(fixture('full/cp_config.yaml'), { env: fullEnvironment });
    const groqWarning = warnings.find((warning) => warning.message.includes('GROQ_API_KEY'));
    expect(groqWarning).toMatchObject({
      path: 'model_list[4].litellm_params.api_key',
      file: fixture('full/models.extra.yaml'),
      line: 6,
    });
    const models = config.model_list as { litellm_params: Record<string, unknown> }[];
    expect(models[4]?.litellm_params.api_key).toBe('os.environ/GROQ_API_KEY');
    expect(warnings).toHaveLength(1);
  });
});

describe('parseConfig', () => {
  test('a plain LiteLLM proxy config without worker_registry gives an empty registry', () => {
    const { config, warnings } = parseConfig(
      ['model_list:', '  - model_name: gpt-4o', '    litellm_params:', '      model: openai/gpt-4o', ''].join(
        '\n',
      ),
      { env: {} },
    );
    expect(config.worker_registry).toEqual([]);
    expect(config.general_settings).toEqual({});
    expect(config.model_list).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  test('empty worker_registry and general_settings sections default to empty values', () => {
    const { config } = parseConfig('worker_registry:\ngeneral_settings:\n', { env: {} });
    expect(config.worker_registry).toEqual([]);
    expect(config.general_settings).toEqual({});
  });

  test('options.env takes precedence over environment_variables, and process.env is the default', () => {
    const text = [
      'environment_variables:',
      '  WORKER_KEY: from-config',
      'worker_registry:',
      '  - { worker_id: a, name: A, url: "http://127.0.0.1:4001", api_key: os.environ/WORKER_KEY }',
      '',
    ].join('\n');
    expect(
      parseConfig(text, { env: { WORKER_KEY: 'from-options' } }).config.worker_registry[0]?.api_key,
    ).toBe('from-options');
    expect(parseConfig(text, { env: {} }).config.worker_registry[0]?.api_key).toBe('from-config');

    const variable = 'LLM_CONTROL_PLANE_CONFIG_TEST_KEY';
    process.env[variable] = 'from-process';
    try {
      const { config } = parseConfig(
        `worker_registry:\n  - { worker_id: a, name: A, url: "http://h", api_key: os.environ/${variable} }\n`,
      );
      expect(config.worker_registry[0]?.api_key).toBe('from-process');
    } finally {
      delete process.env[variable];
    }
  });

  test('numbers given as strings (as os.environ/ values are) are accepted for timeout_ms', () => {
    const { config } = parseConfig(
      'worker_registry:\n  - { worker_id: a, name: A, url: "http://h", timeout_ms: os.environ/TIMEOUT }\n',
      { env: { TIMEOUT: '2500' } },
    );
    expect(config.worker_registry[0]?.timeout_ms).toBe(2500);
  });

  test('an unknown field in a worker entry is a warning, not an error, and is dropped', () => {
    const text = [
      'worker_registry:',
      '  - worker_id: a',
      '    name: A',
      '    url: http://127.0.0.1:4001',
      '    master_key: sk-misplaced',
      '',
    ].join('\n');
    const { config, warnings } = parseConfig(text, { env: {}, filename: '/etc/cp/cp_config.yaml' });
    expect(config.worker_registry[0]).toEqual({ worker_id: 'a', name: 'A', url: 'http://127.0.0.1:4001' });
    expect(warnings).toEqual([
      {
        path: 'worker_registry[0].master_key',
        message: expect.stringContaining('unknown field "master_key" is ignored'),
        line: 5,
        column: 17,
        file: '/etc/cp/cp_config.yaml',
      },
    ]);
    expect(JSON.stringify(warnings)).not.toContain('sk-misplaced');
  });

  test('an unset variable in an unknown worker field is only a warning, since the field is dropped', () => {
    const { warnings } = parseConfig(
      'worker_registry:\n  - { worker_id: a, name: A, url: "http://h", tls_cert: os.environ/UNSET_CERT }\n',
      { env: {} },
    );
    expect(warnings.map((warning) => [warning.path, warning.message])).toEqual([
      ['worker_registry[0].tls_cert', expect.stringContaining('UNSET_CERT is not set')],
      ['worker_registry[0].tls_cert', expect.stringContaining('unknown field "tls_cert"')],
    ]);
  });

  test('YAML anchors and merge keys within the alias cap are expanded', () => {
    const text = [
      'common: &common { region: eu, timeout_ms: 1000 }',
      'worker_registry:',
      '  - { <<: *common, worker_id: a, name: A, url: "http://a" }',
      '  - { <<: *common, worker_id: b, name: B, url: "http://b", region: us }',
      '',
    ].join('\n');
    const { config } = parseConfig(text, { env: {} });
    expect(config.worker_registry.map((entry) => [entry.worker_id, entry.region, entry.timeout_ms])).toEqual([
      ['a', 'eu', 1000],
      ['b', 'us', 1000],
    ]);
  });
});

describe('validateWorkerUrl', () => {
  test.each([
    ['http://127.0.0.1:4000/', 'http://127.0.0.1:4000'],
    ['HTTPS://Worker.Example.COM', 'https://worker.example.com'],
    ['https://worker.example.com:443//', 'https://worker.example.com'],
    ['http://worker.example.com:80/litellm/', 'http://worker.example.com/litellm'],
    ['http://[::1]:4000/', 'http://[::1]:4000'],
  ])('%s → %s', (input, expected) => {
    expect(validateWorkerUrl(input)).toBe(expected);
  });

  test('rejects other schemes with the scheme named', () => {
    expect(() => validateWorkerUrl('javascript:alert(1)')).toThrow(
      'URL must use http or https (got "javascript:")',
    );
    expect(() => validateWorkerUrl('ftp://example.com')).toThrow('(got "ftp:")');
    expect(() => validateWorkerUrl('not a url')).toThrow('URL is not valid');
  });

  test('rejects credentials without repeating them', () => {
    let message = '';
    try {
      validateWorkerUrl('https://admin:hunter2@worker.example.com');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('must not contain credentials');
    expect(message).not.toContain('hunter2');
  });
});

describe('schemas and identifiers', () => {
  test('isWorkerId accepts what LiteLLM accepts except dot-segments and control characters', () => {
    for (const id of [
      'worker-a',
      'EU West (prod)/1',
      'a%2Fb',
      'q?x=1#frag',
      'é 東京',
      '...',
      ' ',
      'x'.repeat(300),
    ]) {
      expect(isWorkerId(id), id).toBe(true);
    }
    for (const id of ['', '.', '..', 'a\u0000b', 'a\nb', 'tab\there']) expect(isWorkerId(id), id).toBe(false);
    expect(RESERVED_WORKER_IDS).toEqual(['.', '..']);
    expect(workerIdProblem('..')).toContain('path segments');
  });

  test('a config with ids holding spaces, slashes, unicode, %, ? and # loads them unchanged', () => {
    const ids = ['EU West (prod)/1', 'üst/東京', '100% ready', 'what?', '#1', '../x', 'a/../b'];
    const parsed = parseConfig(
      JSON.stringify({
        worker_registry: ids.map((id, index) => ({
          worker_id: id,
          name: id,
          url: `http://10.0.0.${index + 1}:4000`,
        })),
      }),
    );
    expect(parsed.config.worker_registry.map((entry) => entry.worker_id)).toEqual(ids);
  });

  test('the ids "." and ".." are a ConfigError naming the entry', () => {
    for (const id of ['.', '..']) {
      let error: unknown;
      try {
        parseConfig(JSON.stringify({ worker_registry: [{ worker_id: id, name: 'n', url: 'http://h' }] }));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain('worker_registry[0].worker_id');
      expect((error as ConfigError).message).toContain('must not be "." or ".."');
    }
  });

  test('WorkerRegistryEntrySchema validates an entry on its own and keeps its url as written', () => {
    expect(WorkerRegistryEntrySchema.parse({ worker_id: 'a', name: 'A', url: 'http://H:4000/' })).toEqual({
      worker_id: 'a',
      name: 'A',
      url: 'http://H:4000/',
    });
    expect(WorkerRegistryEntrySchema.safeParse({ worker_id: 'a', name: 'A', url: 'ftp://h' }).success).toBe(
      false,
    );
    expect(WorkerRegistryEntrySchema.safeParse({ worker_id: '..', name: 'A', url: 'http://h' }).success).toBe(
      false,
    );
  });

  test('ControlPlaneConfigSchema keeps unknown top-level sections', () => {
    const config = ControlPlaneConfigSchema.parse({ mcp_servers: { a: { url: 'http://m' } } });
    expect(config).toEqual({
      worker_registry: [],
      general_settings: {},
      mcp_servers: { a: { url: 'http://m' } },
    });
  });

  test('ConfigError.isInstance recognises errors by marker', () => {
    const error = new ConfigError([{ path: 'worker_registry', message: 'expected a list, got a mapping' }]);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(ConfigError.isInstance(new Error('x'))).toBe(false);
    expect(error.message).toBe(
      'Invalid control-plane config:\n  worker_registry: expected a list, got a mapping',
    );
  });
});
