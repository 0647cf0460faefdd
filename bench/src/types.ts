export type Machine = {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  totalMemoryMb: number;
  /** One-minute load average when the benchmark started: a loaded machine makes every figure provisional. */
  loadAverage: number;
  date: string;
};

export type BenchmarkContext = {
  machine: Machine;
  /** Repository root (the pnpm workspace). */
  repositoryRoot: string;
  /** The bench package directory. */
  benchRoot: string;
  log(message: string): void;
};

export type TargetCheck = {
  name: string;
  target: string;
  actual: string;
  /** `null` when the figure could not be measured. */
  met: boolean | null;
};

export type BenchmarkResult = {
  name: string;
  title: string;
  /** One row per measured setting; every row has the same columns. */
  rows: Record<string, string | number>[];
  targets: TargetCheck[];
  /** How the figure was obtained: settings, substitutions, caveats. */
  notes: string[];
  /** Raw figures for results.json. */
  data?: unknown;
};

/** Thrown when a package the benchmark measures is not available yet (or not built). */
export class BenchmarkSkipped extends Error {
  override readonly name = 'BenchmarkSkipped';
}
