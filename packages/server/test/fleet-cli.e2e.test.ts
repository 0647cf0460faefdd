import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeWorker } from '@llm-control-plane/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startControlPlane } from '../src/start.js';
import { MASTER_KEY } from './support/fixtures.js';
import { run, runBinary, startThreeWorkers } from './support/fleet-cli.js';
import { createMemoryStore } from './support/memory-store.js';

let directory: string;
let workers: FakeWorker[];
let configPath: string;
let fleetPath: string;

function fleetYaml(teamBudget: number): string {
  return [
    'version: 1',
    'targets:',
    '  - name: everywhere',
    '    teams:',
    `      - { team_alias: platform, max_budget: ${teamBudget}, models: [gpt-4o-mini] }`,
    '  - name: production',
    '    workers: { labels: { env: prod } }',
    '    budgets:',
    '      - { budget_id: prod-monthly, max_budget: 500, budget_duration: 30d }',
    '    models:',
    '      - model_name: gpt-4o-mini',
    '        litellm_params: { model: openai/gpt-4o-mini, api_key: os.environ/OPENAI_API_KEY }',
  ].join('\n');
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cp-fleet-cli-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

beforeEach(async () => {
  workers = await startThreeWorkers();
  const registry = workers.map((worker, index) => ({
    worker_id: `worker-${'abc'[index]}`,
    name: `Worker ${index}`,
    url: worker.url,
    api_key: worker.masterKey,
    labels: { env: index < 2 ? 'prod' : 'staging' },
  }));
  configPath = join(directory, 'cp_config.yaml');
  await writeFile(
    configPath,
    JSON.stringify({ worker_registry: registry, general_settings: { master_key: MASTER_KEY } }),
  );
  fleetPath = join(directory, 'fleet.yaml');
  await writeFile(fleetPath, fleetYaml(100));
});

afterEach(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
});

describe('control-plane plan/apply -f fleet.yaml', () => {
  it('plans, applies idempotently and reports a down worker, from a cp_config.yaml', async () => {
    const first = await run('plan', ['-f', fleetPath, '--config', configPath]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(2);
    expect(first.stdout).toContain('worker worker-a  (everywhere, production)');
    expect(first.stdout).toContain('+ team platform');
    expect(first.stdout).toContain('+ budget prod-monthly');
    expect(first.stdout).toContain('+ model gpt-4o-mini');
    expect(first.stdout).toMatch(
      /worker worker-c {2}\(everywhere\)\n {2}\+ team platform\n(?! {2}\+ budget)/,
    );
    expect(first.stdout).not.toContain('sk-openai-test-secret');

    const unconfirmed = await run('apply', ['-f', fleetPath, '--config', configPath]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('pass --yes');
    const declined = await run('apply', ['-f', fleetPath, '--config', configPath], { answer: 'no' });
    expect(declined.code).toBe(1);
    expect((await run('plan', ['-f', fleetPath, '--config', configPath])).code).toBe(2);

    const applied = await run('apply', ['-f', fleetPath, '--config', configPath], {
      answer: 'yes',
      tty: true,
    });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    // Live progress rewrites one status line on a terminal.
    expect(applied.stdout).toContain('\r\x1b[2KApplying: 0/3 worker(s) done; running worker-a');
    expect(applied.stdout).toMatch(/Summary:\n {2}applied +worker-a {2}applied 3, unchanged 0, failed 0/);
    expect(workers[0]!.state.teams.size + workers[2]!.state.teams.size).toBeGreaterThanOrEqual(2);

    const again = await run('plan', ['-f', fleetPath, '--config', configPath]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('no changes (3 up to date)');
    const noop = await run('apply', ['-f', fleetPath, '--config', configPath, '--yes']);
    expect(noop.code).toBe(0);
    expect(noop.stdout).toContain('No changes');
    expect(noop.stdout).not.toContain('\x1b');

    await writeFile(fleetPath, fleetYaml(250));
    await workers[2]!.fault('down');
    const partial = await run('plan', ['-f', fleetPath, '--config', configPath, '--json']);
    expect(partial.code).toBe(1);
    const planned = JSON.parse(partial.stdout) as {
      changes: boolean;
      summary: { update: number; failed_workers: number };
      workers: {
        worker_id: string;
        changes: { action: string; id: string; diff?: unknown[] }[];
        error?: { kind: string };
      }[];
    };
    expect(planned.changes).toBe(true);
    expect(planned.summary).toMatchObject({ update: 2, failed_workers: 1 });
    expect(planned.workers.map((worker) => worker.worker_id)).toEqual(['worker-a', 'worker-b', 'worker-c']);
    expect(planned.workers[0]!.changes.find((change) => change.action === 'update')).toMatchObject({
      id: 'platform',
      diff: [{ field: 'max_budget', from: 100, to: 250 }],
    });
    expect(planned.workers[2]!.error?.kind).toBe('unreachable');

    const partialApply = await run('apply', ['-f', fleetPath, '--config', configPath, '--yes', '--json']);
    expect(partialApply.code).toBe(1);
    const result = JSON.parse(partialApply.stdout) as {
      status: string;
      workers: { worker_id: string; status: string }[];
    };
    expect(result.status).toBe('partial');
    expect(result.workers.map((worker) => [worker.worker_id, worker.status])).toEqual([
      ['worker-a', 'applied'],
      ['worker-b', 'applied'],
      ['worker-c', 'failed'],
    ]);
    const settled = JSON.parse(
      (await run('plan', ['-f', fleetPath, '--config', configPath, '--json'])).stdout,
    ) as {
      summary: { create: number; update: number };
    };
    expect(settled.summary).toMatchObject({ create: 0, update: 0 });
  });

  it('works against a running control plane with CONTROL_PLANE_TOKEN, and through the binary', async () => {
    const { config } = await import('@llm-control-plane/core').then(async (core) =>
      core.loadConfig(configPath, { env: {} }),
    );
    const running = await startControlPlane({
      config,
      port: 0,
      store: createMemoryStore(),
      uiAssetsDir: false,
      monitorIntervalMs: 60_000,
    });
    try {
      const missingToken = await run('plan', ['-f', fleetPath, '--url', running.url]);
      expect(missingToken.code).toBe(1);
      expect(missingToken.stderr).toContain('CONTROL_PLANE_TOKEN');
      const badToken = await run('plan', ['-f', fleetPath, '--url', running.url], {
        env: { CONTROL_PLANE_TOKEN: 'wrong' },
      });
      expect(badToken.code).toBe(1);
      expect(badToken.stderr).toContain('HTTP 401');

      const env = { CONTROL_PLANE_TOKEN: MASTER_KEY };
      expect((await run('plan', ['-f', fleetPath, '--url', running.url], { env })).code).toBe(2);
      const applied = await run('apply', ['-f', fleetPath, '--url', running.url, '--yes', '--json'], { env });
      expect(applied.code).toBe(0);
      expect((JSON.parse(applied.stdout) as { summary: { applied: number } }).summary.applied).toBe(7);
      const audit = await fetch(`${running.url}/api/v1/audit?action=fleet.apply`, {
        headers: { authorization: `Bearer ${MASTER_KEY}` },
      });
      expect(((await audit.json()) as { entries: unknown[] }).entries.length).toBe(3);

      // The installed binary: same command, exit code 0 once nothing is left to change.
      const binary = await runBinary(['plan', '-f', fleetPath, '--url', running.url], {
        ...env,
        OPENAI_API_KEY: 'sk-x',
      });
      const output = binary.stdout;
      const code = binary.code;
      expect(output).toContain('no changes');
      expect(code).toBe(0);
    } finally {
      await running.close();
    }
  });

  it('refuses bad invocations and bad fleet files with a clear message', async () => {
    const neither = await run('plan', ['-f', fleetPath]);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain('exactly one of --url');
    const noFile = await run('apply', ['--config', configPath]);
    expect(noFile.stderr).toContain('-f/--file is required');
    const conflicting = join(directory, 'conflict.yaml');
    await writeFile(
      conflicting,
      'version: 1\ntargets:\n  - teams: [{ team_alias: x }]\n  - name: prod\n    workers: { labels: { env: prod } }\n    teams: [{ team_alias: x }]\n',
    );
    const conflict = await run('plan', ['-f', conflicting, '--config', configPath]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('team_alias "x" is declared by both "targets[0]" and "prod"');
    const broken = join(directory, 'broken.yaml');
    await writeFile(
      broken,
      'version: 1\ntargets:\n  - teams: [{ team_alias: x, models: os.environ/NOT_SET_ANYWHERE }]\n',
    );
    const invalid = await run('plan', ['-f', broken, '--config', configPath]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('targets[0].teams[0].models (line 3');
    expect(invalid.stderr).toContain('NOT_SET_ANYWHERE is not set');
  });
});
