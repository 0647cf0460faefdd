import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlPlane } from '../src/control-plane.js';
import { silentLogger } from '../src/logger.js';
import { MASTER_KEY } from './support/fixtures.js';
import { createMemoryStore } from './support/memory-store.js';

let assetsDir: string;
let outsideDir: string;

beforeAll(async () => {
  assetsDir = await mkdtemp(join(tmpdir(), 'cp-ui-'));
  outsideDir = await mkdtemp(join(tmpdir(), 'cp-outside-'));
  await mkdir(join(assetsDir, 'assets'));
  await writeFile(
    join(assetsDir, 'index.html'),
    '<!doctype html><html><head><title>CP</title></head><body></body></html>',
  );
  await writeFile(join(assetsDir, 'assets', 'app-1234.js'), 'console.log("app")');
  await writeFile(join(outsideDir, 'secret.txt'), 'outside');
  await symlink(join(outsideDir, 'secret.txt'), join(assetsDir, 'link.txt'));
});

afterAll(async () => {
  await rm(assetsDir, { recursive: true, force: true });
  await rm(outsideDir, { recursive: true, force: true });
});

/** The `cp-config` meta content as the browser reads it (entities decoded). */
function injectedConfig(html: string): unknown {
  const content = /<meta name="cp-config" content='([^']*)'>/.exec(html)?.[1] ?? '';
  const decoded = content
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return JSON.parse(decoded);
}

async function controlPlaneWith(
  uiAssetsDir: string | false,
  extra: { generalSettings?: Record<string, unknown>; env?: Record<string, string> } = {},
) {
  return createControlPlane({
    config: {
      worker_registry: [{ worker_id: 'direct', name: 'Direct', url: 'http://10.1.2.3:4000' }],
      general_settings: { master_key: MASTER_KEY, ...extra.generalSettings },
    },
    ...(extra.env === undefined ? {} : { env: extra.env }),
    store: createMemoryStore(),
    logger: silentLogger,
    uiAssetsDir,
  });
}

describe('UI', () => {
  it('serves assets, the SPA fallback with the injected config, and redirects / to /ui/', async () => {
    const controlPlane = await controlPlaneWith(assetsDir);
    try {
      const { app } = controlPlane;
      const root = await app.request('/');
      expect(root.status).toBe(302);
      expect(root.headers.get('location')).toBe('/ui/');
      const index = await app.request('/ui/');
      expect(index.status).toBe(200);
      const html = await index.text();
      expect(injectedConfig(html)).toEqual({ apiBase: '/api/v1', basePath: '/ui' });
      expect(index.headers.get('content-security-policy')).toContain(
        "connect-src 'self' http://10.1.2.3:4000",
      );
      const deep = await app.request('/ui/workers/direct/keys');
      expect(await deep.text()).toContain('cp-config');
      const script = await app.request('/ui/assets/app-1234.js');
      expect(script.headers.get('content-type')).toMatch(/javascript/);
      expect(script.headers.get('cache-control')).toMatch(/immutable/);
      expect((await app.request('/ui/assets/missing.js')).status).toBe(404);
      expect((await app.request('/ui/link.txt')).status).toBe(404);
      expect((await app.request('/ui/%2e%2e/secret.txt')).status).toBeGreaterThanOrEqual(400);
      expect((await app.request('/ui')).status).toBe(301);
    } finally {
      await controlPlane.close();
    }
  });

  it('uses the mount prefix when embedded in another app', async () => {
    const controlPlane = await controlPlaneWith(assetsDir);
    try {
      const parent = new Hono();
      parent.route('/cp', controlPlane.app);
      const index = await parent.request('/cp/ui/');
      expect(injectedConfig(await index.text())).toEqual({ apiBase: '/cp/api/v1', basePath: '/cp/ui' });
      const root = await parent.request('/cp');
      expect(root.headers.get('location')).toBe('/cp/ui/');
    } finally {
      await controlPlane.close();
    }
  });

  it('explains how to build the UI when it is missing', async () => {
    const controlPlane = await controlPlaneWith(join(assetsDir, 'does-not-exist'));
    try {
      const response = await controlPlane.app.request('/ui/');
      expect(response.status).toBe(503);
      const body = (await response.json()) as {
        error: { code: string; message: string; request_id: string };
      };
      expect(body.error.code).toBe('ui_not_built');
      expect(body.error.message).toMatch(/pnpm --filter @llm-control-plane\/ui build/);
      expect(body.error.request_id).toBeTruthy();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const browser = await controlPlane.app.request('/ui/', { headers: { accept: 'text/html,*/*;q=0.8' } });
      expect(browser.status).toBe(503);
      expect(await browser.text()).toMatch(/^The control plane UI is not built/);
    } finally {
      await controlPlane.close();
    }
  });

  it.each([
    ['DISABLE_ADMIN_UI=true', { env: { DISABLE_ADMIN_UI: 'true' } }],
    ['general_settings.disable_admin_ui', { generalSettings: { disable_admin_ui: true } }],
  ])('turns the UI off with %s and says so in the discovery document', async (_, extra) => {
    const controlPlane = await controlPlaneWith(assetsDir, extra);
    try {
      for (const path of ['/ui', '/ui/', '/ui/assets/app-1234.js', '/ui/workers/a', '/']) {
        const response = await controlPlane.app.request(path);
        expect(response.status, path).toBe(404);
        expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
      }
      const discovery = await controlPlane.app.request('/.well-known/litellm-ui-config');
      expect(await discovery.json()).toMatchObject({ admin_ui_disabled: true });
      expect((await controlPlane.app.request('/health/liveliness')).status).toBe(200);
    } finally {
      await controlPlane.close();
    }
  });

  it('reports the UI as enabled by default', async () => {
    const controlPlane = await controlPlaneWith(assetsDir, { env: { DISABLE_ADMIN_UI: 'false' } });
    try {
      const discovery = await controlPlane.app.request('/.well-known/litellm-ui-config');
      expect(await discovery.json()).toMatchObject({ admin_ui_disabled: false });
      expect((await controlPlane.app.request('/ui/')).status).toBe(200);
    } finally {
      await controlPlane.close();
    }
  });
});
