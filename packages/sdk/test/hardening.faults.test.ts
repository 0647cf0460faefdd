import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { WorkerRegistryEntry } from '@llm-control-plane/core';
import { type FakeWorker, type FaultMode, startFakeWorkers } from '@llm-control-plane/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Fleet, type HealthChange, type Plan, serializeError } from '../src/index.js';

/**
 * Every fault of the fake worker against every fleet operation: the faulty worker gets the right error
 * kind, the others are untouched, the per-worker deadline holds and the process survives.
 */

/** Long enough for the client's two retries of a 500 (backoff 100–600 ms), so error500 stays 'api'. */
const DEADLINE_MS = 1000;
/** Scheduling slack on a loaded two-core CI machine; a hung worker without a deadline would take forever. */
const SLACK_MS = 600;
const FAULTY = 'w1';

type Outcome = { ok: true } | { ok: false; kind: string };
type Outcomes = Map<string, Outcome>;

const FAULTS: { mode: Exclude<FaultMode, 'none'>; expected: readonly string[]; mayPass?: boolean }[] = [
  { mode: 'down', expected: ['unreachable'] },
  { mode: 'hang', expected: ['timeout'] },
  { mode: 'slow', expected: ['timeout'] },
  { mode: 'error500', expected: ['api'] },
  { mode: 'garbage', expected: ['bad_response'] },
  // Every second request fails: idempotent reads are retried and usually pass, writes may fail.
  { mode: 'flaky', expected: ['api'], mayPass: true },
];

const processFailures: unknown[] = [];
const onUnhandled = (reason: unknown) => processFailures.push(reason);

let workers: FakeWorker[] & AsyncDisposable;
let entries: WorkerRegistryEntry[];
let fleet: Fleet;
let runCounter = 0;
let faultCasesSurvived = 0;

function fromFailures(ids: string[], failures: { workerId: string; error: unknown }[]): Outcomes {
  const outcomes: Outcomes = new Map(ids.map((id) => [id, { ok: true } as Outcome]));
  for (const failure of failures) outcomes.set(failure.workerId, { ok: false, kind: kindOf(failure.error) });
  return outcomes;
}

/** Kind of a live error or of one already serialized (spend reports carry serialized errors). */
function kindOf(error: unknown): string {
  if (!(error instanceof Error) && typeof (error as { kind?: unknown } | null)?.kind === 'string') {
    return (error as { kind: string }).kind;
  }
  return serializeError(error).kind;
}

function fromErrors(rows: { workerId: string; error?: { kind: string } | undefined }[]): Outcomes {
  return new Map(
    rows.map((row) => [
      row.workerId,
      row.error === undefined ? { ok: true } : { ok: false, kind: row.error.kind },
    ]),
  );
}

const ids = () => entries.map((entry) => entry.worker_id);
const today = () => new Date().toISOString().slice(0, 10);
const monthAgo = () => new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);

type Operation = {
  name: string;
  /** Sequential fan-outs the operation makes (drift reads the baseline first). */
  stages: number;
  prepare?: () => Promise<unknown>;
  run: (prepared: unknown) => Promise<Outcomes>;
};

const OPERATIONS: Operation[] = [
  {
    name: 'each',
    stages: 1,
    run: async () => {
      const rows = await fleet.each(({ client, signal }) => client.keys.list({ size: 5 }, { signal }));
      return new Map(
        rows.map((row) => [
          row.workerId,
          row.ok ? { ok: true } : { ok: false, kind: serializeError(row.error).kind },
        ]),
      );
    },
  },
  {
    name: 'health',
    stages: 1,
    run: async () => {
      const rows = await fleet.health();
      return new Map(
        rows.map((row) => [
          row.workerId,
          row.status === 'unreachable'
            ? { ok: false, kind: row.error?.kind ?? 'missing-kind' }
            : { ok: true },
        ]),
      );
    },
  },
  {
    name: 'find.key',
    stages: 1,
    run: async () => fromFailures(ids(), (await fleet.find.key({ alias: 'no-such-alias' })).failures),
  },
  {
    name: 'find.user',
    stages: 1,
    run: async () => fromFailures(ids(), (await fleet.find.user({ userId: 'no-such-user' })).failures),
  },
  {
    name: 'find.team',
    stages: 1,
    run: async () => fromFailures(ids(), (await fleet.find.team({ alias: 'no-such-team' })).failures),
  },
  {
    name: 'spend',
    stages: 1,
    run: async () => {
      const report = await fleet.spend({ start: monthAgo(), end: today(), groupBy: 'team' });
      return fromFailures(ids(), report.missing);
    },
  },
  {
    name: 'plan',
    stages: 1,
    run: async () => {
      const plan = await fleet.plan({ teams: [{ team_alias: `plan-team-${runCounter++}`, max_budget: 5 }] });
      return fromErrors(plan.workers);
    },
  },
  {
    name: 'apply',
    stages: 1,
    // Planned while every worker is healthy; applied once the fault is in place.
    prepare: () => fleet.plan({ teams: [{ team_alias: `apply-team-${runCounter++}`, max_budget: 7 }] }),
    run: async (prepared) => {
      const result = await fleet.apply(prepared as Plan, { onFailure: 'continue', timeoutMs: DEADLINE_MS });
      return new Map(
        result.workers.map((row) => [
          row.workerId,
          row.status === 'failed' || row.status === 'partial'
            ? {
                ok: false,
                kind:
                  row.error?.kind ??
                  row.changes.find((change) => change.error !== undefined)?.error?.kind ??
                  'missing-kind',
              }
            : { ok: true },
        ]),
      );
    },
  },
  {
    name: 'drift',
    stages: 2,
    run: async () => {
      const report = await fleet.drift({ baseline: 'w0', resources: ['teams', 'budgets'] });
      // The baseline is the reference, not a row of the report: reading it did not fail, or drift would throw.
      return new Map([['w0', { ok: true }], ...fromErrors(report.workers)]);
    },
  },
];

async function restore(): Promise<void> {
  for (const worker of workers) await worker.fault('none');
  // A successful probe is what closes a circuit again.
  await fleet.health();
  for (const id of ids()) expect(fleet.circuitState(id)).toBe('closed');
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  workers = await startFakeWorkers(3, (index) => ({
    host: '127.0.0.1',
    masterKey: `sk-hardening-${index}`,
    name: `worker ${index}`,
    seed: { keys: 4, teams: 2, users: 3, spendLogs: 30, seed: index + 1 },
  }));
  entries = workers.map((worker, index) => ({
    worker_id: `w${index}`,
    name: `worker ${index}`,
    url: worker.url,
    api_key: worker.masterKey,
  }));
  fleet = new Fleet(entries, { timeoutMs: DEADLINE_MS, circuit: { failureThreshold: 3 } });
});

afterEach(async () => {
  await restore();
});

afterAll(async () => {
  await fleet?.close();
  await workers?.[Symbol.asyncDispose]();
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  console.info(`[hardening] sdk fault cases survived: ${faultCasesSurvived}`);
});

describe.each(FAULTS)('fault $mode on one worker', ({ mode, expected, mayPass }) => {
  it.each(OPERATIONS.map((operation) => ({ name: operation.name, operation })))(
    '$name: right error kind, other workers unaffected, deadline held',
    async ({ operation }) => {
      const prepared = operation.prepare ? await operation.prepare() : undefined;
      const faulty = workers[1] as FakeWorker;
      await faulty.fault(mode, mode === 'slow' ? { latencyMs: DEADLINE_MS * 4 } : {});
      const started = performance.now();
      const outcomes = await operation.run(prepared);
      const elapsed = performance.now() - started;

      expect(elapsed).toBeLessThan(DEADLINE_MS * operation.stages + SLACK_MS);
      expect(outcomes.get('w0'), 'w0 is healthy').toEqual({ ok: true });
      expect(outcomes.get('w2'), 'w2 is healthy').toEqual({ ok: true });
      const outcome = outcomes.get(FAULTY);
      expect(outcome, 'the faulty worker has a row').toBeDefined();
      if (!(mayPass && outcome?.ok)) {
        expect(outcome?.ok).toBe(false);
        expect(expected).toContain((outcome as { kind: string }).kind);
      }
      expect(processFailures).toEqual([]);
      faultCasesSurvived += 1;
    },
  );
});

describe('recovery', () => {
  it('a worker that comes back is detected by the monitor and its circuit closes', async () => {
    const faulty = workers[1] as FakeWorker;
    const changes: HealthChange[] = [];
    const monitor = fleet.monitor({ intervalMs: 50, timeoutMs: 200 });
    monitor.addEventListener('change', (event) => changes.push((event as CustomEvent<HealthChange>).detail));
    try {
      await faulty.fault('down');
      await waitUntil(() => fleet.circuitState(FAULTY) === 'open', 10_000, 'the circuit to open');
      const blocked = await fleet.each(({ client, signal }) => client.keys.list({ size: 1 }, { signal }), {
        workers: [FAULTY],
      });
      expect(blocked[0]?.ok).toBe(false);
      expect(serializeError((blocked[0] as { error: unknown }).error).kind).toBe('unavailable');

      await faulty.fault('none');
      await waitUntil(() => fleet.circuitState(FAULTY) === 'closed', 10_000, 'the circuit to close');
      expect(fleet.lastHealth().get(FAULTY)?.status).toBe('healthy');
      const [row] = await fleet.each(({ client, signal }) => client.keys.list({ size: 1 }, { signal }), {
        workers: [FAULTY],
      });
      expect(row?.ok).toBe(true);
      const statuses = changes
        .filter((change) => change.workerId === FAULTY)
        .map((change) => change.current.status);
      expect(statuses).toContain('unreachable');
      expect(statuses.at(-1)).toBe('healthy');
    } finally {
      monitor.stop();
    }
  });

  it('a worker whose URL changes in the registry is called at its new address', async () => {
    const [replacement] = await startFakeWorkers(1, () => ({
      host: '127.0.0.1',
      masterKey: 'sk-hardening-replacement',
      seed: { keys: 9, teams: 1, users: 1, spendLogs: 1, seed: 42 },
    }));
    if (replacement === undefined) throw new Error('no replacement worker');
    const faulty = workers[1] as FakeWorker;
    try {
      await faulty.fault('down');
      for (let probe = 0; probe < 3; probe += 1) await fleet.health({ workers: [FAULTY] });
      expect(fleet.circuitState(FAULTY)).toBe('open');

      fleet.upsertWorker({
        ...(entries[1] as WorkerRegistryEntry),
        url: replacement.url,
        api_key: replacement.masterKey,
      });
      expect(fleet.workers().find((entry) => entry.worker_id === FAULTY)?.url).toBe(replacement.url);
      // Health at the new address closes the circuit the old address opened.
      const [health] = await fleet.health({ workers: [FAULTY] });
      expect(health?.status).toBe('healthy');
      expect(fleet.circuitState(FAULTY)).toBe('closed');
      const before = replacement.state.counters.requests;
      const [row] = await fleet.each(({ client, signal }) => client.keys.list({ size: 50 }, { signal }), {
        workers: [FAULTY],
      });
      expect(row?.ok).toBe(true);
      expect(replacement.state.counters.requests).toBeGreaterThan(before);
      expect((row as { value: { keys: unknown[] } }).value.keys.length).toBeGreaterThanOrEqual(9);
    } finally {
      fleet.upsertWorker(entries[1] as WorkerRegistryEntry);
      await replacement.close();
    }
  });
});

describe('memory', () => {
  it('does not grow over 1,000 failing fan-outs', { timeout: 120_000 }, async () => {
    const collect = garbageCollector();
    const [down, broken, garbage] = workers as unknown as [FakeWorker, FakeWorker, FakeWorker];
    await down.fault('down');
    await broken.fault('error500');
    await garbage.fault('garbage');
    // No retries: the point is many failing fan-outs, not the backoff schedule.
    const failing = new Fleet(entries, { timeoutMs: DEADLINE_MS, clientOptions: { maxRetries: 0 } });
    try {
      const round = () => failing.each(({ client, signal }) => client.teams.list({}, { signal }));
      const rounds = async (count: number) => {
        for (let batch = 0; batch < count / 25; batch += 1) {
          const results = await Promise.all(Array.from({ length: 25 }, round));
          for (const rows of results) for (const row of rows) expect(row.ok).toBe(false);
        }
      };
      await rounds(100);
      collect();
      const baseline = process.memoryUsage().heapUsed;
      await rounds(1000);
      collect();
      const growth = process.memoryUsage().heapUsed - baseline;
      expect(growth).toBeLessThan(20 * 1024 * 1024);
      expect(processFailures).toEqual([]);
    } finally {
      await failing.close();
    }
  });
});

/** `global.gc` when node runs with --expose-gc; otherwise the flag is turned on at run time. */
function garbageCollector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

async function waitUntil(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
