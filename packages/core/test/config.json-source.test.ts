import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError, parseConfig } from '../src/index.js';

const FILE = '/etc/control-plane/cp_config.json';

function failure(text: string): ConfigError {
  try {
    parseConfig(text, { env: {}, filename: FILE });
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const config = {
  general_settings: { master_key: 'sk-cp-0123456789', alerting: ['slack'] },
  worker_registry: Array.from({ length: 50 }, (_, index) => ({
    worker_id: `w${index}`,
    name: `Worker "${index}" \u00e9 \\ /`,
    url: `http://127.0.0.1:${4000 + index}`,
    region: index % 2 === 0 ? 'eu' : 'us',
    labels: { tier: index % 3 === 0 ? 'gold' : 'silver', 'odd key': 'x:y' },
  })),
  model_list: [{ model_name: 'm', litellm_params: { model: 'openai/gpt-4o', rpm: 1e3, temperature: 0.5 } }],
};

describe('a config written as JSON', () => {
  test('reads to the same config as the same document written as block YAML', () => {
    const json = parseConfig(JSON.stringify(config, null, 2), { env: {}, filename: FILE });
    const yaml = parseConfig(stringify(config), { env: {}, filename: FILE });
    expect(json).toEqual(yaml);
    expect(json.config.worker_registry).toHaveLength(50);
  });

  test('a repeated member name is refused with its line, as in YAML', () => {
    const text = [
      '{',
      '  "worker_registry": [],',
      '  "general_settings": {},',
      '  "worker_registry": []',
      '}',
    ].join('\n');
    const error = failure(text);
    expect(error.issues[0]?.message).toMatch(/unique|duplicate/i);
    expect(error.issues[0]?.line).toBe(4);
  });

  test('a repeated name inside a worker is refused too, and an escaped quote does not hide it', () => {
    const text = JSON.stringify({
      worker_registry: [{ worker_id: 'a\\":', name: 'A', url: 'http://h:1' }],
    }).replace('"name":"A"', '"name":"A","name":"B"');
    expect(failure(text).issues[0]?.message).toMatch(/unique|duplicate/i);
  });

  test('a validation error names the line and column of the value in the JSON text', () => {
    const text = [
      '{',
      '  "worker_registry": [',
      '    { "worker_id": "a", "name": "A", "url": "http://127.0.0.1:4001" },',
      '    { "worker_id": "b", "name": "B", "url": "ftp://files.example.com" }',
      '  ]',
      '}',
    ].join('\n');
    const error = failure(text);
    expect(error.issues).toEqual([
      expect.objectContaining({ path: 'worker_registry[1].url', line: 4, column: 45, file: FILE }),
    ]);
  });

  test('a JSON array at the top is refused with its position', () => {
    const error = failure('[1, 2]');
    expect(error.issues[0]).toMatchObject({ path: '', line: 1, column: 1 });
    expect(error.issues[0]?.message).toMatch(/must be a mapping/);
  });

  test('invalid JSON that is valid YAML is still read as YAML', () => {
    const text = '{ "worker_registry": [ { worker_id: a, name: A, url: "http://127.0.0.1:4001" } ] }';
    expect(parseConfig(text, { env: {}, filename: FILE }).config.worker_registry[0]?.worker_id).toBe('a');
  });
});
