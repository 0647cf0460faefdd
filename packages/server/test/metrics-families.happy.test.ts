import type { WorkerHealth } from '@llm-control-plane/sdk';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
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
  return families
    .render((visit) => {
      for (const row of rows) visit(row.workerId, row);
    })
    .toString('utf8');
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
});
