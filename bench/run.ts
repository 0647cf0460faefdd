import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeMachine, machineLine } from './src/machine.js';
import { type BenchmarkOutcome, outcomeMarkdown, type ResultsFile, resultsMarkdown } from './src/report.js';
import { type BenchmarkContext, type BenchmarkResult, BenchmarkSkipped } from './src/types.js';

const BENCHMARKS = [
  'fanout',
  'hung',
  'relay',
  'monitor',
  'coldstart',
  'ui',
  'install',
  'demo',
  'metrics',
] as const;
/**
 * Each benchmark is bounded on its own (a hang fails that benchmark, not the run). On a quiet 2-core machine
 * the whole run takes about eight minutes.
 */
const LIMIT_MS: Record<(typeof BENCHMARKS)[number], number> = {
  fanout: 120_000,
  hung: 60_000,
  relay: 360_000,
  monitor: 300_000,
  coldstart: 240_000,
  ui: 120_000,
  install: 300_000,
  demo: 400_000,
  metrics: 180_000,
};

const benchRoot = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(benchRoot, '..');

// `pnpm bench -- --only x` forwards the `--` itself.
const cliArguments = process.argv.slice(2);
if (cliArguments[0] === '--') cliArguments.shift();

const { values } = parseArgs({
  args: cliArguments,
  options: {
    only: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(`Usage: pnpm bench [--only <name>[,<name>...]]\nBenchmarks: ${BENCHMARKS.join(', ')}`);
  process.exit(0);
}

const requested = (values.only ?? []).flatMap((value) => value.split(',')).map((value) => value.trim());
for (const name of requested) {
  if (!(BENCHMARKS as readonly string[]).includes(name)) {
    console.error(`Unknown benchmark '${name}'. Known: ${BENCHMARKS.join(', ')}`);
    process.exit(2);
  }
}
const selected =
  requested.length > 0 ? BENCHMARKS.filter((name) => requested.includes(name)) : [...BENCHMARKS];

function withLimit<T>(promise: Promise<T>, milliseconds: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} exceeded ${milliseconds / 1000} s`)), milliseconds);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

const resultsPath = path.join(benchRoot, 'results.json');
let previous: ResultsFile | undefined;
try {
  previous = JSON.parse(await readFile(resultsPath, 'utf8')) as ResultsFile;
} catch {
  previous = undefined;
}

const startedAll = performance.now();
const outcomes: Record<string, BenchmarkOutcome> = {};
for (const name of selected) {
  const machine = describeMachine();
  console.log(`\n## ${name}\n${machineLine(machine)}`);
  const context: BenchmarkContext = {
    machine,
    repositoryRoot,
    benchRoot,
    log: (message) => console.log(`  ${message}`),
  };
  const started = performance.now();
  let outcome: BenchmarkOutcome;
  try {
    const module = (await import(`./src/${name}.ts`)) as {
      run(context: BenchmarkContext): Promise<BenchmarkResult>;
    };
    const result = await withLimit(module.run(context), LIMIT_MS[name], name);
    outcome = { status: 'ok', machine, durationMs: performance.now() - started, result };
  } catch (error) {
    const skipped = error instanceof BenchmarkSkipped;
    const reason =
      error instanceof Error ? (skipped ? error.message : (error.stack ?? error.message)) : String(error);
    outcome = {
      status: skipped ? 'skipped' : 'error',
      machine,
      durationMs: performance.now() - started,
      name,
      reason,
    };
  }
  outcomes[name] = outcome;
  console.log(`\n${outcomeMarkdown(outcome)}`);
}

// A partial run (--only) keeps the other benchmarks' last results, so results.json always covers them all.
const file: ResultsFile = {
  generatedAt: new Date().toISOString(),
  machine: describeMachine(),
  benchmarks: { ...(previous?.benchmarks ?? {}), ...outcomes },
};
await writeFile(resultsPath, `${JSON.stringify(file, null, 2)}\n`);
await writeFile(path.join(benchRoot, 'RESULTS.md'), resultsMarkdown(file, [...BENCHMARKS]));
console.log(
  `\nWrote bench/results.json and bench/RESULTS.md in ${Math.round((performance.now() - startedAll) / 1000)} s`,
);
const failed = Object.values(outcomes).some((outcome) => outcome.status === 'error');
// Child processes and keep-alive sockets of a timed-out benchmark may still be open; end the run explicitly.
process.exit(failed ? 1 : 0);
