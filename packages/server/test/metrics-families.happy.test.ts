import type { Fleet, WorkerHealth } from '@llm-control-plane/sdk';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../src/metrics/metrics.js';
import { WorkerFamilies } from '../src/metrics/worker-families.js';

const AT = '2026-01-02T03:04:05.000Z';

function health(workerId: string, latencyMs: number | null, status: WorkerHealth['status']): WorkerHealth {
  return {
    workerId,
    status,
    latencyMs,
    version: status === 'unreachable' ? null : '1.80.0',
    db: null,
    checkedAt: AT,
    lastSeenAt: AT,
    since: AT,
    reason: null,
    source: 'probe',
  };
}

function render(families: WorkerFamilies, rows: WorkerHealth[]): string {
  const texts = families.render((visit) => {
    for (const row of rows) visit(row.workerId, row);
  });
  return Buffer.concat(texts).toString('utf8');
}

/** `name{labels} value` lines of one series prefix, as printed. */
function lines(text: string, prefix: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(prefix));
}

/** The value printed for one exact series (`name{labels}`), undefined when it is absent. */
function printed(text: string, series: string): string | undefined {
  return lines(text, `${series} `)[0]?.slice(series.length + 1);
}

describe('per-worker metric families', () => {
  it('prints cumulative probe buckets, +Inf, sum and count per worker, valid exposition', () => {
    const families = new WorkerFamilies('cp_');
    families.observe([health('a', 15.625, 'healthy'), health('b', 3_000, 'degraded')]);
    families.observe([health('a', 250, 'healthy'), health('b', null, 'unreachable')]);
    const text = render(families, [health('a', 250, 'healthy'), health('b', null, 'unreachable')]);
    expect(() => parsePrometheusTextFormat(text)).not.toThrow();
    expect(lines(text, 'cp_worker_probe_duration_seconds_bucket{worker="a"')).toEqual([
      'cp_worker_probe_duration_seconds_bucket{worker="a",le="0.025"} 1',
      'cp_worker_probe_duration_seconds_bucket{worker="a",le="0.1"} 1',
      'cp_worker_probe_duration_seconds_bucket{worker="a",le="0.5"} 2',
      'cp_worker_probe_duration_seconds_bucket{worker="a",le="2.5"} 2',
      'cp_worker_probe_duration_seconds_bucket{worker="a",le="+Inf"} 2',
    ]);
    expect(printed(text, 'cp_worker_probe_duration_seconds_sum{worker="a"}')).toBe('0.265625');
    // Slower than the last bound: only +Inf and the count hold it; an unreachable round adds nothing.
    expect(printed(text, 'cp_worker_probe_duration_seconds_bucket{worker="b",le="2.5"}')).toBe('0');
    expect(printed(text, 'cp_worker_probe_duration_seconds_count{worker="b"}')).toBe('1');
    expect(lines(text, 'cp_worker_up{')).toEqual([
      'cp_worker_up{worker="a"} 1',
      'cp_worker_up{worker="b"} 0',
    ]);
    expect(printed(text, 'cp_worker_last_seen_timestamp_seconds{worker="a"}')).toBe(
      `${Date.parse(AT) / 1000}`,
    );
  });

  it('drops the series of a removed worker and starts a newcomer from zero', () => {
    const families = new WorkerFamilies('cp_');
    families.observe([health('old', 10, 'healthy'), health('kept', 10, 'healthy')]);
    families.relay('old', 'read', 200);
    families.relay('unknown', 'write', 404);
    expect(render(families, [health('old', 10, 'healthy'), health('kept', 10, 'healthy')])).toContain(
      'worker="old"',
    );
    // 'old' leaves the registry: its row is freed by the next scrape and reused by the next worker.
    const withoutOld = render(families, [health('kept', 10, 'healthy')]);
    expect(withoutOld).not.toContain('worker="old"');
    families.observe([health('new', 700, 'healthy')]);
    const text = render(families, [health('kept', 10, 'healthy'), health('new', 700, 'healthy')]);
    expect(text).not.toContain('worker="old"');
    expect(printed(text, 'cp_worker_probe_duration_seconds_count{worker="new"}')).toBe('1');
    expect(printed(text, 'cp_relay_requests_total{worker="unknown",method="write",status="404"}')).toBe('1');
    expect(lines(text, 'cp_relay_requests_total{')).toHaveLength(1);
    expect(printed(text, 'cp_worker_probe_duration_seconds_count{worker="kept"}')).toBe('1');
  });

  it('prints from the last scrape exactly what it would print afresh, as series change between scrapes', () => {
    // A deterministic mix: probes, status flips, version changes, relayed calls, ids to escape, workers
    // without health, workers leaving and joining.
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const ids = Array.from({ length: 300 }, (_, index) => (index === 5 ? 'quote"back\\slash' : `w${index}`));
    let present = ids.slice(0, 250);
    const current = new Map<string, WorkerHealth>();
    let second = 0;
    const probe = (id: string): WorkerHealth => {
      second += 1;
      const at = new Date(Date.UTC(2026, 0, 1) + second * 1000).toISOString();
      const roll = random();
      const status = roll < 0.1 ? 'unreachable' : roll < 0.2 ? 'degraded' : 'healthy';
      const row: WorkerHealth = {
        ...health(id, status === 'unreachable' ? null : random() * 3_000, status),
        version: status === 'unreachable' ? null : roll < 0.6 ? '1.80.0' : '1.81.0-"rc"',
        checkedAt: at,
        lastSeenAt: status === 'unreachable' ? (current.get(id)?.lastSeenAt ?? null) : at,
      };
      current.set(id, row);
      return row;
    };
    const incremental = new WorkerFamilies('cp_');
    // Everything done to `incremental`, replayed into a new instance that prints every series afresh.
    const steps: ((families: WorkerFamilies) => void)[] = [];
    const apply = (step: (families: WorkerFamilies) => void) => {
      steps.push(step);
      step(incremental);
    };
    const visitPresent = (families: WorkerFamilies) =>
      Buffer.concat(
        families.render((visit) => {
          for (const id of present) visit(id, current.get(id));
        }),
      ).toString('utf8');

    for (let scrape = 0; scrape < 40; scrape += 1) {
      const probed = Array.from({ length: Math.floor(random() * 40) }, () =>
        probe(present[Math.floor(random() * present.length)] as string),
      );
      if (scrape % 5 === 0) apply((families) => families.observe(probed));
      // A version seen without a new timestamp: only the info line changes.
      const upgraded = current.get(present[Math.floor(random() * present.length)] as string);
      if (upgraded?.version) current.set(upgraded.workerId, { ...upgraded, version: `1.9${scrape}.0` });
      for (let call = 0; call < 5; call += 1) {
        const id = random() < 0.2 ? 'unknown' : (present[Math.floor(random() * present.length)] as string);
        const method = random() < 0.5 ? 'read' : 'write';
        const status = random() < 0.8 ? 200 : 503;
        apply((families) => families.relay(id, method, status));
      }
      // Workers leave for good (a returning id would start from zero here, not in the replay) and join.
      if (scrape % 7 === 3) present = present.filter(() => random() > 0.05);
      if (scrape % 9 === 4) present = [...present, ...ids.slice(250 + scrape, 255 + scrape)];
      const afresh = new WorkerFamilies('cp_');
      for (const step of steps) step(afresh);
      const text = visitPresent(incremental);
      expect(text).toBe(visitPresent(afresh));
      expect(() => parsePrometheusTextFormat(text)).not.toThrow();
    }
  });
});

describe('scrape bodies', () => {
  const fleet = (rows: WorkerHealth[]) =>
    ({
      forEachHealth(visit: (workerId: string, health: Readonly<WorkerHealth> | undefined) => void) {
        for (const row of rows) visit(row.workerId, row);
      },
    }) as unknown as Fleet;

  it('lends body memory: kept while unreleased, reused once released, released once', async () => {
    const rows = [health('a', 20, 'healthy'), health('b', 40, 'healthy')];
    const metrics = createMetrics(fleet(rows));
    metrics.relay('a', false, 200, 0.01);
    const first = await metrics.render();
    const firstText = first.bytes.toString('utf8');
    metrics.relay('a', false, 200, 0.01);
    const second = await metrics.render();
    // The first body was not released: the second has memory of its own and the first is intact.
    expect(second.bytes.buffer).not.toBe(first.bytes.buffer);
    expect(first.bytes.toString('utf8')).toBe(firstText);
    expect(
      printed(firstText, 'control_plane_relay_requests_total{worker="a",method="read",status="200"}'),
    ).toBe('1');
    first.release();
    first.release();
    const third = await metrics.render();
    const fourth = await metrics.render();
    expect(third.bytes.buffer).toBe(first.bytes.buffer);
    // A second release of the same body did not lend its memory twice.
    expect(fourth.bytes.buffer).not.toBe(third.bytes.buffer);
    expect(
      printed(
        third.bytes.toString('utf8'),
        'control_plane_relay_requests_total{worker="a",method="read",status="200"}',
      ),
    ).toBe('2');
    expect(
      fourth.bytes
        .toString('utf8')
        .split('\n')
        .filter((line) => line.includes('worker=')),
    ).toEqual(
      third.bytes
        .toString('utf8')
        .split('\n')
        .filter((line) => line.includes('worker=')),
    );
    metrics.close();
  });
});
