import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page, type Request } from 'playwright-core';
import { startControlPlaneHost } from './control-plane-process.js';
import { CONTROL_PLANE_MASTER_KEY, registryEntries, startWorkerPool } from './fixtures.js';
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
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g))
    sources.add(match[1]!);
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

type SwitchTiming = {
  domMs: number;
  paintMs: number;
  uiMarkMs: number | null;
  keyListRequestMs?: number | null;
  /** Every API request the switch made: path and duration (ms, request start to last byte). */
  requests?: { path: string; ms: number }[];
};
type BenchWindow = { benchSwitch?: Promise<SwitchTiming> };

/**
 * Time from choosing another worker in the switcher to its key list (the first page of its keys and the
 * "N total" count) being in the DOM and painted. The worker is typed into the switcher with real input
 * events; t0 is the timestamp of the Enter keydown that selects it, taken inside the page; a MutationObserver
 * stamps the DOM commit and the next animation frame stamps the paint.
 */
async function switchTime(page: Page, workerName: string, minimumTotal: number): Promise<SwitchTiming> {
  const input = page.locator('input[role="combobox"]');
  await input.click();
  await input.fill(workerName);
  await page.locator('[role="option"]', { hasText: workerName }).first().waitFor({ timeout: 10_000 });
  await page.evaluate(
    ({ name, minimum }) => {
      const rendered = () => {
        const table = document.querySelector('table.cp-table');
        if (!table || !(table.querySelector('caption')?.textContent ?? '').includes(name)) return false;
        if (table.querySelectorAll('tbody tr').length === 0) return false;
        const count = /([\d,]+) total/.exec(document.querySelector('.cp-pagination')?.textContent ?? '');
        return count !== null && Number(count[1]!.replaceAll(',', '')) >= minimum;
      };
      performance.clearMarks();
      (window as BenchWindow).benchSwitch = new Promise<SwitchTiming>((resolve, reject) => {
        let started: number | undefined;
        const observer = new MutationObserver(() => {
          if (started === undefined || !rendered()) return;
          const domMs = performance.now() - started;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => {
            const paintMs = performance.now() - started!;
            // Marks the UI may expose around a worker switch, measured from its own start mark when present.
            const marks = performance.getEntriesByType('mark');
            const switchMark = marks.find((mark) => /switch/i.test(mark.name));
            const renderedMark = marks.find((mark) => /render|keys/i.test(mark.name) && mark !== switchMark);
            const uiMarkMs =
              switchMark && renderedMark ? renderedMark.startTime - switchMark.startTime : null;
            resolve({ domMs, paintMs, uiMarkMs });
          });
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`key list of ${name} (≥ ${minimum} keys) not rendered within 10 s`));
        }, 10_000);
        window.addEventListener(
          'keydown',
          (event) => {
            if (event.key === 'Enter') started = event.timeStamp;
          },
          { capture: true, once: true },
        );
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
    },
    { name: workerName, minimum: minimumTotal },
  );
  const keyListRequests: number[] = [];
  const requests: { path: string; ms: number }[] = [];
  const onFinished = (request: Request) => {
    const url = new URL(request.url());
    if (!url.pathname.includes('/api/')) return;
    const timing = request.timing();
    requests.push({ path: url.pathname, ms: Math.round(timing.responseEnd * 10) / 10 });
    if (url.pathname.endsWith('/admin/key/list') && timing.responseEnd >= 0)
      keyListRequests.push(timing.responseEnd);
  };
  page.on('requestfinished', onFinished);
  try {
    await page.keyboard.press('Enter');
    const timing = await page.evaluate(() => (window as BenchWindow).benchSwitch!);
    return {
      ...timing,
      keyListRequestMs: keyListRequests.length > 0 ? Math.max(...keyListRequests) : null,
      requests,
    };
  } finally {
    page.off('requestfinished', onFinished);
  }
}

export async function run(context: BenchmarkContext): Promise<BenchmarkResult> {
  const appDirectory = path.join(context.repositoryRoot, 'packages/ui/dist/app');
  if (!existsSync(path.join(appDirectory, 'index.html'))) {
    throw new BenchmarkSkipped(
      'packages/ui/dist/app is not built (run `pnpm --filter @llm-control-plane/ui build` first)',
    );
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
  const controlPlane = startControlPlaneHost();
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
    // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name` helper; functions sent
    // to the page through page.evaluate need that helper there too.
    await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
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
      await switchTime(page, small!.name, 1);
    } catch (error) {
      const screenshot = path.join(os.tmpdir(), 'bench-ui-failure.png');
      await page.screenshot({ path: screenshot }).catch(() => {});
      const text = (await page.textContent('body').catch(() => '')) ?? '';
      throw new Error(
        `the keys page of ${small!.worker_id} did not render (screenshot ${screenshot}); page text: ` +
          `${text.slice(0, 300)}; problems: ${problems.slice(0, 10).join(' | ')}; cause: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const loadedScripts = [...new Set(scripts)];

    const toLarge: SwitchTiming[] = [];
    for (let index = 0; index < SWITCHES; index++) {
      toLarge.push(await switchTime(page, large!.name, KEYS));
      await switchTime(page, small!.name, 1);
    }
    const cold = toLarge[0]!;
    context.log(`ui: API requests of the first switch: ${JSON.stringify(cold.requests)}`);
    const warm = toLarge.slice(1);
    const warmPaint = median(warm.map((entry) => entry.paintMs));
    const rows = [
      { measure: 'first-page JS, gzip (KB)', value: round(firstPageGzip / 1024, 1) },
      {
        measure: 'first-page JS, raw (KB)',
        value: round(size.files.reduce((sum, file) => sum + file.rawBytes, 0) / 1024, 1),
      },
      { measure: 'all JS chunks, gzip (KB)', value: round(size.allJavaScriptGzip / 1024, 1) },
      { measure: 'scripts loaded by the keys page', value: loadedScripts.length },
      { measure: 'switch → 1,000-key list in DOM, first switch (ms)', value: round(cold.domMs, 1) },
      { measure: 'switch → 1,000-key list painted, first switch (ms)', value: round(cold.paintMs, 1) },
      {
        measure: '… of which the key/list request through the relay, first switch (ms)',
        value: cold.keyListRequestMs == null ? 'no request seen' : round(cold.keyListRequestMs, 1),
      },
      { measure: `switch → painted, median of next ${warm.length} (ms)`, value: round(warmPaint, 1) },
      {
        measure: `… of which the key/list request, median of next ${warm.length} (ms)`,
        value: round(
          median(warm.flatMap((entry) => (entry.keyListRequestMs == null ? [] : [entry.keyListRequestMs]))),
          1,
        ),
      },
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
