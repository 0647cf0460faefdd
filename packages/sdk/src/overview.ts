import { serializeError } from './errors.js';
import type { FleetResult, SpendQuery, SpendReport } from './types.js';

export type OverviewCounts = { keys: number; teams: number; users: number };

/** What the overview knows of one worker: fresh numbers, or the last ones marked stale. */
export type OverviewRow = {
  workerId: string;
  counts: OverviewCounts | null;
  /** Spend of the last 30 days (today included), USD. */
  spend: number | null;
  /** True when the numbers are from an earlier round because this one failed for the worker. */
  stale: boolean;
  /** When the numbers were taken; null when the worker never answered. */
  asOf: string | null;
  /** Why this round failed for the worker. */
  error?: { kind: string; message: string };
};

export type Overview = { generatedAt: string; workers: OverviewRow[] };

export type OverviewOptions = {
  /** Workers to describe (default: all). Workers without a credential get rows without numbers. */
  workers?: readonly string[];
  /**
   * How long a finished round answers later callers, in milliseconds. Concurrent callers always share the
   * round in flight. @default 2000
   */
  maxAgeMs?: number;
};

/** The part of the Fleet an overview round needs. */
type OverviewSource = {
  workers(): { worker_id: string; has_credential: boolean }[];
  countsOf(workers: string[]): Promise<FleetResult<OverviewCounts>[]>;
  spend(query: SpendQuery): Promise<SpendReport>;
  now(): number;
};

type Memory = { counts: OverviewCounts | null; spend: number | null; asOf: string | null };

type Round = {
  takenAt: number;
  asOf: string;
  /** Every worker id the round asked; a worker added since forces a new round. */
  covered: Set<string>;
  rows: Map<string, { memory: Memory; fresh: boolean; failure?: { kind: string; message: string } }>;
};

const NOTHING: Memory = { counts: null, spend: null, asOf: null };
const DAY_MS = 86_400_000;

function thirtyDaysBack(now: number): { start: string; end: string } {
  return {
    start: new Date(now - 29 * DAY_MS).toISOString().slice(0, 10),
    end: new Date(now).toISOString().slice(0, 10),
  };
}

/**
 * Counts and 30-day spend of every worker, from one fan-out shared by all callers (a dashboard opened by
 * many users costs the workers one round). A worker that fails keeps its last numbers, marked stale.
 */
export class FleetOverview {
  readonly #source: OverviewSource;
  readonly #memory = new Map<string, Memory>();
  #round: Round | null = null;
  #inFlight: Promise<Round> | null = null;

  constructor(source: OverviewSource) {
    this.#source = source;
  }

  async get(options: OverviewOptions = {}): Promise<Overview> {
    const registry = this.#source.workers();
    let selected = registry;
    if (options.workers !== undefined) {
      const byId = new Map(registry.map((entry) => [entry.worker_id, entry]));
      selected = options.workers.flatMap((id) => byId.get(id) ?? []);
    }
    const round = await this.#roundFor(
      selected.filter((entry) => entry.has_credential).map((entry) => entry.worker_id),
      options.maxAgeMs ?? 2000,
    );
    const workers = selected.map(({ worker_id: id }) => {
      const known = round.rows.get(id);
      const memory = known?.memory ?? this.#memory.get(id) ?? NOTHING;
      const row: OverviewRow = {
        workerId: id,
        counts: memory.counts,
        spend: memory.spend,
        stale: !(known?.fresh ?? false) && (memory.counts !== null || memory.spend !== null),
        asOf: memory.asOf,
      };
      if (known?.failure) row.error = known.failure;
      return row;
    });
    return { generatedAt: round.asOf, workers };
  }

  #roundFor(needed: readonly string[], maxAgeMs: number): Promise<Round> {
    const round = this.#round;
    if (
      round !== null &&
      this.#source.now() - round.takenAt < maxAgeMs &&
      needed.every((id) => round.covered.has(id))
    ) {
      return Promise.resolve(round);
    }
    if (this.#inFlight === null) {
      const pending = this.#takeRound().then((taken) => {
        this.#round = taken;
        return taken;
      });
      this.#inFlight = pending;
      const clear = () => {
        if (this.#inFlight === pending) this.#inFlight = null;
      };
      pending.then(clear, clear);
    }
    return this.#inFlight;
  }

  /** One round over every worker with a credential, whatever the caller asked for. */
  async #takeRound(): Promise<Round> {
    // Browser-direct workers (no stored credential) cannot be asked; only their health is known.
    const selector = this.#source
      .workers()
      .filter((entry) => entry.has_credential)
      .map((entry) => entry.worker_id);
    const [countResults, spend] = await Promise.all([
      this.#source.countsOf(selector),
      selector.length === 0
        ? Promise.resolve(null)
        : this.#source.spend({ ...thirtyDaysBack(this.#source.now()), groupBy: 'worker', workers: selector }),
    ]);
    const takenAt = this.#source.now();
    const asOf = new Date(takenAt).toISOString();
    const counts = new Map(countResults.map((result) => [result.workerId, result]));
    const spendByWorker = new Map((spend?.workers ?? []).map((row) => [row.workerId, row.spend]));
    const spendFailures = new Map((spend?.missing ?? []).map((row) => [row.workerId, row.error]));
    const rows: Round['rows'] = new Map();
    for (const id of selector) {
      const previous = this.#memory.get(id) ?? NOTHING;
      const countResult = counts.get(id);
      const freshCounts = countResult?.ok ? countResult.value : null;
      const freshSpend = spendByWorker.get(id) ?? null;
      const failure =
        countResult && !countResult.ok ? serializeError(countResult.error) : spendFailures.get(id);
      const fresh = freshCounts !== null && freshSpend !== null;
      const memory: Memory = {
        counts: freshCounts ?? previous.counts,
        spend: freshSpend ?? previous.spend,
        asOf: fresh ? asOf : previous.asOf,
      };
      if (freshCounts !== null || freshSpend !== null) this.#memory.set(id, memory);
      rows.set(id, {
        memory,
        fresh,
        ...(failure ? { failure: { kind: failure.kind, message: failure.message } } : {}),
      });
    }
    // Forget workers that left the registry.
    const known = new Set(this.#source.workers().map((entry) => entry.worker_id));
    for (const id of this.#memory.keys()) if (!known.has(id)) this.#memory.delete(id);
    return { takenAt, asOf, covered: new Set(selector), rows };
  }
}
