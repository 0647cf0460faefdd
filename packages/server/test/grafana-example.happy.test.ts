import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { startHarness } from './support/fixtures.js';

const exampleDir = fileURLToPath(new URL('../../../examples/grafana/', import.meta.url));

function metricNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/\b((?:control_plane|process)_[a-z_]+)\b/g)) {
    names.add((match[1] as string).replace(/_(bucket|sum|count)$/, ''));
  }
  return names;
}

describe('examples/grafana', () => {
  it('uses only metrics the control plane exposes', async () => {
    const dashboard = await readFile(`${exampleDir}dashboard.json`, 'utf8');
    const alerts = await readFile(`${exampleDir}alerts.yaml`, 'utf8');
    expect(JSON.parse(dashboard)).toMatchObject({ panels: expect.any(Array) });
    expect(alerts).toContain('for: 5m');
    await using harness = await startHarness({ workers: 1, controlPlane: { monitorIntervalMs: 100 } });
    await harness.request('/api/v1/workers/worker-a/admin/key/list');
    let exposed = new Set<string>();
    for (
      let attempt = 0;
      attempt < 100 && !exposed.has('control_plane_worker_probe_duration_seconds');
      attempt++
    ) {
      const text = await (await harness.request('/metrics')).text();
      exposed = new Set(parsePrometheusTextFormat(text).map((family) => family.name));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const used = new Set([...metricNames(dashboard), ...metricNames(alerts)]);
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect(exposed.has(name), name).toBe(true);
  });
});
