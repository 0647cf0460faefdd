import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ControlPlaneConfig, WorkerRegistryEntry } from '@llm-control-plane/core';
import { type RunningControlPlane, silentLogger, startControlPlane } from '@llm-control-plane/server';
import { type FakeWorker, type FakeWorkerOptions, startFakeWorker } from '@llm-control-plane/testkit';
import { uiAssetsDir } from '@llm-control-plane/ui/assets';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const ADMIN_PASSWORD = 'e2e-admin-password';
const SCREENSHOT_DIRECTORY = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

const SITES = [
  { id: 'worker-a', name: 'Worker A', region: 'us-east-1', env: 'prod' },
  { id: 'worker-b', name: 'Worker B', region: 'eu-west-1', env: 'prod' },
  { id: 'worker-c', name: 'Worker C', region: 'ap-south-1', env: 'staging' },
] as const;

type SiteId = (typeof SITES)[number]['id'];

export type UiFleet = {
  url: string;
  controlPlane: RunningControlPlane;
  workers: Record<SiteId, FakeWorker>;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests seen so far that no test said to expect. */
  pageErrors: string[];
  /** Lets the current test expect failures matching `pattern` (e.g. a worker it stopped answering 502). */
  expectFailures(pattern: RegExp): void;
  /** Closes everything, then fails if the page logged anything unexpected. */
  close(): Promise<void>;
};

type PageWatch = { errors: string[]; expect(pattern: RegExp): void };

/**
 * Collects everything a clean page load must not produce: uncaught errors, `console.error` (the browser
 * also logs every failed fetch there), failed requests and HTTP errors. Requests the app aborts on purpose
 * (leaving a page) are not failures.
 */
function watchPage(page: Page): PageWatch {
  const errors: string[] = [];
  const expected: RegExp[] = [];
  const record = (text: string) => {
    if (!expected.some((pattern) => pattern.test(text))) errors.push(text);
  };
  page.on('pageerror', (error) => record(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error')
      record(`console: ${message.text()} (${message.location().url || 'no url'})`);
  });
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed';
    if (failure !== 'net::ERR_ABORTED')
      record(`request failed: ${request.method()} ${request.url()} ${failure}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      record(`status of ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return { errors, expect: (pattern) => expected.push(pattern) };
}

/** Debian's Chromium, headless (CHROMIUM_PATH overrides the binary). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export const BROWSER_WORKER_PASSWORD = 'worker-c-ui-password';

/**
 * Three seeded fake workers behind a control plane serving the built UI, and a headless Chromium. With
 * `browserDirect`, Worker C is registered without a credential: the browser logs in to it itself.
 */
export async function startUiFleet(
  options: {
    browserDirect?: boolean;
    monitorIntervalMs?: number;
    overviewCacheMs?: number;
    workerOptions?: Partial<Record<SiteId, Partial<FakeWorkerOptions>>>;
  } = {},
): Promise<UiFleet> {
  if (!existsSync(join(uiAssetsDir, 'index.html'))) {
    throw new Error(`The UI is not built (${uiAssetsDir}). Run: pnpm --filter @llm-control-plane/ui build`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'control-plane-e2e-'));
  const started: FakeWorker[] = [];
  const cleanups: (() => Promise<unknown>)[] = [() => rm(dataDir, { recursive: true, force: true })];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const registry: WorkerRegistryEntry[] = [];
    for (const [index, site] of SITES.entries()) {
      const browserDirect = options.browserDirect === true && site.id === 'worker-c';
      const worker = await startFakeWorker({
        masterKey: `sk-e2e-${site.id}-master-key`,
        name: site.name,
        seed: { seed: index + 1, keys: 12, teams: 4, users: 6, spendLogs: 200 },
        // LiteLLM only offers /v3/login when it knows its control plane.
        ...(browserDirect
          ? { controlPlaneUrl: 'http://127.0.0.1', uiPassword: BROWSER_WORKER_PASSWORD }
          : {}),
        ...options.workerOptions?.[site.id],
      });
      started.push(worker);
      cleanups.push(() => worker.close());
      registry.push({
        worker_id: site.id,
        name: site.name,
        url: worker.url,
        region: site.region,
        labels: { env: site.env },
        ...(browserDirect ? {} : { api_key: worker.masterKey }),
        timeout_ms: 2_000,
      });
    }
    const config: ControlPlaneConfig = {
      worker_registry: registry,
      general_settings: { master_key: 'sk-e2e-control-plane-master', ui_password: ADMIN_PASSWORD },
    };
    const controlPlane = await startControlPlane({
      config,
      port: 0,
      dataDir,
      logger: silentLogger,
      monitorIntervalMs: options.monitorIntervalMs ?? 500,
      ...(options.overviewCacheMs === undefined ? {} : { overviewCacheMs: options.overviewCacheMs }),
    });
    cleanups.push(() => controlPlane.close());

    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      colorScheme: 'light',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const watch = watchPage(page);
    await mkdir(SCREENSHOT_DIRECTORY, { recursive: true });
    const workers = Object.fromEntries(SITES.map((site, index) => [site.id, started[index]])) as Record<
      SiteId,
      FakeWorker
    >;
    return {
      url: controlPlane.url,
      controlPlane,
      workers,
      browser,
      context,
      page,
      pageErrors: watch.errors,
      expectFailures: watch.expect,
      async close() {
        await closeAll();
        if (watch.errors.length > 0) throw new Error(`unexpected page errors:\n${watch.errors.join('\n')}`);
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

export async function logIn(fleet: UiFleet): Promise<void> {
  const { page } = fleet;
  await page.goto(`${fleet.url}/ui/`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Fleet overview' }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Let the relative times and the live badge settle so screenshots are stable between runs.
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(SCREENSHOT_DIRECTORY, `${name}.png`), fullPage: false });
}

/** Picks a worker in the header's "Worker" combobox with the keyboard, as a user would. */
export async function switchWorker(page: Page, name: string): Promise<void> {
  const combobox = page.getByRole('combobox', { name: 'Worker', exact: true });
  await combobox.click();
  await combobox.fill(name);
  await page
    .getByRole('option', { name: new RegExp(name) })
    .first()
    .waitFor();
  await combobox.press('Enter');
}
