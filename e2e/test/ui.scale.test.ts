import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { uiAssetsDir } from '@llm-control-plane/ui/assets';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/fleet.js';

// The built app in real Chromium against a fleet too large to start for real: 1,000 workers and a worker
// with 10,000 keys, answered by request interception with the API's shapes.
const ORIGIN = 'http://control-plane.test';
const WORKER_COUNT = 1_000;
const KEY_COUNT = 10_000;
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1', 'us-west-2'];

const now = new Date().toISOString();
const workerId = (index: number) => `w-${String(index).padStart(4, '0')}`;
const workers = Array.from({ length: WORKER_COUNT }, (_, index) => ({
  worker_id: workerId(index),
  name: `Worker ${String(index).padStart(4, '0')}`,
  url: `http://10.0.${Math.floor(index / 250)}.${index % 250}:4000`,
  region: REGIONS[index % REGIONS.length],
  labels: { env: index % 10 === 0 ? 'staging' : 'prod' },
  has_credential: true,
  health: {
    status: index % 97 === 0 ? 'unreachable' : 'healthy',
    latency_ms: 20,
    version: '1.80.0',
    last_seen_at: now,
    checked_at: now,
  },
}));
const overview = {
  generated_at: now,
  workers: workers.map((worker, index) => ({
    worker_id: worker.worker_id,
    name: worker.name,
    region: worker.region,
    labels: worker.labels,
    has_credential: true,
    status: worker.health.status,
    latency_ms: worker.health.status === 'healthy' ? 20 : null,
    version: '1.80.0',
    last_seen_at: now,
    checked_at: now,
    counts: { keys: index === 500 ? KEY_COUNT : 12, teams: 4, users: 6 },
    spend: index / 10,
    stale: worker.health.status !== 'healthy',
  })),
};

function keyPage(page: number, size: number) {
  const first = (page - 1) * size;
  const keys = Array.from({ length: Math.max(0, Math.min(size, KEY_COUNT - first)) }, (_, offset) => {
    const number = first + offset;
    return {
      token: number.toString(16).padStart(64, '0'),
      key_alias: `service-key-${number}`,
      key_name: `sk-...${String(number).padStart(4, '0')}`,
      spend: 0,
      models: [],
    };
  });
  return { keys, total_count: KEY_COUNT, current_page: page, total_pages: Math.ceil(KEY_COUNT / size) };
}

async function answer(route: Route): Promise<void> {
  const url = new URL(route.request().url());
  const json = (body: unknown) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  if (url.pathname === '/api/v1/auth/me') {
    return json({
      subject: 'admin',
      role: 'admin',
      scope: null,
      token_kind: 'session',
      expires_at: null,
      permissions: { write: true },
    });
  }
  if (url.pathname === '/api/v1/workers') return json({ workers });
  if (url.pathname === '/api/v1/fleet/overview') return json(overview);
  if (url.pathname.endsWith('/admin/key/list')) {
    return json(
      keyPage(Number(url.searchParams.get('page') ?? 1), Number(url.searchParams.get('size') ?? 25)),
    );
  }
  if (url.pathname.endsWith('/admin/team/list')) return json([]);
  if (url.pathname.startsWith('/ui/')) {
    const relative = url.pathname.slice('/ui/'.length);
    if (relative.startsWith('assets/')) {
      const body = await readFile(join(uiAssetsDir, relative));
      const contentType = extname(relative) === '.css' ? 'text/css' : 'text/javascript';
      return route.fulfill({ status: 200, contentType, body });
    }
    const html = (await readFile(join(uiAssetsDir, 'index.html'), 'utf8')).replace(
      '<head>',
      `<head><base href="/ui/"><meta name="cp-config" content='{"apiBase":"/api/v1","basePath":"/ui"}'>`,
    );
    return route.fulfill({ status: 200, contentType: 'text/html', body: html });
  }
  return route.fulfill({
    status: 404,
    contentType: 'application/json',
    body: '{"error":{"code":"not_found","message":"none"}}',
  });
}

describe('a fleet of 1,000 workers and a worker with 10,000 keys', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.route(`${ORIGIN}/**`, answer);
    // The readable hint the real server sets beside its session cookie; without it the UI shows the login form.
    await context.addCookies([{ name: 'cp_signed_in', value: '1', url: ORIGIN }]);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the overview of 1,000 workers with only the visible rows in the DOM', async () => {
    await page.goto(`${ORIGIN}/ui/`);
    const table = page.getByRole('table', { name: 'Workers in the fleet' });
    await table.waitFor();
    expect(await table.getAttribute('aria-rowcount')).toBe(String(WORKER_COUNT + 1));
    const rendered = await table.locator('tbody tr:not(.cp-spacer)').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(120);

    const region = page.getByRole('region', { name: 'Workers in the fleet' });
    await region.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await table.getByRole('rowheader', { name: /Worker 0999/ }).waitFor();
    expect(await table.locator('tbody tr:not(.cp-spacer)').count()).toBeLessThan(120);
  });

  it('finds one of 1,000 workers in the switcher by keyboard and pages through 10,000 keys', async () => {
    const combobox = page.getByRole('combobox', { name: 'Worker', exact: true });
    await page.keyboard.press('w');
    expect(await combobox.evaluate((element) => element === document.activeElement)).toBe(true);
    await combobox.fill('0500');
    await page.getByRole('option', { name: /Worker 0500/ }).waitFor();
    await combobox.press('Enter');
    await page.waitForURL(`${ORIGIN}/ui/workers/w-0500/keys`);
    const keys = page.getByRole('table', { name: 'Keys on Worker 0500' });
    await keys.waitFor();
    await page.getByText('Page 1 of 400 · 10,000 total').waitFor();
    await page.getByLabel('Rows per page').selectOption('100');
    await page.getByText('Page 1 of 100 · 10,000 total').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 2 of 100 · 10,000 total').waitFor();
    await keys.getByRole('rowheader', { name: /service-key-100\b/ }).waitFor();
    await screenshot(page, 'worker-keys-10000');
  });

  it('opens a deep link to a worker page when the host gives index.html a <base href>', async () => {
    await page.goto(`${ORIGIN}/ui/workers/w-0042/keys`);
    await page.getByRole('table', { name: 'Keys on Worker 0042' }).waitFor();
    await page.goBack();
    await page.getByRole('table', { name: 'Keys on Worker 0500' }).waitFor();
  });
});
