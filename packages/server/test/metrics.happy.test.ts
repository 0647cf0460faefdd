import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { jsonBody, MASTER_KEY, startHarness } from './support/fixtures.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;

type Scrape = Map<string, PrometheusFamily> & { text: string };

async function scrape(harness: Harness, auth?: string | null): Promise<Scrape> {
  const response = await harness.request('/metrics', auth === undefined ? {} : { auth });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  // The parser throws on any line that is not valid exposition format.
  const families = parsePrometheusTextFormat(text);
  return Object.assign(new Map(families.map((family) => [family.name, family])), { text });
}

/**
 * The `_count` of one labelled histogram series. Read from the text: the parser merges the buckets of all
 * label sets of a histogram into one.
 */
function histogramCount(scraped: Scrape, name: string, labels: string): number {
  const line = scraped.text.split('\n').find((candidate) => candidate.startsWith(`${name}_count{${labels}}`));
  return Number(line?.split(' ').at(-1) ?? Number.NaN);
}

function sample(
  families: Scrape,
  name: string,
  labels: Record<string, string>,
): PrometheusFamily['metrics'][number] | undefined {
  return families
    .get(name)
    ?.metrics.find((metric) =>
      Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value),
    );
}

function value(families: Scrape, name: string, labels: Record<string, string>): number {
  return Number(sample(families, name, labels)?.value ?? Number.NaN);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await read();
    if (done(current) || Date.now() > deadline) return current;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('GET /metrics', () => {
  it('reports worker health per worker and follows a worker going down', async () => {
    await using harness = await startHarness({ workers: 2, controlPlane: { monitorIntervalMs: 100 } });
    const healthy = await until(
      () => scrape(harness),
      (families) => value(families, 'control_plane_worker_up', { worker: 'worker-b' }) === 1,
    );
    expect(value(healthy, 'control_plane_worker_up', { worker: 'worker-a' })).toBe(1);
    expect(healthy.get('control_plane_worker_up')?.type).toBe('GAUGE');
    const info = sample(healthy, 'control_plane_worker_info', { worker: 'worker-a' });
    expect(info?.labels?.version).toMatch(/\d+\.\d+/);
    const lastSeen = value(healthy, 'control_plane_worker_last_seen_timestamp_seconds', {
      worker: 'worker-a',
    });
    expect(Math.abs(lastSeen - Date.now() / 1000)).toBeLessThan(60);
    expect(healthy.get('control_plane_worker_probe_duration_seconds')?.type).toBe('HISTOGRAM');
    const probes = histogramCount(
      healthy,
      'control_plane_worker_probe_duration_seconds',
      'worker="worker-a"',
    );
    expect(probes).toBeGreaterThanOrEqual(1);
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'process_start_time_seconds',
    ]) {
      expect(healthy.has(name), name).toBe(true);
    }

    await harness.workers[0]!.fault('down');
    const down = await until(
      () => scrape(harness),
      (families) => value(families, 'control_plane_worker_up', { worker: 'worker-a' }) === 0,
    );
    expect(value(down, 'control_plane_worker_up', { worker: 'worker-a' })).toBe(0);
    expect(value(down, 'control_plane_worker_up', { worker: 'worker-b' })).toBe(1);
    // The last answer stays where it was while the worker is away.
    expect(
      value(down, 'control_plane_worker_last_seen_timestamp_seconds', { worker: 'worker-a' }),
    ).toBeLessThanOrEqual(Date.now() / 1000);
  });

  it('counts relayed calls, fleet operations, audit writes and logins with bounded labels', async () => {
    await using harness = await startHarness({ workers: 2 });
    expect((await harness.request('/api/v1/workers/worker-a/admin/key/list')).status).toBe(200);
    expect((await harness.request('/api/v1/workers/worker-a/admin/key/list')).status).toBe(200);
    const created = await harness.request(
      '/api/v1/workers/worker-b/admin/team/new',
      jsonBody({ team_alias: 'metrics-team' }),
    );
    expect(created.status).toBe(200);
    expect((await harness.request('/api/v1/workers/no-such-worker/admin/key/list')).status).toBe(404);
    expect((await harness.request('/api/v1/fleet/overview')).status).toBe(200);
    const badLogin = await harness.request('/api/v1/auth/login', {
      ...jsonBody({ username: 'admin', password: 'wrong' }),
      auth: null,
    });
    expect(badLogin.status).toBe(401);
    const goodLogin = await harness.request('/api/v1/auth/login', {
      ...jsonBody({ username: 'admin', password: MASTER_KEY }),
      auth: null,
    });
    expect(goodLogin.status).toBe(200);

    const families = await scrape(harness);
    expect(
      value(families, 'control_plane_relay_requests_total', {
        worker: 'worker-a',
        method: 'read',
        status: '200',
      }),
    ).toBe(2);
    expect(
      value(families, 'control_plane_relay_requests_total', {
        worker: 'worker-b',
        method: 'write',
        status: '200',
      }),
    ).toBe(1);
    expect(
      value(families, 'control_plane_relay_requests_total', {
        worker: 'unknown',
        method: 'read',
        status: '404',
      }),
    ).toBe(1);
    expect(histogramCount(families, 'control_plane_relay_request_duration_seconds', 'method="read"')).toBe(3);
    expect(histogramCount(families, 'control_plane_relay_request_duration_seconds', 'method="write"')).toBe(
      1,
    );
    expect(
      value(families, 'control_plane_fanout_operations_total', { kind: 'overview', outcome: 'ok' }),
    ).toBe(1);
    expect(value(families, 'control_plane_audit_writes_total', { outcome: 'stored' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(value(families, 'control_plane_logins_total', { method: 'password', outcome: 'failure' })).toBe(1);
    expect(value(families, 'control_plane_logins_total', { method: 'password', outcome: 'success' })).toBe(1);
    const labelNames = new Set(
      [...families.values()].flatMap((family) =>
        family.metrics.flatMap((metric) => Object.keys(metric.labels ?? {})),
      ),
    );
    for (const forbidden of ['key', 'user', 'path', 'team', 'token'])
      expect(labelNames.has(forbidden)).toBe(false);

    // Each control plane has its own registry: another one in the same process starts from zero.
    await using other = await startHarness({ workers: 1 });
    const fresh = await scrape(other);
    expect(sample(fresh, 'control_plane_relay_requests_total', { worker: 'worker-a' })).toBeUndefined();
  });

  it('needs an unscoped credential unless metrics_public is set', async () => {
    await using harness = await startHarness({ workers: 1 });
    const anonymous = await harness.request('/metrics', { auth: null });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const created = await harness.request(
      '/api/v1/users',
      jsonBody({
        username: 'scoped',
        password: 'long enough password',
        role: 'viewer',
        scope: { workers: ['worker-a'] },
      }),
    );
    expect(created.status).toBe(201);
    const login = await harness.request('/api/v1/auth/login', {
      ...jsonBody({ username: 'scoped', password: 'long enough password' }),
      auth: null,
    });
    const { access_token } = (await login.json()) as { access_token: string };
    const scoped = await harness.request('/metrics', { auth: access_token });
    expect(scoped.status).toBe(403);

    await using open = await startHarness({ workers: 1, generalSettings: { metrics_public: true } });
    const families = await scrape(open, null);
    expect(families.has('control_plane_logins_total')).toBe(true);
  });
});
