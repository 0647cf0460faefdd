import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { round } from './statistics.js';
import type { BenchmarkContext, BenchmarkResult } from './types.js';

const exec = promisify(execFile);
const TARGET_MS = 20_000;
const GIVE_UP_MS = 180_000;
const DEMO_URL = /demo running at (http:\/\/[^\s/]+)/i;

type Timed = { ms: number; cpuSeconds: number | null };

/** Clock ticks per second of the times in /proc/<pid>/stat. */
async function clockTicks(): Promise<number> {
  const { stdout } = await exec('getconf', ['CLK_TCK']).catch(() => ({ stdout: '100' }));
  return Number(stdout.trim()) || 100;
}

/** utime, stime, cutime, cstime and the process group of one process, in clock ticks; null once it is gone. */
async function processTimes(
  pid: number | 'self',
): Promise<{ group: number; own: number; children: number } | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  // Fields after the command name (which may contain spaces) in parentheses; see proc(5).
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  return { group: fields[2] as number, own: fields[11]! + fields[12]!, children: fields[13]! + fields[14]! };
}

/**
 * User + system CPU seconds of a whole process group so far: each live member's own time plus that of the
 * descendants it has waited for (turbo, tsup, vite once they exited). Null where there is no /proc.
 */
async function groupCpuSeconds(group: number, ticks: number): Promise<number | null> {
  const entries = await readdir('/proc').catch(() => null);
  if (entries === null) return null;
  let total = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const times = await processTimes(Number(entry));
    if (times?.group === group) total += times.own + times.children;
  }
  return total / ticks;
}

/** CPU seconds of the children this process has waited for so far (they exited). */
async function waitedChildrenCpuSeconds(ticks: number): Promise<number | null> {
  const times = await processTimes('self');
  return times === null ? null : times.children / ticks;
}

/** `pnpm install` in the clone: wall time and the CPU time of the install and every process it ran. */
async function timeInstall(directory: string, ticks: number): Promise<Timed> {
  const cpuBefore = await waitedChildrenCpuSeconds(ticks);
  const started = performance.now();
  await exec('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], {
    cwd: directory,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  const cpuAfter = await waitedChildrenCpuSeconds(ticks);
  return { ms, cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

/**
 * Runs `pnpm start --port 0` in `directory` until the demo prints its URL and that URL answers
 * /health/readiness; returns the wall time and the CPU time of every process `pnpm start` ran until then.
 * Port 0 lets the operating system pick a free port, so nothing can take it between choosing and listening.
 */
async function timeToDemo(directory: string, ticks: number): Promise<Timed> {
  const started = performance.now();
  const child: ChildProcess = spawn('pnpm', ['start', '--port', '0'], {
    cwd: directory,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  let output = '';
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the demo did not start: ${output.slice(-2000)}`)),
        GIVE_UP_MS,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = DEMO_URL.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] as string);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`pnpm start exited with ${code}: ${output.slice(-2000)}`));
      });
    });
    const response = await fetch(`${origin}/health/readiness`);
    await response.arrayBuffer();
    if (response.status !== 200)
      throw new Error(`the demo at ${origin} answered ${response.status} to /health/readiness`);
    const ms = performance.now() - started;
    const cpuSeconds = child.pid === undefined ? null : await groupCpuSeconds(child.pid, ticks);
    return { ms, cpuSeconds };
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
    const ticks = await clockTicks();
    const install = await timeInstall(clone, ticks);
    context.log(`demo: pnpm install ${Math.round(install.ms)} ms`);
    const first = await timeToDemo(clone, ticks);
    context.log(`demo: first pnpm start ${Math.round(first.ms)} ms`);
    const cached = await timeToDemo(clone, ticks);
    const total = install.ms + first.ms;
    const seconds = (ms: number) => round(ms / 1000, 1);
    const cpu = (value: number | null) => (value === null ? '—' : round(value, 1));
    const sum = (left: number | null, right: number | null) =>
      left === null || right === null ? null : left + right;
    return {
      name: 'demo',
      title: '`pnpm install && pnpm start` from a fresh clone until the demo is up',
      rows: [
        {
          step: 'pnpm install --frozen-lockfile',
          'time (s)': seconds(install.ms),
          'CPU user+sys (s)': cpu(install.cpuSeconds),
        },
        {
          step: 'pnpm start, first (builds without declarations)',
          'time (s)': seconds(first.ms),
          'CPU user+sys (s)': cpu(first.cpuSeconds),
        },
        {
          step: 'install + first start',
          'time (s)': seconds(total),
          'CPU user+sys (s)': cpu(sum(install.cpuSeconds, first.cpuSeconds)),
        },
        {
          step: 'pnpm start again (cached build)',
          'time (s)': seconds(cached.ms),
          'CPU user+sys (s)': cpu(cached.cpuSeconds),
        },
      ],
      targets: [
        {
          name: 'pnpm install && pnpm start from a fresh clone',
          target: `≤ ${TARGET_MS / 1000} s`,
          actual: `${seconds(total)} s`,
          met: total <= TARGET_MS,
        },
      ],
      notes: [
        'A `git clone` of the committed HEAD (uncommitted changes are not in it) into a temp directory: no build output, ' +
          "no turbo cache. `pnpm install --frozen-lockfile --prefer-offline` assumes the machine's pnpm store already " +
          'holds the packages, as on any machine that installed the project once; with an empty store the download ' +
          'comes on top.',
        '`pnpm start --port 0`: the demo listens on a port the operating system picks, and is up when it has printed ' +
          '"demo running at http://…" and that address answers 200 to /health/readiness. The second start runs in the ' +
          'same clone, where turbo restores the build from its cache.',
        'CPU user+sys: of every process the step ran (pnpm, turbo, tsup, vite, node), from /proc: for install, what ' +
          'the finished `pnpm install` and its children used; for a start, the live processes of its process group ' +
          'plus the children they have waited for, read when the demo is up. Less sensitive to other load on the ' +
          'machine than wall time.',
      ],
      data: { install, first, cached },
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
