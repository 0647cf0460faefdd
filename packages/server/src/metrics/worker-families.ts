import type { WorkerHealth } from '@llm-control-plane/sdk';
import { LineWriter } from './line-writer.js';

/**
 * Upper bounds (seconds) of the probe latency histogram. A readiness probe answers in milliseconds when the
 * worker is well and slows by orders of magnitude when it is not, so steps of 4–5× tell the cases apart:
 * same network, another region, struggling, nearly timed out (+Inf up to the probe deadline). Each bucket
 * is a line per worker in every scrape, 10,000 lines at 10,000 workers.
 */
const PROBE_BUCKETS = [0.025, 0.1, 0.5, 2.5] as const;
const BUCKET_LABELS = PROBE_BUCKETS.map((bound) => `,le="${bound}"} `);
/** Per worker in the probe table: the hits of each bucket (not cumulative), then the count, then the sum. */
const COUNT = PROBE_BUCKETS.length;
const SUM = COUNT + 1;
const STRIDE = COUNT + 2;

/** A registered worker's current health, as the fleet holds it (read, never kept). */
export type HealthVisitor = (
  visit: (workerId: string, health: Readonly<WorkerHealth> | undefined) => void,
) => void;

/** Escapes a label value as the Prometheus text format requires. */
function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (character) => (character === '\n' ? '\\n' : `\\${character}`));
}

/** The families a scrape prints, in order: name (after the prefix), type and help. */
const FAMILIES = [
  ['worker_up', 'gauge', '1 when the last health probe reached the worker, else 0.'],
  ['worker_last_seen_timestamp_seconds', 'gauge', 'When the worker last answered a health probe.'],
  ['worker_info', 'gauge', 'LiteLLM version reported by the worker (value always 1).'],
  ['worker_probe_duration_seconds', 'histogram', 'Latency of the health probes that reached the worker.'],
  [
    'relay_requests_total',
    'counter',
    'Management calls relayed to workers, by worker, method class and status.',
  ],
] as const;

function labelBytes(workerId: string): Buffer {
  return Buffer.from(`{worker="${escapeLabelValue(workerId)}"`);
}

/**
 * The per-worker families (up, probe latency, last seen, version info, relayed calls), kept outside
 * prom-client, whose generic label hashing and formatting costs about a second per scrape at 10,000 workers.
 * The state is columnar: a row number per worker that has series, one Float64Array for every probe
 * histogram and a counter map only for workers that relayed calls. A scrape prints it in one pass over the
 * registry, straight from the fleet's health, and allocates nothing per worker but its lines.
 */
export class WorkerFamilies {
  readonly #prefix: string;
  readonly #rows = new Map<string, number>();
  /** `{worker="id"` of each row, escaped and encoded once. */
  #labels: Buffer[] = [];
  #probes = new Float64Array(0);
  /** Relayed calls of each row by `,method="…",status="…"} `; absent until the first call. */
  #relayed: (Map<string, number> | undefined)[] = [];
  /** Scrape that last printed each row; rows a scrape did not reach belong to removed workers. */
  #printedIn = new Uint32Array(0);
  #scrapes = 0;
  readonly #freeRows: number[] = [];
  readonly #unknownRelayed = new Map<string, number>();
  /** Each family's size in the last scrape, so the next one rarely grows a buffer. */
  #sizes: number[] = FAMILIES.map(() => 0);
  readonly #names: Record<'up' | 'seen' | 'info' | 'bucket' | 'sum' | 'count' | 'relay', Buffer>;

  constructor(prefix: string) {
    this.#prefix = prefix;
    const probe = `${prefix}worker_probe_duration_seconds`;
    this.#names = {
      up: Buffer.from(`${prefix}worker_up`),
      seen: Buffer.from(`${prefix}worker_last_seen_timestamp_seconds`),
      info: Buffer.from(`${prefix}worker_info`),
      bucket: Buffer.from(`${probe}_bucket`),
      sum: Buffer.from(`${probe}_sum`),
      count: Buffer.from(`${probe}_count`),
      relay: Buffer.from(`${prefix}relay_requests_total`),
    };
  }

  #rowOf(workerId: string): number {
    const existing = this.#rows.get(workerId);
    if (existing !== undefined) return existing;
    const row = this.#freeRows.pop() ?? this.#rows.size;
    if ((row + 1) * STRIDE > this.#probes.length) this.#grow(Math.max(64, (row + 1) * 2));
    this.#rows.set(workerId, row);
    this.#labels[row] = labelBytes(workerId);
    this.#probes.fill(0, row * STRIDE, (row + 1) * STRIDE);
    this.#relayed[row] = undefined;
    this.#printedIn[row] = this.#scrapes;
    return row;
  }

  #grow(rows: number): void {
    const probes = new Float64Array(rows * STRIDE);
    probes.set(this.#probes);
    this.#probes = probes;
    const printedIn = new Uint32Array(rows);
    printedIn.set(this.#printedIn);
    this.#printedIn = printedIn;
  }

  /** Records one health round (the monitor's `poll` event). */
  observe(rows: readonly WorkerHealth[]): void {
    for (const health of rows) {
      if (health.latencyMs === null || health.status === 'unreachable') continue;
      const base = this.#rowOf(health.workerId) * STRIDE;
      // Read after #rowOf, which may have grown the table.
      const probes = this.#probes;
      const seconds = health.latencyMs / 1000;
      let bucket = 0;
      while (bucket < COUNT && seconds > (PROBE_BUCKETS[bucket] as number)) bucket += 1;
      // A probe slower than the last bound counts only in +Inf (the count).
      if (bucket < COUNT) probes[base + bucket] = (probes[base + bucket] as number) + 1;
      probes[base + COUNT] = (probes[base + COUNT] as number) + 1;
      probes[base + SUM] = (probes[base + SUM] as number) + seconds;
    }
  }

  /** Counts one relayed call (`workerId` must be a registered id or `unknown`). */
  relay(workerId: string, method: 'read' | 'write', status: number): void {
    const key = `,method="${method}",status="${status}"} `;
    let relayed = this.#unknownRelayed;
    if (workerId !== 'unknown') {
      const row = this.#rowOf(workerId);
      relayed = this.#relayed[row] ?? new Map<string, number>();
      this.#relayed[row] = relayed;
    }
    relayed.set(key, (relayed.get(key) ?? 0) + 1);
  }

  /** Prints the families for the workers `forEachWorker` visits; series of other workers are dropped. */
  render(forEachWorker: HealthVisitor): Buffer<ArrayBuffer> {
    const names = this.#names;
    // Prometheus wants each family's lines together, so each family gets its own buffer in the one pass.
    const families = FAMILIES.map(([name, type, help], index) => {
      const lines = new LineWriter((this.#sizes[index] as number) * 1.1);
      lines.text(`# HELP ${this.#prefix}${name} ${help}\n# TYPE ${this.#prefix}${name} ${type}\n`);
      return lines;
    });
    const [up, seen, info, probe, relay] = families as [
      LineWriter,
      LineWriter,
      LineWriter,
      LineWriter,
      LineWriter,
    ];
    const scrape = ++this.#scrapes;
    const probes = this.#probes;
    // Rows of one health round share their timestamp, and a fleet runs few versions: remembering the last
    // conversion saves a parse or an escape for most workers.
    let seenAt = '';
    let seenLine = '';
    let version = '';
    let versionLine = '';
    let printed = 0;
    forEachWorker((workerId, health) => {
      const row = this.#rows.get(workerId);
      const labels = row === undefined ? labelBytes(workerId) : (this.#labels[row] as Buffer);
      if (health !== undefined) {
        up.series(names.up, labels, health.status === 'unreachable' ? '} 0\n' : '} 1\n');
        if (health.lastSeenAt) {
          if (health.lastSeenAt !== seenAt) {
            seenAt = health.lastSeenAt;
            seenLine = `} ${Date.parse(seenAt) / 1000}\n`;
          }
          seen.series(names.seen, labels, seenLine);
        }
        if (health.version) {
          if (health.version !== version) {
            version = health.version;
            versionLine = `,version="${escapeLabelValue(version)}"} 1\n`;
          }
          info.series(names.info, labels, versionLine);
        }
      }
      if (row === undefined) return;
      this.#printedIn[row] = scrape;
      printed += 1;
      const base = row * STRIDE;
      const count = probes[base + COUNT] as number;
      if (count > 0) {
        let cumulative = 0;
        for (let bucket = 0; bucket < COUNT; bucket += 1) {
          cumulative += probes[base + bucket] as number;
          probe.series(names.bucket, labels, `${BUCKET_LABELS[bucket]}${cumulative}\n`);
        }
        probe.series(names.bucket, labels, `,le="+Inf"} ${count}\n`);
        probe.series(names.sum, labels, `} ${probes[base + SUM]}\n`);
        probe.series(names.count, labels, `} ${count}\n`);
      }
      const relayed = this.#relayed[row];
      if (relayed !== undefined) {
        for (const [key, calls] of relayed) relay.series(names.relay, labels, `${key}${calls}\n`);
      }
    });
    const unknown = labelBytes('unknown');
    for (const [key, calls] of this.#unknownRelayed) relay.series(names.relay, unknown, `${key}${calls}\n`);
    if (printed < this.#rows.size) this.#dropUnprinted(scrape);
    this.#sizes = families.map((lines) => lines.length);
    return Buffer.concat(families.map((lines) => lines.result()));
  }

  #dropUnprinted(scrape: number): void {
    for (const [workerId, row] of this.#rows) {
      if (this.#printedIn[row] === scrape) continue;
      this.#rows.delete(workerId);
      this.#relayed[row] = undefined;
      this.#freeRows.push(row);
    }
  }
}
