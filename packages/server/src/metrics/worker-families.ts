import type { PublicWorkerEntry, WorkerHealth } from '@llm-control-plane/sdk';

/** Upper bounds (seconds) of the probe latency histogram; few buckets keep a 10,000-worker scrape small. */
const PROBE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

type WorkerSeries = {
  /** `{worker="id"` without the closing brace, escaped once. */
  labels: string;
  /** Cumulative probe counts per bucket, then +Inf; null until a probe reached the worker. */
  probeCounts: Float64Array | null;
  probeSum: number;
  /** The histogram's lines, printed when a probe is recorded so that a scrape only concatenates. */
  probeText: string;
  /** Relayed calls by `method="…",status="…"`. */
  relayed: Map<string, number>;
};

/** Escapes a label value as the Prometheus text format requires. */
function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (character) => (character === '\n' ? '\\n' : `\\${character}`));
}

/**
 * The per-worker families (up, probe latency, last seen, version info, relayed calls), kept outside
 * prom-client: its generic label hashing and formatting costs about a second per scrape at 10,000 workers,
 * while these series need no more than a record per worker and one pass to print.
 */
export class WorkerFamilies {
  readonly #series = new Map<string, WorkerSeries>();
  readonly #prefix: string;

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  #seriesOf(workerId: string): WorkerSeries {
    let series = this.#series.get(workerId);
    if (series === undefined) {
      series = {
        labels: `{worker="${escapeLabelValue(workerId)}"`,
        probeCounts: null,
        probeSum: 0,
        probeText: '',
        relayed: new Map(),
      };
      this.#series.set(workerId, series);
    }
    return series;
  }

  /** Records one health round (the monitor's `poll` event). */
  observe(rows: readonly WorkerHealth[]): void {
    for (const row of rows) {
      if (row.latencyMs === null || row.status === 'unreachable') continue;
      const series = this.#seriesOf(row.workerId);
      series.probeCounts ??= new Float64Array(PROBE_BUCKETS.length + 1);
      const counts = series.probeCounts;
      const seconds = row.latencyMs / 1000;
      for (let index = 0; index < PROBE_BUCKETS.length; index += 1) {
        if (seconds <= (PROBE_BUCKETS[index] as number)) counts[index] = (counts[index] ?? 0) + 1;
      }
      counts[PROBE_BUCKETS.length] = (counts[PROBE_BUCKETS.length] ?? 0) + 1;
      series.probeSum += seconds;
      series.probeText = this.#printProbe(series.labels, counts, series.probeSum);
    }
  }

  #printProbe(labels: string, counts: Float64Array, sum: number): string {
    const name = `${this.#prefix}worker_probe_duration_seconds`;
    let text = '';
    for (let index = 0; index < PROBE_BUCKETS.length; index += 1) {
      text += `${name}_bucket${labels},le="${PROBE_BUCKETS[index]}"} ${counts[index]}\n`;
    }
    const count = counts[PROBE_BUCKETS.length];
    text += `${name}_bucket${labels},le="+Inf"} ${count}\n${name}_sum${labels}} ${sum}\n`;
    return `${text}${name}_count${labels}} ${count}`;
  }

  /** Counts one relayed call (`workerId` must be a registered id or `unknown`). */
  relay(workerId: string, method: 'read' | 'write', status: number): void {
    const relayed = this.#seriesOf(workerId).relayed;
    const key = `,method="${method}",status="${status}"} `;
    relayed.set(key, (relayed.get(key) ?? 0) + 1);
  }

  /** Prints the families for the workers currently registered; series of removed workers are dropped. */
  render(workers: readonly PublicWorkerEntry[], health: ReadonlyMap<string, WorkerHealth>): string {
    const p = this.#prefix;
    const up = [family(`${p}worker_up`, 'gauge', '1 when the last health probe reached the worker, else 0.')];
    const seen = [
      family(
        `${p}worker_last_seen_timestamp_seconds`,
        'gauge',
        'When the worker last answered a health probe.',
      ),
    ];
    const info = [
      family(`${p}worker_info`, 'gauge', 'LiteLLM version reported by the worker (value always 1).'),
    ];
    const probeName = `${p}worker_probe_duration_seconds`;
    const probe = [family(probeName, 'histogram', 'Latency of the health probes that reached the worker.')];
    const relayName = `${p}relay_requests_total`;
    const relay = [
      family(
        relayName,
        'counter',
        'Management calls relayed to workers, by worker, method class and status.',
      ),
    ];
    const live = new Set<string>(['unknown']);
    for (const worker of workers) {
      const id = worker.worker_id;
      live.add(id);
      const row = health.get(id);
      const series = this.#series.get(id);
      const labels = series?.labels ?? `{worker="${escapeLabelValue(id)}"`;
      if (row !== undefined) up.push(`${p}worker_up${labels}} ${row.status === 'unreachable' ? 0 : 1}`);
      if (row?.lastSeenAt) {
        seen.push(`${p}worker_last_seen_timestamp_seconds${labels}} ${Date.parse(row.lastSeenAt) / 1000}`);
      }
      if (row?.version) info.push(`${p}worker_info${labels},version="${escapeLabelValue(row.version)}"} 1`);
      if (series === undefined) continue;
      if (series.probeText !== '') probe.push(series.probeText);
      for (const [key, count] of series.relayed) relay.push(`${relayName}${labels}${key}${count}`);
    }
    const unknown = this.#series.get('unknown');
    if (unknown !== undefined) {
      for (const [key, count] of unknown.relayed) relay.push(`${relayName}${unknown.labels}${key}${count}`);
    }
    for (const id of this.#series.keys()) if (!live.has(id)) this.#series.delete(id);
    return `${[up, seen, info, probe, relay].map((lines) => lines.join('\n')).join('\n')}\n`;
  }
}

function family(name: string, type: string, help: string): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}`;
}
