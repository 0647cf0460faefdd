import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONTROL_PLANE_NODE_FLAGS } from '../src/node-flags.js';

const HEAP_FLAG = '--max-semi-space-size=8';

const run = promisify(execFile);
const serverRoot = fileURLToPath(new URL('..', import.meta.url));

// The script the CLI runs first: relaunch, then report what the (same) process runs with.
const probe = [
  "const { relaunchWithNodeFlags } = await import('./src/node-flags.ts');",
  'const before = process.pid;',
  'relaunchWithNodeFlags();',
  // Enough surviving allocation for V8 to grow the young generation to its limit.
  'const kept = [];',
  "for (let i = 0; i < 2e6; i += 1) { const item = { i, text: 'x' + i }; if (i % 100 === 0) kept.push(item); }",
  "const v8 = await import('node:v8');",
  "const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');",
  'console.log(JSON.stringify({ pid: before, execArgv: process.execArgv, args: process.argv.slice(1), young: young.space_size }));',
].join('\n');

async function runProbe(env: Record<string, string> = {}, nodeFlags: string[] = []) {
  const { stdout } = await run(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', '--input-type=module', '--eval', probe, '--', 'demo', '--port', '0'],
    { cwd: serverRoot, env: { ...process.env, ...env } },
  );
  return JSON.parse(stdout) as { pid: number; execArgv: string[]; args: string[]; young: number };
}

describe('the CLI runs Node with the control plane’s V8 flags', () => {
  it('re-executes the same process with them, keeping its own flags and arguments', async () => {
    const result = await runProbe({ NODE_OPTIONS: '' });
    // Only the flag V8 reads at heap creation: pretenuring is turned off later, in the running process.
    expect(result.execArgv[0]).toBe(HEAP_FLAG);
    expect(result.execArgv.some((flag) => flag.includes('pretenuring'))).toBe(false);
    expect(CONTROL_PLANE_NODE_FLAGS).toContain(HEAP_FLAG);
    expect(result.execArgv).toContain('tsx');
    expect(result.args.slice(-3)).toEqual(['demo', '--port', '0']);
    // Two 8 MB semi-spaces at most, whatever V8 would choose for this machine's memory.
    expect(result.young).toBeLessThanOrEqual(2 * 8 * 1024 * 1024 + 1024 * 1024);
  });

  it('leaves a value the user chose alone', async () => {
    const result = await runProbe({ NODE_OPTIONS: '--max-semi-space-size=2' });
    expect(result.execArgv.some((flag) => flag.startsWith('--max-semi-space-size'))).toBe(false);
    expect(result.young).toBeLessThanOrEqual(2 * 2 * 1024 * 1024 + 1024 * 1024);
  });
});

// Allocations from one site that all survive: V8 weighs pretenuring the site unless pretenuring is off.
const pretenureProbe = [
  "const { applyRuntimeNodeFlags } = await import('./src/node-flags.ts');",
  'applyRuntimeNodeFlags();',
  'const kept = [];',
  'function make(i) { return { i, text: "x" }; }',
  'for (let round = 0; round < 400; round += 1) for (let i = 0; i < 20000; i += 1) kept.push(make(i));',
  'console.log(kept.length);',
].join('\n');

async function pretenureDecisions(nodeFlags: string[]): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    [
      ...nodeFlags,
      '--trace-pretenuring-statistics',
      '--import',
      'tsx',
      '--input-type=module',
      '--eval',
      pretenureProbe,
    ],
    { cwd: serverRoot, env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 16 * 1024 * 1024 },
  );
  // V8 prints a line per allocation site whose feedback it weighed, and none while pretenuring is off.
  return stdout.split('\n').filter((line) => line.includes('pretenuring: AllocationSite')).length;
}

describe('allocation-site pretenuring, turned off in the running process', () => {
  it('stops V8 pretenuring once applied', async () => {
    expect(await pretenureDecisions([])).toBe(0);
  });

  it('is left on when the user chose it (here in the underscore spelling)', async () => {
    expect(await pretenureDecisions(['--allocation_site_pretenuring'])).toBeGreaterThan(0);
  });
});
