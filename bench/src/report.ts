import { machineLine } from './machine.js';
import type { BenchmarkResult, Machine } from './types.js';

export type BenchmarkOutcome =
  | { status: 'ok'; machine: Machine; durationMs: number; result: BenchmarkResult }
  | { status: 'skipped' | 'error'; machine: Machine; durationMs: number; name: string; reason: string };

export type ResultsFile = {
  generatedAt: string;
  machine: Machine;
  benchmarks: Record<string, BenchmarkOutcome>;
};

function escapeCell(value: unknown): string {
  return String(value).replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function markdownTable(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '_no rows_\n';
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const lines = [
    `| ${columns.map(escapeCell).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${columns.map((column) => escapeCell(row[column] ?? '')).join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}

function verdict(met: boolean | null): string {
  if (met === null) return 'n/a';
  return met ? 'met' : '**missed**';
}

export function outcomeMarkdown(outcome: BenchmarkOutcome): string {
  if (outcome.status !== 'ok') {
    return `### ${outcome.name}\n\n${outcome.status}: ${escapeCell(outcome.reason)}\n\n_${machineLine(outcome.machine)}_\n`;
  }
  const { result } = outcome;
  const parts = [
    `### ${result.name}: ${result.title}`,
    `_${machineLine(outcome.machine)}; took ${Math.round(outcome.durationMs / 1000)} s_`,
    markdownTable(result.rows),
  ];
  if (result.targets.length > 0) {
    parts.push(
      markdownTable(
        result.targets.map((target) => ({
          target: target.name,
          goal: target.target,
          measured: target.actual,
          verdict: verdict(target.met),
        })),
      ),
    );
  }
  if (result.notes.length > 0) parts.push(result.notes.map((note) => `- ${note}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}

function summaryRows(outcomes: BenchmarkOutcome[]): Record<string, string>[] {
  return outcomes.flatMap((outcome) => {
    if (outcome.status !== 'ok') {
      return [{ benchmark: outcome.name, target: '—', goal: '—', measured: outcome.status, verdict: 'n/a' }];
    }
    return outcome.result.targets.map((target) => ({
      benchmark: outcome.result.name,
      target: target.name,
      goal: target.target,
      measured: target.actual,
      verdict: verdict(target.met),
    }));
  });
}

export function resultsMarkdown(file: ResultsFile, order: string[]): string {
  const outcomes = order.flatMap((name) => (file.benchmarks[name] ? [file.benchmarks[name]] : []));
  return [
    '# Benchmark results',
    '',
    `Generated ${file.generatedAt} by \`pnpm bench\`.`,
    '',
    `_${machineLine(file.machine)}_`,
    '',
    '## Summary',
    '',
    markdownTable(summaryRows(outcomes)),
    '## Details',
    '',
    outcomes.map(outcomeMarkdown).join('\n'),
  ].join('\n');
}
