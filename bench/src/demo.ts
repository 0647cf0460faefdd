import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { round } from './statistics.js';
import type { BenchmarkContext, BenchmarkResult } from './types.js';

const exec = promisify(execFile);
const TARGET_MS = 20_000;
const GIVE_UP_MS = 180_000;

/** Runs `pnpm start` in `directory` until the demo prints its URL; returns the milliseconds it took. */
async function timeToDemo(directory: string, port: number): Promise<number> {
  const started = performance.now();
  const child: ChildProcess = spawn('pnpm', ['start', '--port', String(port)], {
    cwd: directory,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  let output = '';
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the demo did not start: ${output.slice(-2000)}`)),
        GIVE_UP_MS,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/demo running at http:\/\//i.test(output)) {
          clearTimeout(timer);
          resolve(performance.now() - started);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`pnpm start exited with ${code}: ${output.slice(-2000)}`));
      });
    });
  } finally {
    // pnpm, turbo and node form a process group of their own (detached): end all of it.
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  }
}

/**
 * `pnpm install && pnpm start` from a fresh clone until the demo prints its URL, as a new user runs it:
 * a `git clone` of the committed tree into an empty directory (no build output, no turbo cache), then a
 * second `pnpm start` in the same clone, which reuses the cached build.
 */
export async function run(context: BenchmarkContext): Promise<BenchmarkResult> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'cp-bench-demo-'));
  const clone = path.join(directory, 'clone');
  try {
    await exec('git', ['clone', '--quiet', '--no-hardlinks', context.repositoryRoot, clone]);
    const installStarted = performance.now();
    await exec('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], {
      cwd: clone,
      maxBuffer: 64 * 1024 * 1024,
    });
    const installMs = performance.now() - installStarted;
    context.log(`demo: pnpm install ${Math.round(installMs)} ms`);
    const port = 40_000 + Math.floor(Math.random() * 20_000);
    const firstStartMs = await timeToDemo(clone, port);
    context.log(`demo: first pnpm start ${Math.round(firstStartMs)} ms`);
    const secondStartMs = await timeToDemo(clone, port + 1);
    const total = installMs + firstStartMs;
    return {
      name: 'demo',
      title: '`pnpm install && pnpm start` from a fresh clone until the demo is up',
      rows: [
        { step: 'pnpm install --frozen-lockfile', 'time (s)': round(installMs / 1000, 1) },
        {
          step: 'pnpm start, first (builds without declarations)',
          'time (s)': round(firstStartMs / 1000, 1),
        },
        { step: 'install + first start', 'time (s)': round(total / 1000, 1) },
        { step: 'pnpm start again (cached build)', 'time (s)': round(secondStartMs / 1000, 1) },
      ],
      targets: [
        {
          name: 'pnpm install && pnpm start from a fresh clone',
          target: `≤ ${TARGET_MS / 1000} s`,
          actual: `${round(total / 1000, 1)} s`,
          met: total <= TARGET_MS,
        },
      ],
      notes: [
        'A `git clone` of the committed HEAD (uncommitted changes are not in it) into a temp directory; the demo is up ' +
          'when it prints "demo running at http://…". `pnpm install` uses the machine\'s pnpm store (`--prefer-offline`), ' +
          'as on any machine that installed a package before; a machine with an empty store also downloads the packages.',
      ],
      data: { installMs, firstStartMs, secondStartMs },
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
