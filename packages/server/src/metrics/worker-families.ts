import type { WorkerHealth } from '@llm-control-plane/sdk';
import { LineWriter } from './line-writer.js';

/**
 * Upper bounds (seconds) of the probe latency histogram. A readiness probe answers in milliseconds when the
 * worker is well and slows by orders of magnitude when it is not, so steps of 4–5× tell the cases apart:
 * same network, another region, struggling, nearly timed out (+Inf up to the probe deadline). Each bucket
 * is a line per worker in every scrape, 10,000 lines at 10,000 workers.
 */
const PROBE_BUCKETS = [0.025, 0.1, 0.5, 2.5] as const;
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
/** Per row in the span table: where its lines start and end in each family's text of the last scrape. */
const SPAN_STRIDE = FAMILIES.length * 2;
const [UP, SEEN, INFO, PROBE, RELAY] = [0, 1, 2, 3, 4] as const;
/** What changed in a row since it was last printed, so which of its families to print afresh. */
const HEALTH = 1;
const PROBES = 2;
const RELAYED = 4;
const ALL = HEALTH | PROBES | RELAYED;
const NEWLINE = 0x0a;
/** What a row's up line was printed from (its last-seen and info lines come from its timestamp and version). */
const NO_HEALTH = 0;
const REACHABLE = 1;
const UNREACHABLE = 2;

function labelBytes(workerId: string): Buffer {
  return Buffer.from(`{worker="${escapeLabelValue(workerId)}"`);
}

/**
 * The per-worker families (up, probe latency, last seen, version info, relayed calls), kept outside
 * prom-client, whose generic label hashing and formatting costs about a second per scrape at 10,000 workers.
 * The state is columnar: a row number per worker, one Float64Array for every probe histogram and a counter
 * map only for workers that relayed calls. A scrape prints it in one pass over the registry, straight from
 * the fleet's health.
 *
 * Between two scrapes few series change: a worker's health once per monitor interval (at 10,000 workers and
 * 10 s, a few hundred between scrapes a quarter of a second apart), all histograms at once when a round ends,
 * a counter when a call is relayed. So a scrape copies a worker's lines of each family that did not change
 * from the text the last scrape printed instead of printing them again: a run of unchanged workers is one
 * memcpy, and only changed lines make strings (printing all 110,000 lines took 50–60 ms per scrape and most
 * of its garbage). Each family keeps two texts that take turns (the last one, read, and the one being
 * written), reused from scrape to scrape, so a steady scrape allocates next to nothing.
 */
export class WorkerFamilies {
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
  /** PROBES and RELAYED bits of the rows whose histogram or counters changed since printed; ALL when new. */
  #changed = new Uint8Array(0);
  /** The health fields a row's up, last-seen and info lines were printed from. */
  #shownStatus = new Uint8Array(0);
  #shownSeenAt: (string | null | undefined)[] = [];
  #shownVersion: (string | null | undefined)[] = [];
  /** Start and end of each row's lines in each family's last text (valid for rows the last scrape printed). */
  #spans = new Uint32Array(0);
  /** Each family's text of the last scrape, and the writer the next scrape fills. */
  #last: LineWriter[];
  #next: LineWriter[];
  readonly #headers: string[];
  readonly #names: Record<'up' | 'seen' | 'info' | 'bucket' | 'sum' | 'count' | 'relay', Buffer>;
  readonly #constants: {
    readonly up: Buffer;
    readonly down: Buffer;
    readonly close: Buffer;
    /** `,le="0.025"} ` ... `,le="+Inf"} `. */
    readonly buckets: readonly Buffer[];
    readonly unknown: Buffer;
  };
  /** The encoded relay keys (method and status pairs: a handful). */
  readonly #relayKeys = new Map<string, Buffer>();

  constructor(prefix: string) {
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
    this.#constants = {
      up: Buffer.from('} 1\n'),
      down: Buffer.from('} 0\n'),
      close: Buffer.from('} '),
      buckets: [...PROBE_BUCKETS.map((bound) => `,le="${bound}"} `), ',le="+Inf"} '].map((label) =>
        Buffer.from(label),
      ),
      unknown: labelBytes('unknown'),
    };
    this.#headers = FAMILIES.map(
      ([name, type, help]) => `# HELP ${prefix}${name} ${help}\n# TYPE ${prefix}${name} ${type}\n`,
    );
    this.#last = FAMILIES.map(() => new LineWriter(0));
    this.#next = FAMILIES.map(() => new LineWriter(0));
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
    this.#changed[row] = ALL;
    return row;
  }

  #grow(rows: number): void {
    const probes = new Float64Array(rows * STRIDE);
    probes.set(this.#probes);
    this.#probes = probes;
    const printedIn = new Uint32Array(rows);
    printedIn.set(this.#printedIn);
    this.#printedIn = printedIn;
    const changed = new Uint8Array(rows);
    changed.set(this.#changed);
    this.#changed = changed;
    const shownStatus = new Uint8Array(rows);
    shownStatus.set(this.#shownStatus);
    this.#shownStatus = shownStatus;
    const spans = new Uint32Array(rows * SPAN_STRIDE);
    spans.set(this.#spans);
    this.#spans = spans;
  }

  /** Records one health round (the monitor's `poll` event). */
  observe(rows: readonly WorkerHealth[]): void {
    for (const health of rows) {
      if (health.latencyMs === null || health.status === 'unreachable') continue;
      const row = this.#rowOf(health.workerId);
      const base = row * STRIDE;
      // Read after #rowOf, which may have grown the table.
      const probes = this.#probes;
      const seconds = health.latencyMs / 1000;
      let bucket = 0;
      while (bucket < COUNT && seconds > (PROBE_BUCKETS[bucket] as number)) bucket += 1;
      // A probe slower than the last bound counts only in +Inf (the count).
      if (bucket < COUNT) probes[base + bucket] = (probes[base + bucket] as number) + 1;
      probes[base + COUNT] = (probes[base + COUNT] as number) + 1;
      probes[base + SUM] = (probes[base + SUM] as number) + seconds;
      this.#changed[row] = (this.#changed[row] as number) | PROBES;
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
      this.#changed[row] = (this.#changed[row] as number) | RELAYED;
    }
    relayed.set(key, (relayed.get(key) ?? 0) + 1);
  }

  #relayKey(key: string): Buffer {
    let bytes = this.#relayKeys.get(key);
    if (bytes === undefined) {
      bytes = Buffer.from(key);
      this.#relayKeys.set(key, bytes);
    }
    return bytes;
  }

  #printProbes(probe: LineWriter, labels: Buffer, row: number): void {
    const names = this.#names;
    const probes = this.#probes;
    const base = row * STRIDE;
    const count = probes[base + COUNT] as number;
    if (count === 0) return;
    let cumulative = 0;
    for (let bucket = 0; bucket <= COUNT; bucket += 1) {
      cumulative = bucket < COUNT ? cumulative + (probes[base + bucket] as number) : count;
      probe.bytes(names.bucket);
      probe.bytes(labels);
      probe.bytes(this.#constants.buckets[bucket] as Buffer);
      probe.count(cumulative);
      probe.byte(NEWLINE);
    }
    probe.bytes(names.sum);
    probe.bytes(labels);
    probe.text(`} ${probes[base + SUM]}\n`);
    probe.bytes(names.count);
    probe.bytes(labels);
    probe.bytes(this.#constants.close);
    probe.count(count);
    probe.byte(NEWLINE);
  }

  #printRelayed(relay: LineWriter, labels: Buffer, relayed: Map<string, number>): void {
    for (const [key, calls] of relayed) {
      relay.bytes(this.#names.relay);
      relay.bytes(labels);
      relay.bytes(this.#relayKey(key));
      relay.count(calls);
      relay.byte(NEWLINE);
    }
  }

  /**
   * Prints the families for the workers `forEachWorker` visits, each family's text a view that stays valid
   * until the next render; series of other workers are dropped.
   */
  render(forEachWorker: HealthVisitor): readonly Buffer[] {
    const names = this.#names;
    const constants = this.#constants;
    const last = this.#last.map((text) => text.result());
    const texts = this.#next;
    // Prometheus wants each family's lines together, so each family gets its own text in the one pass.
    texts.forEach((text, index) => {
      text.reset();
      text.text(this.#headers[index] as string);
    });
    const [up, seen, info, probe, relay] = texts as [
      LineWriter,
      LineWriter,
      LineWriter,
      LineWriter,
      LineWriter,
    ];
    const scrape = ++this.#scrapes;
    // Rows of one health round share their timestamp, and a fleet runs few versions: remembering the last
    // conversion saves a parse or an escape for most workers printed afresh.
    let seenAt = '';
    let seenLine = '';
    let version = '';
    let versionLine = Buffer.alloc(0);
    let printed = 0;
    /** Copies a row's lines of one family from the last text, where the last scrape printed them. */
    const copy = (family: number, at: number) => {
      const table = this.#spans;
      const text = texts[family] as LineWriter;
      const start = table[at + 2 * family] as number;
      const end = table[at + 2 * family + 1] as number;
      const to = text.length;
      text.copy(last[family] as Buffer, start, end);
      table[at + 2 * family] = to;
      table[at + 2 * family + 1] = to + end - start;
    };
    const begin = (family: number, at: number) => {
      this.#spans[at + 2 * family] = (texts[family] as LineWriter).length;
    };
    const finish = (family: number, at: number) => {
      this.#spans[at + 2 * family + 1] = (texts[family] as LineWriter).length;
    };
    try {
      forEachWorker((workerId, health) => {
        const row = this.#rowOf(workerId);
        const shownLast = this.#printedIn[row] === scrape - 1;
        this.#printedIn[row] = scrape;
        printed += 1;
        const at = row * SPAN_STRIDE;
        const status =
          health === undefined ? NO_HEALTH : health.status === 'unreachable' ? UNREACHABLE : REACHABLE;
        const sameHealth =
          this.#shownStatus[row] === status &&
          (health === undefined ||
            (health.lastSeenAt === this.#shownSeenAt[row] && health.version === this.#shownVersion[row]));
        const stale = shownLast ? (this.#changed[row] as number) | (sameHealth ? 0 : HEALTH) : ALL;
        this.#changed[row] = 0;
        const labels = this.#labels[row] as Buffer;
        if ((stale & HEALTH) === 0) {
          copy(UP, at);
          copy(SEEN, at);
          copy(INFO, at);
        } else {
          begin(UP, at);
          begin(SEEN, at);
          begin(INFO, at);
          if (health !== undefined) {
            up.bytes(names.up);
            up.bytes(labels);
            up.bytes(status === UNREACHABLE ? constants.down : constants.up);
            if (health.lastSeenAt) {
              if (health.lastSeenAt !== seenAt) {
                seenAt = health.lastSeenAt;
                seenLine = `} ${Date.parse(seenAt) / 1000}\n`;
              }
              seen.bytes(names.seen);
              seen.bytes(labels);
              seen.text(seenLine);
            }
            if (health.version) {
              if (health.version !== version) {
                version = health.version;
                versionLine = Buffer.from(`,version="${escapeLabelValue(version)}"} 1\n`);
              }
              info.bytes(names.info);
              info.bytes(labels);
              info.bytes(versionLine);
            }
          }
          finish(UP, at);
          finish(SEEN, at);
          finish(INFO, at);
          this.#shownStatus[row] = status;
          this.#shownSeenAt[row] = health?.lastSeenAt;
          this.#shownVersion[row] = health?.version;
        }
        if ((stale & PROBES) === 0) copy(PROBE, at);
        else {
          begin(PROBE, at);
          this.#printProbes(probe, labels, row);
          finish(PROBE, at);
        }
        if ((stale & RELAYED) === 0) copy(RELAY, at);
        else {
          begin(RELAY, at);
          const relayed = this.#relayed[row];
          if (relayed !== undefined) this.#printRelayed(relay, labels, relayed);
          finish(RELAY, at);
        }
      });
      this.#printRelayed(relay, constants.unknown, this.#unknownRelayed);
    } finally {
      // The spans of the rows printed so far point into these texts, even when the visit failed.
      this.#next = this.#last;
      this.#last = texts;
    }
    if (printed < this.#rows.size) this.#dropUnprinted(scrape);
    return texts.map((text) => text.result());
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
