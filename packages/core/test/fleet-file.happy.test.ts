import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, fleetFileJsonSchema, parseFleetFile } from '../src/index.js';

const packageRoot = new URL('../', import.meta.url);
const exampleUrl = new URL('../../examples/gitops/fleet.yaml', packageRoot);

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (ConfigError.isInstance(error))
      return error.message
        .split('\n')
        .slice(1)
        .map((line) => line.trim());
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('fleet file', () => {
  it('ships a JSON Schema generated from the zod schema', async () => {
    const shipped = JSON.parse(await readFile(new URL('fleet.schema.json', packageRoot), 'utf8'));
    // Regenerate with `pnpm --filter @llm-control-plane/core write:fleet-schema`.
    expect(shipped).toEqual(fleetFileJsonSchema());
  });

  it('accepts the gitops example with the JSON Schema and the parser, resolving secrets', async () => {
    const text = await readFile(exampleUrl, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../packages/core/fleet.schema.json');
    const validate = new Ajv({ strict: false }).compile(fleetFileJsonSchema());
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    const fleet = parseFleetFile(text, { env: { OPENAI_API_KEY: 'sk-openai' } });
    expect(fleet.targets).toHaveLength(3);
    expect(fleet.targets[1]?.workers).toEqual({ labels: { env: 'prod' } });
    expect(fleet.targets[1]?.models?.[0]?.litellm_params).toEqual({
      model: 'openai/gpt-4o-mini',
      api_key: 'sk-openai',
    });
  });

  it('reports every problem with its path and line, never a secret', () => {
    const text = [
      'version: 1',
      'targets:',
      '  - workers: { ids: [".."], colour: blue }',
      '    guardrails: []',
      '    teams:',
      '      - team_alias: a',
      '      - team_alias: a',
      '    models:',
      '      - model_name: m',
      '        litellm_params: { model: openai/x, api_key: os.environ/UNSET_KEY }',
      '      - model_name: n',
    ].join('\n');
    const issues = issuesOf(() => parseFleetFile(text, { env: {} }));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^targets\[0\]\.workers\.ids\[0\] \(line 3.*not a valid worker_id/),
        expect.stringMatching(/^targets\[0\]\.workers \(line 3.*colour/),
        expect.stringMatching(/^targets\[0\] \(line 3.*guardrails/),
        expect.stringMatching(
          /^targets\[0\]\.models\[0\]\.litellm_params\.api_key \(line 10.*UNSET_KEY is not set/,
        ),
        expect.stringMatching(/^targets\[0\]\.models\[1\]\.litellm_params .*required field is missing/),
      ]),
    );
    const clean = [
      'version: 1',
      'targets:',
      '  - teams:',
      '      - team_alias: a',
      '      - team_alias: a',
      '    models:',
      '      - model_name: m',
      '        litellm_params: { model: openai/x, api_key: os.environ/SET_KEY }',
    ].join('\n');
    const duplicate = () => parseFleetFile(clean, { env: { SET_KEY: 'sk-secret-value' } });
    const duplicateIssues = issuesOf(duplicate);
    expect(duplicateIssues.join('\n')).toContain('duplicate team_alias "a" (already declared at teams[0])');
    expect(duplicateIssues.join('\n')).not.toContain('sk-secret-value');
    expect(issuesOf(() => parseFleetFile('version: 2\ntargets: []', { env: {} }))).toEqual([
      expect.stringMatching(/^version .*1/),
      expect.stringMatching(/^targets .*at least one target/),
    ]);
  });
});
