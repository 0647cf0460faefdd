import {
  type ConfigIssue,
  type ControlPlaneConfig,
  createWorkerClient,
  isWorkerId,
  loadConfig,
  type ParsedConfig,
  validateWorkerUrl,
  type WorkerClient,
  type WorkerRegistryEntry,
} from '@llm-control-plane/core';
import { Agent, type Dispatcher } from 'undici';
import { type AdminKind, type AdminObjects, adminObjects } from './admin/index.js';
import { CircuitBreakers } from './circuit.js';
import { createDeferredClient } from './deferred-client.js';
import {
  abortError,
  CredentialLookupError,
  circuitOpenError,
  MissingCredentialError,
  timeoutError,
  UnknownWorkerError,
} from './errors.js';
import { healthFromResult, probeWorker } from './health.js';
import { FleetMonitor, type MonitorOptions } from './monitor.js';
import { FleetOverview, type Overview, type OverviewCounts, type OverviewOptions } from './overview.js';
import { applyPlan, createPlan } from './plan/apply.js';
import { detectDrift } from './plan/drift.js';
import type {
  ApplyOptions,
  ApplyResult,
  DesiredState,
  DriftQuery,
  DriftReport,
  Plan,
  PlanOptions,
} from './plan/types.js';
import { createProbeDispatcher } from './probe-dispatcher.js';
import { spreadOverInterval } from './probe-schedule.js';
import {
  type FleetSearchOptions,
  type FleetSearchResult,
  findKey,
  findTeam,
  findUser,
  type KeyQuery,
  searchFleet,
  type TeamQuery,
  type UserQuery,
} from './search.js';
import { explicitIds, matchesSelector, toPublicEntry } from './selection.js';
import { collectSpend } from './spend.js';
import { callSignal, healthAfterCall, healthAfterProbe } from './status.js';
import type {
  CallSource,
  CircuitState,
  EachOptions,
  FleetOptions,
  FleetResult,
  HealthChange,
  PublicWorkerEntry,
  SearchOptions,
  SpendQuery,
  SpendReport,
  WorkerContext,
  WorkerHealth,
  WorkerSelector,
} from './types.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CONCURRENCY = 32;
const DEFAULT_FAILURE_THRESHOLD = 3;
/**
 * Below uvicorn's 5 s default, as in the core client, so a request never lands on a socket the worker is
 * closing. Also the cap on a longer keep-alive a worker advertises: idle sockets of a large fleet must not
 * pile up for minutes.
 */
const SHARED_KEEP_ALIVE_TIMEOUT_MS = 4_000;

type Slot = {
  entry: WorkerRegistryEntry;
  /** Settled credential; `undefined` while unknown. */
  credential?: { value: string | undefined };
  pendingCredential?: Promise<string | undefined>;
  client?: WorkerClient;
  deferred?: WorkerClient;
};

export type HealthOptions = { workers?: WorkerSelector; timeoutMs?: number; signal?: AbortSignal };

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return Math.ceil(value);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** The base URL calls go to: the entry's url normalised (lowercase scheme and host, no default port or trailing slash). */
function callUrl(entry: WorkerRegistryEntry): string {
  return validateWorkerUrl(entry.url);
}

function normaliseEntry(entry: WorkerRegistryEntry): WorkerRegistryEntry {
  if (typeof entry.worker_id !== 'string' || !isWorkerId(entry.worker_id)) {
    throw new TypeError(`Invalid worker_id ${JSON.stringify(entry.worker_id)}`);
  }
  validateWorkerUrl(entry.url);
  // The url stays as written (it is shown to people); calls go to its normalised form, see callUrl.
  const copy: WorkerRegistryEntry = { ...entry };
  if (entry.labels) copy.labels = { ...entry.labels };
  return copy;
}

function describeInput(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value !== 'object') return typeof value;
  const keys = Object.keys(value);
  return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.slice(0, 5).join(', ')}`;
}

/** Accepts a ParsedConfig or a ControlPlaneConfig; names what it got otherwise. */
function registryOf(input: unknown): { registry: WorkerRegistryEntry[]; warnings: readonly ConfigIssue[] } {
  const expected =
    'Fleet.fromConfig() takes what loadConfig()/parseConfig() return ({ config, warnings }) or its `config`';
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError(`${expected}; got ${describeInput(input)}`);
  }
  const record = input as Record<string, unknown>;
  const isParsed = 'config' in record || 'warnings' in record;
  if (
    isParsed &&
    !(typeof record.config === 'object' && record.config !== null && Array.isArray(record.warnings))
  ) {
    throw new TypeError(`${expected}; got ${describeInput(input)}`);
  }
  const config = (isParsed ? record.config : record) as Record<string, unknown>;
  const registry = config.worker_registry;
  if (registry !== undefined && registry !== null && !Array.isArray(registry)) {
    throw new TypeError(`${expected}; its worker_registry must be a list, got ${describeInput(registry)}`);
  }
  return {
    registry: (registry ?? []) as WorkerRegistryEntry[],
    warnings: isParsed ? (record.warnings as ConfigIssue[]) : [],
  };
}

/** Counts of one worker for the overview: first pages only, the totals come from the list envelopes. */
async function countsOf({ client, signal }: WorkerContext): Promise<OverviewCounts> {
  const [keys, teams, users] = await Promise.all([
    client.keys.list({ size: 1 }, { signal }),
    client.teams.list({}, { signal }),
    client.users.list({ page: 1, page_size: 1 }, { signal }),
  ]);
  return {
    keys: keys.total_count ?? keys.keys.length,
    teams: teams.length,
    users: users.total ?? users.users.length,
  };
}

/** A task of a fan-out in progress: its signal for `fn`, and the rejection that settles its row. */
type RunningTask = { controller: AbortController; workerId: string; reject: (reason: unknown) => void };

/** Ends a task at its deadline or the caller's abort: `fn`'s signal aborts and its row settles at once. */
function endTask(task: RunningTask, reason: Error): void {
  task.controller.abort(reason);
  task.reject(reason);
}

/**
 * A set of LiteLLM workers managed together. Every multi-worker operation returns one row per worker
 * and gives each worker its own deadline, so one hung or broken worker never spoils the others.
 */
export class Fleet implements AsyncDisposable {
  readonly #options: FleetOptions;
  readonly #timeoutMs: number;
  readonly #concurrency: number;
  readonly #circuits: CircuitBreakers;
  #slots = new Map<string, Slot>();
  readonly #health = new Map<string, WorkerHealth>();
  readonly #lastSeen = new Map<string, string>();
  /** The latest probe result per worker, which an answered call restores after a failed one. */
  readonly #probes = new Map<string, WorkerHealth>();
  readonly #monitors = new Set<FleetMonitor>();
  readonly #pendingCloses = new Set<Promise<void>>();
  /** One connection pool manager for every worker (unless the caller brings one): an Agent per worker
   *  costs memory per worker, which adds up in fleets of thousands. */
  readonly #dispatcher: Dispatcher;
  /** Health probes go through a dispatcher of their own (see createProbeDispatcher) and clients made per
   *  probe and dropped, so a worker that is only probed holds no client and no connection. */
  readonly #probeDispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  #closed = false;
  /** Problems in the config this fleet was made from that did not stop it (unknown fields, unused unset variables). */
  configWarnings: readonly ConfigIssue[] = [];

  readonly #overview: FleetOverview;

  readonly find: {
    key(query: KeyQuery, options?: SearchOptions): ReturnType<typeof findKey>;
    user(query: UserQuery, options?: SearchOptions): ReturnType<typeof findUser>;
    team(query: TeamQuery, options?: SearchOptions): ReturnType<typeof findTeam>;
  };

  constructor(entries: WorkerRegistryEntry[] = [], options: FleetOptions = {}) {
    this.#options = { ...options };
    this.#timeoutMs = positiveInteger(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
    this.#concurrency = positiveInteger(options.concurrency, DEFAULT_CONCURRENCY, 'concurrency');
    this.#circuits = new CircuitBreakers(
      positiveInteger(
        options.circuit?.failureThreshold,
        DEFAULT_FAILURE_THRESHOLD,
        'circuit.failureThreshold',
      ),
    );
    const givenDispatcher = options.dispatcher ?? options.clientOptions?.dispatcher;
    this.#ownsDispatcher = givenDispatcher === undefined;
    this.#dispatcher =
      givenDispatcher ??
      new Agent({
        keepAliveTimeout: SHARED_KEEP_ALIVE_TIMEOUT_MS,
        keepAliveMaxTimeout: SHARED_KEEP_ALIVE_TIMEOUT_MS,
        connect: { timeout: this.#timeoutMs },
      });
    this.#probeDispatcher = givenDispatcher ?? createProbeDispatcher(this.#timeoutMs);
    this.setWorkers(entries);
    this.#overview = new FleetOverview({
      workers: () => this.workers(),
      countsOf: (workers) => this.each(countsOf, { workers, source: 'overview' }),
      spend: (query) => this.spend(query),
      now: Date.now,
    });
    this.find = {
      key: (query, searchOptions) => findKey(this, query, searchOptions),
      user: (query, searchOptions) => findUser(this, query, searchOptions),
      team: (query, searchOptions) => findTeam(this, query, searchOptions),
    };
  }

  /**
   * A fleet of the config's `worker_registry`. Takes what `loadConfig`/`parseConfig` return (its warnings
   * become `configWarnings`) or the `config` inside it; anything else is a TypeError, never an empty fleet.
   */
  static fromConfig(config: ParsedConfig | ControlPlaneConfig, options?: FleetOptions): Fleet {
    const { registry, warnings } = registryOf(config);
    const fleet = new Fleet(registry, options);
    fleet.configWarnings = warnings;
    return fleet;
  }

  /** Reads a config file with core's `loadConfig`; the file's warnings are on `configWarnings`. */
  static async load(
    path: string,
    options: FleetOptions & { env?: Record<string, string | undefined> } = {},
  ): Promise<Fleet> {
    const { env, ...fleetOptions } = options;
    const parsed = await loadConfig(path, env ? { env } : undefined);
    return Fleet.fromConfig(parsed, fleetOptions);
  }

  // ---------------------------------------------------------------- registry

  workers(selector?: WorkerSelector): PublicWorkerEntry[] {
    const selected: PublicWorkerEntry[] = [];
    for (const slot of this.#slots.values()) {
      if (matchesSelector(slot.entry, selector)) selected.push(this.#publicEntry(slot));
    }
    return selected;
  }

  worker(id: string): { entry: PublicWorkerEntry; client: WorkerClient } {
    this.#assertOpen();
    const slot = this.#slots.get(id);
    if (!slot) throw new UnknownWorkerError(id);
    return { entry: this.#publicEntry(slot), client: this.#clientSync(slot) };
  }

  /** Replaces the whole registry; clients of removed or changed entries are closed. */
  setWorkers(entries: WorkerRegistryEntry[]): void {
    this.#assertOpen();
    const normalised = entries.map(normaliseEntry);
    const seen = new Set<string>();
    for (const entry of normalised) {
      if (seen.has(entry.worker_id)) throw new TypeError(`Duplicate worker_id '${entry.worker_id}'`);
      seen.add(entry.worker_id);
    }
    const previous = this.#slots;
    const next = new Map<string, Slot>();
    for (const entry of normalised) {
      const existing = previous.get(entry.worker_id);
      next.set(entry.worker_id, existing && sameEntry(existing.entry, entry) ? existing : { entry });
    }
    for (const [id, slot] of previous) {
      const replacement = next.get(id);
      if (replacement !== slot)
        this.#retire(
          id,
          slot,
          replacement !== undefined && callUrl(replacement.entry) === callUrl(slot.entry),
        );
    }
    this.#slots = next;
  }

  /** Adds an entry at the end of the registry, or replaces the entry with the same id in place. */
  upsertWorker(entry: WorkerRegistryEntry): void {
    this.#assertOpen();
    const normalised = normaliseEntry(entry);
    const existing = this.#slots.get(normalised.worker_id);
    if (existing && sameEntry(existing.entry, normalised)) return;
    if (existing)
      this.#retire(normalised.worker_id, existing, callUrl(existing.entry) === callUrl(normalised));
    this.#slots.set(normalised.worker_id, { entry: normalised });
  }

  removeWorker(id: string): boolean {
    const slot = this.#slots.get(id);
    if (!slot) return false;
    this.#slots.delete(id);
    this.#retire(id, slot, false);
    return true;
  }

  circuitState(id: string): CircuitState {
    return this.#circuits.state(id);
  }

  // ---------------------------------------------------------------- fan-out

  /**
   * Calls `fn` once per selected worker, at most `concurrency` at a time, and resolves with one row per
   * worker in registry order. A worker's deadline starts when its task starts; when it passes, the task's
   * signal aborts and the row fails with a timeout without waiting for `fn` to settle.
   */
  each<T>(fn: (context: WorkerContext) => Promise<T>, options: EachOptions = {}): Promise<FleetResult<T>[]> {
    return this.#each(fn, options, options.source ?? 'fan-out');
  }

  /** `source` null: the calls are probes, whose results `health()` records itself. */
  async #each<T>(
    fn: (context: WorkerContext) => Promise<T>,
    options: EachOptions,
    source: CallSource | null,
    slots: readonly (Slot | UnknownWorkerError)[] = this.#selectSlots(options.workers),
  ): Promise<FleetResult<T>[]> {
    this.#assertOpen();
    const concurrency = positiveInteger(options.concurrency, this.#concurrency, 'concurrency');
    if (options.timeoutMs !== undefined) positiveInteger(options.timeoutMs, 0, 'timeoutMs');
    const results: FleetResult<T>[] = new Array(slots.length);
    // One listener on the caller's signal for the whole call: hundreds of per-task listeners would
    // trip Node's listener-leak warning.
    const running = new Set<RunningTask>();
    const onAbort = () => {
      for (const task of running) endTask(task, abortError(task.workerId));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let nextIndex = 0;
    const runner = async () => {
      while (nextIndex < slots.length) {
        const index = nextIndex++;
        const slot = slots[index]!;
        const result = await this.#runTask(slot, fn, options, running, source === null);
        if (source !== null && !(slot instanceof UnknownWorkerError)) {
          this.recordCall(result.workerId, result.ok ? null : result.error, source);
        }
        results[index] = result;
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, slots.length) }, runner));
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
    return results;
  }

  async #runTask<T>(
    slot: Slot | UnknownWorkerError,
    fn: (context: WorkerContext) => Promise<T>,
    options: EachOptions,
    running: Set<RunningTask>,
    probe: boolean,
  ): Promise<FleetResult<T>> {
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
    if (slot instanceof UnknownWorkerError) {
      return { workerId: slot.workerId, ok: false, error: slot, durationMs: 0 };
    }
    const workerId = slot.entry.worker_id;
    const fail = (error: unknown): FleetResult<T> => ({
      workerId,
      ok: false,
      error: error instanceof Error ? error : new Error(String(error)),
      durationMs: elapsed(),
    });
    if (options.signal?.aborted) return fail(abortError(workerId));
    if (options.respectCircuit !== false && this.#circuits.state(workerId) !== 'closed') {
      return fail(circuitOpenError(workerId));
    }
    const timeoutMs = options.timeoutMs ?? slot.entry.timeout_ms ?? this.#timeoutMs;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let task: RunningTask | undefined;
    try {
      // One promise settled by whichever comes first, the work or the abort (deadline or caller): a fan-out
      // makes one per worker, so it avoids Promise.race's extra promises, and the abort rejects it directly
      // rather than through a listener on the signal. Once the abort has settled it, a later outcome of the
      // work is dropped.
      const value = await new Promise<T>((resolve, reject) => {
        const started: RunningTask = { controller, workerId, reject };
        task = started;
        running.add(started);
        timer = setTimeout(() => endTask(started, timeoutError(workerId, timeoutMs)), timeoutMs);
        this.#startWork(slot, fn, options, probe, controller.signal, timeoutMs).then(resolve, reject);
      });
      return { workerId, ok: true, value, durationMs: elapsed() };
    } catch (error) {
      return fail(controller.signal.aborted ? controller.signal.reason : error);
    } finally {
      clearTimeout(timer);
      if (task !== undefined) running.delete(task);
    }
  }

  async #startWork<T>(
    slot: Slot,
    fn: (context: WorkerContext) => Promise<T>,
    options: EachOptions,
    probe: boolean,
    signal: AbortSignal,
    timeoutMs: number,
  ): Promise<T> {
    const client = probe
      ? this.#probeClient(slot, timeoutMs)
      : await this.#clientFor(slot, options.requireCredential !== false);
    if (signal.aborted) throw signal.reason;
    return fn({ entry: this.#publicEntry(slot), client, signal });
  }

  // ---------------------------------------------------------------- health

  health(options: HealthOptions = {}): Promise<WorkerHealth[]> {
    return this.#probe(this.#selectSlots(options.workers), options);
  }

  async #probe(
    slots: readonly (Slot | UnknownWorkerError)[],
    options: Omit<HealthOptions, 'workers'>,
  ): Promise<WorkerHealth[]> {
    const degradedLatencyMs = this.#options.degradedLatencyMs;
    const results = await this.#each(
      async (context) => {
        const id = context.entry.worker_id;
        this.#circuits.beginProbe(id);
        return probeWorker(context, degradedLatencyMs, async () => {
          const slot = this.#slots.get(id);
          if (!slot) throw new UnknownWorkerError(id);
          return this.#clientFor(slot, false);
        });
      },
      { ...options, requireCredential: false, respectCircuit: false },
      null,
      slots,
    );
    const checkedAt = new Date().toISOString();
    const health = results.map((result) => healthFromResult(result, checkedAt, this.#lastSeen));
    // An aborted round says nothing about the workers, so it must not move their state or circuits.
    if (options.signal?.aborted) return health;
    return health.map((row) => this.#recordHealth(row));
  }

  lastHealth(): Map<string, WorkerHealth> {
    const snapshot = new Map<string, WorkerHealth>();
    for (const id of this.#slots.keys()) {
      const health = this.#health.get(id);
      if (health) snapshot.set(id, { ...health });
    }
    return snapshot;
  }

  /**
   * Visits every registered worker in registry order with its current health (undefined until first
   * known), without the copies `lastHealth()` makes: for readers that go over a large fleet often, such as
   * a metrics scrape. `visit` must not keep or change the health it is given.
   */
  forEachHealth(visit: (workerId: string, health: Readonly<WorkerHealth> | undefined) => void): void {
    for (const id of this.#slots.keys()) visit(id, this.#health.get(id));
  }

  monitor(options: MonitorOptions = {}): FleetMonitor {
    this.#assertOpen();
    let rounds = 0;
    const monitor: FleetMonitor = new FleetMonitor(
      (signal): Promise<WorkerHealth[]> => {
        rounds += 1;
        // The first round probes everything at once (status is wanted right after start); later rounds
        // spread their probes over the interval.
        if (rounds === 1)
          return this.health({ workers: options.workers, timeoutMs: options.timeoutMs, signal });
        return this.#spreadHealth(options, monitor.intervalMs, signal);
      },
      options,
      () => this.#monitors.delete(monitor),
    );
    this.#monitors.add(monitor);
    monitor.start();
    return monitor;
  }

  async #spreadHealth(
    options: MonitorOptions,
    intervalMs: number,
    signal: AbortSignal,
  ): Promise<WorkerHealth[]> {
    const ids: string[] = [];
    for (const slot of this.#selectSlots(options.workers)) {
      if (!(slot instanceof UnknownWorkerError)) ids.push(slot.entry.worker_id);
    }
    // Each slice looks its workers up by id (a worker replaced meanwhile is probed at its new address)
    // rather than through a selector, which would scan the whole registry once per slice.
    const rows = await spreadOverInterval(ids, intervalMs, signal, (slice) =>
      this.#closed
        ? Promise.resolve([])
        : this.#probe(
            slice.flatMap((id) => this.#slots.get(id) ?? []),
            { timeoutMs: options.timeoutMs, signal },
          ),
    );
    // A worker removed while the round ran has no row to report.
    return rows.filter((row) => this.#slots.has(row.workerId));
  }

  #recordHealth(probe: WorkerHealth): WorkerHealth {
    const id = probe.workerId;
    if (!this.#slots.has(id)) return probe;
    const previousCircuit = this.#circuits.state(id);
    const circuitBefore = previousCircuit === 'half-open' ? 'open' : previousCircuit;
    const circuitAfter =
      probe.status === 'unreachable' ? this.#circuits.recordFailure(id) : this.#circuits.recordSuccess(id);
    if (probe.status !== 'unreachable') this.#lastSeen.set(id, probe.checkedAt);
    const previous = this.#health.get(id) ?? null;
    const health = healthAfterProbe(previous, probe);
    this.#probes.set(id, health);
    this.#health.set(id, health);
    this.#announce(previous, health, { previous: circuitBefore, current: circuitAfter });
    return health;
  }

  /**
   * Feeds the outcome of one call to a worker (null: it answered) into its status, as the fan-outs do by
   * themselves: a connection failure or timeout newer than the last probe marks the worker unreachable or
   * degraded at once, and an answer restores it. For calls made outside the fleet's helpers, e.g. a relay
   * over `worker(id).client`. The circuit stays with the probes.
   */
  recordCall(workerId: string, error: unknown, source: CallSource): void {
    const previous = this.#health.get(workerId) ?? null;
    // The common case, an answer from a healthy worker, changes nothing.
    if ((error === null || error === undefined) && (previous === null || previous.status === 'healthy'))
      return;
    if (!this.#slots.has(workerId)) return;
    const signal = callSignal(error);
    const at = new Date().toISOString();
    const health = healthAfterCall(
      previous,
      this.#probes.get(workerId) ?? null,
      signal,
      source,
      at,
      workerId,
    );
    if (health === null) return;
    if (signal.kind === 'answered') this.#lastSeen.set(workerId, at);
    this.#health.set(workerId, health);
    const circuit = this.#circuits.state(workerId);
    this.#announce(previous, health, { previous: circuit, current: circuit });
  }

  #announce(previous: WorkerHealth | null, current: WorkerHealth, circuit: HealthChange['circuit']): void {
    if (previous?.status === current.status && circuit.previous === circuit.current) return;
    const change: HealthChange = { workerId: current.workerId, previous, current, circuit };
    for (const monitor of this.#monitors) monitor.notify(change);
  }

  // ---------------------------------------------------------------- spend, plan, drift

  spend(query: SpendQuery): Promise<SpendReport> {
    return collectSpend(this, query);
  }

  /**
   * Searches for one free-text term across the fleet: a raw key (`sk-…`, hashed before it leaves), a
   * token, a key or team alias, an e-mail, a user or team id. See `find` for one kind of lookup.
   */
  search(q: string, options: FleetSearchOptions = {}): Promise<FleetSearchResult> {
    return searchFleet(this, q, options);
  }

  /**
   * Counts of keys, teams and users and the 30-day spend of each worker, from one fan-out that concurrent
   * callers share (and later ones reuse for `maxAgeMs`). A worker that fails keeps its last numbers, stale.
   */
  overview(options: OverviewOptions = {}): Promise<Overview> {
    return this.#overview.get(options);
  }

  plan(desired: DesiredState, options: PlanOptions = {}): Promise<Plan> {
    return createPlan(this, desired, options);
  }

  apply(plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
    return applyPlan(this, plan, options);
  }

  drift(query: DriftQuery): Promise<DriftReport> {
    return detectDrift(this, query);
  }

  /** List, search, drift and plan/apply for one admin registry: MCP servers, guardrails, credentials... */
  admin(kind: AdminKind): AdminObjects {
    return adminObjects(this, kind);
  }

  // ---------------------------------------------------------------- lifecycle

  async close(): Promise<void> {
    if (this.#closed) {
      await Promise.allSettled([...this.#pendingCloses]);
      return;
    }
    this.#closed = true;
    for (const monitor of [...this.#monitors]) monitor.stop();
    for (const [id, slot] of this.#slots) this.#retire(id, slot, false);
    this.#slots = new Map();
    await Promise.allSettled([...this.#pendingCloses]);
    if (this.#ownsDispatcher) {
      await Promise.allSettled([this.#dispatcher.close(), this.#probeDispatcher.close()]);
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ---------------------------------------------------------------- internals

  #assertOpen(): void {
    if (this.#closed) throw new Error('The fleet is closed');
  }

  #selectSlots(selector: WorkerSelector | undefined): (Slot | UnknownWorkerError)[] {
    const selected: (Slot | UnknownWorkerError)[] = [];
    for (const slot of this.#slots.values()) {
      if (matchesSelector(slot.entry, selector)) selected.push(slot);
    }
    // Ids asked for by name but absent get a failed row rather than silently disappearing.
    for (const id of explicitIds(selector)) {
      if (!this.#slots.has(id)) selected.push(new UnknownWorkerError(id));
    }
    return selected;
  }

  #publicEntry(slot: Slot): PublicWorkerEntry {
    return toPublicEntry(slot.entry, this.#hasCredential(slot));
  }

  #hasCredential(slot: Slot): boolean {
    // A UI login held by the fleet counts: the fleet signs in itself when no key is given.
    if (uiLoginOf(slot.entry).login) return true;
    if (slot.credential) return slot.credential.value !== undefined && slot.credential.value !== '';
    if (slot.entry.api_key) return true;
    // Until an asynchronous vault answers, a worker with a credentials callback is assumed to have one.
    return this.#options.credentials !== undefined;
  }

  #settleCredential(slot: Slot, value: string | undefined): string | undefined {
    const credential = value === undefined || value === '' ? slot.entry.api_key || undefined : value;
    slot.credential = { value: credential };
    slot.pendingCredential = undefined;
    return credential;
  }

  #credential(slot: Slot): Promise<string | undefined> {
    if (slot.credential) return Promise.resolve(slot.credential.value);
    const provider = this.#options.credentials;
    if (!provider) return Promise.resolve(this.#settleCredential(slot, undefined));
    slot.pendingCredential ??= (async () => {
      try {
        const value = await provider({ ...slot.entry });
        return this.#settleCredential(slot, value);
      } catch (error) {
        // A failed lookup is not cached so that the next operation asks the vault again.
        slot.pendingCredential = undefined;
        throw new CredentialLookupError(slot.entry.worker_id, error);
      }
    })();
    return slot.pendingCredential;
  }

  #createClient(slot: Slot, credential: string | undefined): WorkerClient {
    if (slot.client) return slot.client;
    const clientOptions = this.#options.clientOptions ?? {};
    slot.client = createWorkerClient({
      ...clientOptions,
      baseUrl: callUrl(slot.entry),
      workerId: slot.entry.worker_id,
      timeoutMs: slot.entry.timeout_ms ?? clientOptions.timeoutMs ?? this.#timeoutMs,
      ...(credential !== undefined ? { apiKey: credential } : uiLoginOf(slot.entry)),
      ...(slot.entry.litellm_key_header_name === undefined
        ? {}
        : { keyHeader: slot.entry.litellm_key_header_name }),
      dispatcher: this.#dispatcher,
    });
    return slot.client;
  }

  /** A client without credential for the public readiness route of one probe; nothing keeps it afterwards. */
  #probeClient(slot: Slot, timeoutMs: number): WorkerClient {
    const { headers } = this.#options.clientOptions ?? {};
    return createWorkerClient({
      baseUrl: callUrl(slot.entry),
      workerId: slot.entry.worker_id,
      timeoutMs,
      ...(headers === undefined ? {} : { headers }),
      dispatcher: this.#probeDispatcher,
    });
  }

  async #clientFor(slot: Slot, requireCredential: boolean): Promise<WorkerClient> {
    const credential = await this.#credential(slot);
    if (requireCredential && credential === undefined && uiLoginOf(slot.entry).login === undefined) {
      throw new MissingCredentialError(slot.entry.worker_id);
    }
    if (this.#slots.get(slot.entry.worker_id) !== slot) throw new UnknownWorkerError(slot.entry.worker_id);
    return this.#createClient(slot, credential);
  }

  #clientSync(slot: Slot): WorkerClient {
    if (slot.client) return slot.client;
    if (!slot.credential && !slot.pendingCredential && this.#options.credentials) {
      try {
        const value = this.#options.credentials({ ...slot.entry });
        if (!isThenable(value)) this.#settleCredential(slot, value);
      } catch {
        // Left to the asynchronous path, which reports it as a CredentialLookupError on use.
      }
    }
    if (slot.credential || !this.#options.credentials) {
      return this.#createClient(
        slot,
        slot.credential ? slot.credential.value : slot.entry.api_key || undefined,
      );
    }
    slot.deferred ??= createDeferredClient(callUrl(slot.entry), slot.entry.worker_id, () =>
      this.#clientFor(slot, false),
    );
    return slot.deferred;
  }

  /** Closes a slot's client. Health and circuit survive only a replacement that keeps the same URL. */
  #retire(id: string, slot: Slot, keepState: boolean): void {
    if (!keepState) {
      this.#circuits.remove(id);
      this.#health.delete(id);
      this.#probes.delete(id);
      this.#lastSeen.delete(id);
    }
    const client = slot.client;
    slot.client = undefined;
    if (client) {
      const closing = client.close().catch(() => {});
      this.#pendingCloses.add(closing);
      void closing.finally(() => this.#pendingCloses.delete(closing));
    }
  }
}

/** The client option that makes it log in with the entry's UI credentials, when it has them. */
function uiLoginOf(entry: WorkerRegistryEntry): { login?: { username: string; password: string } } {
  return entry.ui_username && entry.ui_password
    ? { login: { username: entry.ui_username, password: entry.ui_password } }
    : {};
}

function sameEntry(a: WorkerRegistryEntry, b: WorkerRegistryEntry): boolean {
  return sameJsonValue(a, b);
}

/**
 * Whether two JSON-like values serialise alike, key order aside (keys holding `undefined` count as absent).
 * Compared in place: a registry of thousands of entries is compared on every start and every sync.
 */
function sameJsonValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameJsonValue(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const leftKeys = Object.keys(left).filter((key) => left[key] !== undefined);
  if (leftKeys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length) return false;
  return leftKeys.every((key) => sameJsonValue(left[key], right[key]));
}
