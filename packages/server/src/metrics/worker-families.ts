import type { WorkerHealth } from '@llm-control-plane/sdk';

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

function family(name: string, type: string, help: string): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`;
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
  /** `{worker="id"` of each row, escaped once. */
  #labels: string[] = [];
  #probes = new Float64Array(0);
  /** Relayed calls of each row by `,method="…",status="…"} `; absent until the first call. */
  #relayed: (Map<string, number> | undefined)[] = [];
  /** Scrape that last printed each row; rows a scrape did not reach belong to removed workers. */
  #printedIn = new Uint32Array(0);
  #scrapes = 0;
  readonly #freeRows: number[] = [];
  readonly #unknownRelayed = new Map<string, number>();

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  #rowOf(workerId: string): number {
    const existing = this.#rows.get(workerId);
    if (existing !== undefined) return existing;
    const row = this.#freeRows.pop() ?? this.#rows.size;
    if ((row + 1) * STRIDE > this.#probes.length) this.#grow(Math.max(64, (row + 1) * 2));
    this.#rows.set(workerId, row);
    this.#labels[row] = `{worker="${escapeLabelValue(workerId)}"`;
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
  render(forEachWorker: HealthVisitor): string {
    const p = this.#prefix;
    const probeName = `${p}worker_probe_duration_seconds`;
    const relayName = `${p}relay_requests_total`;
    // Lines go into arrays joined once: a string built by `+=` is a tree of 100,000 pieces that every later
    // reader (the UTF-8 encoder, its byte length) walks piece by piece, several times slower than a flat one.
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
    const probe = [family(probeName, 'histogram', 'Latency of the health probes that reached the worker.')];
    const relay = [
      family(
        relayName,
        'counter',
        'Management calls relayed to workers, by worker, method class and status.',
      ),
    ];
    const scrape = ++this.#scrapes;
    const probes = this.#probes;
    // Rows of one health round share their timestamp string, and a fleet runs few versions: remembering
    // the last conversion saves a parse or an escape for most workers.
    let seenAt = '';
    let seenSeconds = '';
    let version = '';
    let versionLabel = '';
    let printed = 0;
    forEachWorker((workerId, health) => {
      const row = this.#rows.get(workerId);
      const labels = row === undefined ? `{worker="${escapeLabelValue(workerId)}"` : this.#labels[row];
      if (health !== undefined) {
        up.push(`${p}worker_up${labels}} ${health.status === 'unreachable' ? 0 : 1}\n`);
        if (health.lastSeenAt) {
          if (health.lastSeenAt !== seenAt) {
            seenAt = health.lastSeenAt;
            seenSeconds = String(Date.parse(seenAt) / 1000);
          }
          seen.push(`${p}worker_last_seen_timestamp_seconds${labels}} ${seenSeconds}\n`);
        }
        if (health.version) {
          if (health.version !== version) {
            version = health.version;
            versionLabel = escapeLabelValue(version);
          }
          info.push(`${p}worker_info${labels},version="${versionLabel}"} 1\n`);
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
          probe.push(`${probeName}_bucket${labels}${BUCKET_LABELS[bucket]}${cumulative}\n`);
        }
        probe.push(
          `${probeName}_bucket${labels},le="+Inf"} ${count}\n`,
          `${probeName}_sum${labels}} ${probes[base + SUM]}\n${probeName}_count${labels}} ${count}\n`,
        );
      }
      const relayed = this.#relayed[row];
      if (relayed !== undefined) {
        for (const [key, calls] of relayed) relay.push(`${relayName}${labels}${key}${calls}\n`);
      }
    });
    for (const [key, calls] of this.#unknownRelayed)
      relay.push(`${relayName}{worker="unknown"${key}${calls}\n`);
    if (printed < this.#rows.size) this.#dropUnprinted(scrape);
    return [up, seen, info, probe, relay].map((lines) => lines.join('')).join('');
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
