import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeWorker } from '@llm-control-plane/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY, MASTER_KEY, workerKey } from './support/fixtures.js';

const packageRoot = new URL('..', import.meta.url).pathname;

type Cli = {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
};

function runCli(args: string[], env: Record<string, string> = {}): Cli {
  const child = spawn(
    process.execPath,
    ['--conditions=@llm-control-plane/source', '--import', 'tsx', 'src/cli.ts', ...args],
    {
      cwd: packageRoot,
      env: { ...process.env, PORT: '', HOST: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cp-cli-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('control-plane CLI', () => {
  it('starts from a config file and shuts down cleanly on SIGTERM', { timeout: 180_000 }, async () => {
    await using worker = await startFakeWorker({ masterKey: workerKey(0), seed: 1 });
    const configPath = join(directory, 'cp_config.yaml');
    await writeFile(
      configPath,
      [
        'worker_registry:',
        '  - worker_id: worker-a',
        '    name: Worker A',
        `    url: ${worker.url}`,
        '    api_key: os.environ/WORKER_A_KEY',
        'general_settings:',
        '  master_key: os.environ/CP_MASTER_KEY',
        '',
      ].join('\n'),
    );
    const dataDir = join(directory, 'data');
    const cli = runCli(['--config', configPath, '--port', '0', '--data-dir', dataDir], {
      WORKER_A_KEY: worker.masterKey,
      CP_MASTER_KEY: MASTER_KEY,
    });
    try {
      const url = await waitFor(
        () => /listening on (http:\/\/\S+)/.exec(cli.stdout())?.[1],
        150_000,
        `the listening line (stderr: ${cli.stderr()})`,
      );
      const live = await fetch(`${url}/health/liveliness`);
      expect(await live.text()).toBe("I'm alive!");
      const workers = await fetch(`${url}/api/v1/workers/worker-a/admin/key/list`, {
        headers: { authorization: `Bearer ${MASTER_KEY}` },
      });
      expect(workers.status).toBe(200);
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
      expect(cli.stderr()).toContain('shutting down');
      expect(cli.stdout() + cli.stderr()).not.toContain(CANARY);
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  // The failure scenarios are independent processes; running them side by side saves a tsx start-up each.
  it.concurrent('names the missing config file and exits 1', async () => {
    const missing = join(directory, 'nope.yaml');
    const cli = runCli(['--config', missing]);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toContain(missing);
  });

  it.concurrent('says which flag and variable to change when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const configPath = join(directory, 'empty.yaml');
    await writeFile(configPath, `general_settings:\n  master_key: ${MASTER_KEY}\n`);
    try {
      const cli = runCli(['--config', configPath], { PORT: String(port) });
      expect(await cli.exited).toBe(1);
      expect(cli.stderr()).toMatch(new RegExp(`Port ${port} is already in use.*--port.*PORT`));
    } finally {
      blocker.close();
    }
  });

  it.concurrent('explains usage errors', async () => {
    const cli = runCli(['--bogus']);
    const noConfig = runCli([]);
    expect(await Promise.all([cli.exited, noConfig.exited])).toEqual([1, 1]);
    expect(cli.stderr()).toMatch(/Usage:/);
    expect(noConfig.stderr()).toMatch(/--config is required/);
  });
});
