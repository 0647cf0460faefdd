import type { PublicWorkerEntry, WorkerHealth } from '@llm-control-plane/sdk';

/** Upper bounds (seconds) of the probe latency histogram; few buckets keep a 10,000-worker scrape small. */
export const PROBE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

type ProbeSeries = {
  /** `{worker="id"` without the closing brace, escaped once. */
  labels: string;
  /** Cumulative counts per bucket, then +Inf. */
  counts: Float64Array;
  sum: number;
};

/** Escapes a label value as the Prometheus text format requires. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (character) => (character === '\n' ? '\\n' : `\\${character}`));
}

/**
 * The per-worker families (up, probe latency, last seen, version info), kept outside prom-client: its
 * generic label hashing and formatting costs about a second per scrape at 10,000 workers, while these
 * series need no more than an array per worker and one pass to print.
 */
export class WorkerFamilies {
  readonly #probes = new Map<string, ProbeSeries>();
  readonly #prefix: string;

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  /** Records one health round (the monitor's `poll` event). */
  observe(rows: readonly WorkerHealth[]): void {
    for (const row of rows) {
      if (row.latencyMs === null || row.status === 'unreachable') continue;
      let series = this.#probes.get(row.workerId);
      if (series === undefined) {
        series = {
          labels: `{worker="${escapeLabelValue(row.workerId)}"`,
          counts: new Float64Array(PROBE_BUCKETS.length + 1),
          sum: 0,
        };
        this.#probes.set(row.workerId, series);
      }
      const seconds = row.latencyMs / 1000;
      for (let index = 0; index < PROBE_BUCKETS.length; index += 1) {
        if (seconds <= (PROBE_BUCKETS[index] as number))
          series.counts[index] = (series.counts[index] ?? 0) + 1;
      }
      series.counts[PROBE_BUCKETS.length] = (series.counts[PROBE_BUCKETS.length] ?? 0) + 1;
      series.sum += seconds;
    }
  }

  /** Prints the families for the workers currently registered; series of removed workers are dropped. */
  render(workers: readonly PublicWorkerEntry[], health: ReadonlyMap<string, WorkerHealth>): string {
    const p = this.#prefix;
    const up: string[] = [`# HELP ${p}worker_up 1 when the last health probe reached the worker, else 0.`];
    up.push(`# TYPE ${p}worker_up gauge`);
    const seen: string[] = [
      `# HELP ${p}worker_last_seen_timestamp_seconds When the worker last answered a health probe.`,
      `# TYPE ${p}worker_last_seen_timestamp_seconds gauge`,
    ];
    const info: string[] = [
      `# HELP ${p}worker_info LiteLLM version reported by the worker (value always 1).`,
      `# TYPE ${p}worker_info gauge`,
    ];
    const probe: string[] = [
      `# HELP ${p}worker_probe_duration_seconds Latency of the health probes that reached the worker.`,
      `# TYPE ${p}worker_probe_duration_seconds histogram`,
    ];
    const bounds = PROBE_BUCKETS.map((bound) => `,le="${bound}"} `);
    const live = new Set<string>();
    for (const worker of workers) {
      const id = worker.worker_id;
      live.add(id);
      const row = health.get(id);
      const series = this.#probes.get(id);
      const labels = series?.labels ?? `{worker="${escapeLabelValue(id)}"`;
      if (row !== undefined) up.push(`${p}worker_up${labels}} ${row.status === 'unreachable' ? 0 : 1}`);
      if (row?.lastSeenAt)
        seen.push(`${p}worker_last_seen_timestamp_seconds${labels}} ${Date.parse(row.lastSeenAt) / 1000}`);
      if (row?.version) info.push(`${p}worker_info${labels},version="${escapeLabelValue(row.version)}"} 1`);
      if (series === undefined) continue;
      const name = `${p}worker_probe_duration_seconds`;
      let block = '';
      for (let index = 0; index < bounds.length; index += 1) {
        block += `${name}_bucket${labels}${bounds[index]}${series.counts[index]}\n`;
      }
      const count = series.counts[PROBE_BUCKETS.length];
      block += `${name}_bucket${labels},le="+Inf"} ${count}\n${name}_sum${labels}} ${series.sum}\n${name}_count${labels}} ${count}`;
      probe.push(block);
    }
    for (const id of this.#probes.keys()) if (!live.has(id)) this.#probes.delete(id);
    return `${up.join('\n')}\n${seen.join('\n')}\n${info.join('\n')}\n${probe.join('\n')}\n`;
  }
}
