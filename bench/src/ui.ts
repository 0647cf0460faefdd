import { existsSync } from 'node:fs';
import os from 'node:os';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { CONTROL_PLANE_MASTER_KEY, registryEntries, startWorkerPool } from './fixtures.js';
import { startHost } from './processes.js';
import { median, round } from './statistics.js';
import { type BenchmarkContext, type BenchmarkResult, BenchmarkSkipped } from './types.js';

const CHROMIUM = '/usr/bin/chromium';
const KEYS = 1_000;
const OTHER_KEYS = 10;
const SWITCHES = 6;
const SIZE_TARGET_KB = 200;
const SWITCH_TARGET_MS = 150;

function gzippedBytes(content: Buffer): number {
  // Level 6 is what nginx and most CDNs use for on-the-fly gzip.
  return gzipSync(content, { level: 6 }).length;
}

/** The JS the first page needs: index.html's module entry plus every module it preloads. */
async function firstPageJavaScript(appDirectory: string) {
  const html = await readFile(path.join(appDirectory, 'index.html'), 'utf8');
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) sources.add(match[1]!);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) sources.add(match[1]!);
  const files = [];
  for (const source of sources) {
    const content = await readFile(path.join(appDirectory, source.replace(/^\.?\//, '')));
    files.push({ file: source, rawBytes: content.length, gzipBytes: gzippedBytes(content) });
  }
  const assets = path.join(appDirectory, 'assets');
  let allJavaScriptGzip = 0;
  for (const name of existsSync(assets) ? await readdir(assets) : []) {
    if (name.endsWith('.js')) allJavaScriptGzip += gzippedBytes(await readFile(path.join(assets, name)));
  }
  return { files, allJavaScriptGzip };
}

/**
 * Time from choosing another worker in the switcher to its key list (first page of 1,000 keys and the
 * "1,000 total" count) being in the DOM and painted. Measured inside the page with performance.now(): the
 * Enter keydown that selects the worker is dispatched at t0; a MutationObserver stamps the DOM commit and the
 * next animation frame stamps the paint.
 */
async function switchTime(page: Page, workerName: string, expectedTotal: string): Promise<{ domMs: number; paintMs: number; uiMarkMs: number | null }> {
  return page.evaluate(
    async ({ name, total }) => {
      const input = document.querySelector<HTMLInputElement>('input[role="combobox"]');
      if (!input) throw new Error('worker switcher not found');
      input.focus();
      input.click();
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setValue?.call(input, name);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const rendered = () => {
        const pagination = document.querySelector('.cp-pagination');
        const rows = document.querySelectorAll('table.cp-table tbody tr');
        return rows.length > 0 && (pagination?.textContent ?? '').includes(`${total} total`);
      };
      performance.clearMarks();
      const started = performance.now();
      const result = new Promise<{ domMs: number; paintMs: number }>((resolve, reject) => {
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`key list of ${name} not rendered within 10 s`));
        }, 10_000);
        const observer = new MutationObserver(() => {
          if (!rendered()) return;
          const domMs = performance.now() - started;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve({ domMs, paintMs: performance.now() - started }));
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      const timing = await result;
      // Marks the UI may expose around a worker switch (measured from its own start mark when present).
      const marks = performance.getEntriesByType('mark').map((mark) => ({ name: mark.name, startTime: mark.startTime }));
      const switchMark = marks.find((mark) => /switch/i.test(mark.name));
      const renderedMark = marks.find((mark) => /render|keys/i.test(mark.name) && mark !== switchMark);
      const uiMarkMs = switchMark && renderedMark ? renderedMark.startTime - switchMark.startTime : null;
      return { ...timing, uiMarkMs };
    },
    { name: workerName, total: expectedTotal },
  );
}

export async function run(context: BenchmarkContext): Promise<BenchmarkResult> {
  const appDirectory = path.join(context.repositoryRoot, 'packages/ui/dist/app');
  if (!existsSync(path.join(appDirectory, 'index.html'))) {
    throw new BenchmarkSkipped('packages/ui/dist/app is not built (run `pnpm --filter @llm-control-plane/ui build` first)');
  }
  if (!existsSync(CHROMIUM)) throw new BenchmarkSkipped(`${CHROMIUM} not found`);
  const size = await firstPageJavaScript(appDirectory);
  const firstPageGzip = size.files.reduce((sum, file) => sum + file.gzipBytes, 0);

  // Worker 0 has 1,000 keys, worker 1 a few: the switch is from worker 1 to worker 0 and back.
  await using largePool = await startWorkerPool(1, { keys: KEYS });
  await using smallPool = await startWorkerPool(1, { keys: OTHER_KEYS });
  const [large] = registryEntries(largePool.urls, 'large');
  const [small] = registryEntries(smallPool.urls, 'small');
  large!.name = 'Thousand keys';
  small!.name = 'Few keys';
  const controlPlane = startHost('control-plane-host.ts');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const { url } = await controlPlane.call<{ url: string }>('server', {
      config: { worker_registry: [large, small], general_settings: { master_key: CONTROL_PLANE_MASTER_KEY } },
      uiAssetsDir: appDirectory,
    });
    const browserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const login = await browserContext.request.post(`${url}/api/v1/auth/login`, {
      data: { username: 'admin', password: CONTROL_PLANE_MASTER_KEY },
    });
    if (!login.ok()) throw new Error(`login answered ${login.status()}`);
    const page = await browserContext.newPage();
    const scripts: string[] = [];
    const problems: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.url());
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    // The app is entered at its root and the first worker is chosen in the switcher, as a user would: the
    // benchmark measures client-side switches only.
    await page.goto(`${url}/ui/`, { waitUntil: 'networkidle' });
    try {
      await page.waitForSelector('input[role="combobox"]', { timeout: 15_000 });
      await switchTime(page, small!.name, String(OTHER_KEYS));
    } catch (error) {
      const screenshot = path.join(os.tmpdir(), 'bench-ui-failure.png');
      await page.screenshot({ path: screenshot }).catch(() => {});
      const text = (await page.textContent('body').catch(() => '')) ?? '';
      throw new Error(
        `the keys page of ${small!.worker_id} did not render (screenshot ${screenshot}); page text: ` +
          `${text.slice(0, 300)}; problems: ${problems.slice(0, 10).join(' | ')}`,
        { cause: error },
      );
    }
    const loadedScripts = [...new Set(scripts)];

    const toLarge: { domMs: number; paintMs: number; uiMarkMs: number | null }[] = [];
    for (let index = 0; index < SWITCHES; index++) {
      toLarge.push(await switchTime(page, large!.name, KEYS.toLocaleString('en-US')));
      await switchTime(page, small!.name, String(OTHER_KEYS));
    }
    const cold = toLarge[0]!;
    const warm = toLarge.slice(1);
    const warmPaint = median(warm.map((entry) => entry.paintMs));
    const rows = [
      { measure: 'first-page JS, gzip (KB)', value: round(firstPageGzip / 1024, 1) },
      { measure: 'first-page JS, raw (KB)', value: round(size.files.reduce((sum, file) => sum + file.rawBytes, 0) / 1024, 1) },
      { measure: 'all JS chunks, gzip (KB)', value: round(size.allJavaScriptGzip / 1024, 1) },
      { measure: 'scripts loaded by the keys page', value: loadedScripts.length },
      { measure: 'switch → 1,000-key list in DOM, first switch (ms)', value: round(cold.domMs, 1) },
      { measure: 'switch → 1,000-key list painted, first switch (ms)', value: round(cold.paintMs, 1) },
      { measure: `switch → painted, median of next ${warm.length} (ms)`, value: round(warmPaint, 1) },
      {
        measure: 'UI performance marks, first switch (ms)',
        value: cold.uiMarkMs === null ? 'no marks exposed' : round(cold.uiMarkMs, 1),
      },
    ];
    return {
      name: 'ui',
      title: 'UI: first-page JS size and worker switch to a rendered 1,000-key list',
      rows,
      targets: [
        {
          name: 'first-page JS gzip',
          target: `≤ ${SIZE_TARGET_KB} KB`,
          actual: `${round(firstPageGzip / 1024, 1)} KB`,
          met: firstPageGzip / 1024 <= SIZE_TARGET_KB,
        },
        {
          name: 'switch → rendered key list (first switch)',
          target: `≤ ${SWITCH_TARGET_MS} ms`,
          actual: `${round(cold.paintMs, 1)} ms`,
          met: cold.paintMs <= SWITCH_TARGET_MS,
        },
      ],
      notes: [
        `Size: index.html module entry + modulepreload links of packages/ui/dist/app, gzip level 6 (${size.files.map((file) => file.file).join(', ')}).`,
        `Switch: Chromium (${CHROMIUM}, headless), the keys page of a ${OTHER_KEYS}-key worker; the switcher's Enter selects the ` +
          `${KEYS}-key worker. t0 = the keydown; end = the first DOM mutation after which the table has rows and the ` +
          'pagination shows "1,000 total", plus one animation frame (paint).',
        'The first switch fetches the list through the control plane relay (page size as the UI chooses); later switches may hit the UI cache.',
      ],
      data: { size, loadedScripts, switches: toLarge },
    };
  } finally {
    await browser.close().catch(() => {});
    await controlPlane.stop();
  }
}
