import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER_WORKER_PASSWORD,
  logIn,
  screenshot,
  startUiFleet,
  switchWorker,
  type UiFleet,
} from './support/fleet.js';

describe('a worker without a stored credential', () => {
  let fleet: UiFleet;

  beforeAll(async () => {
    fleet = await startUiFleet({ browserDirect: true });
    await logIn(fleet);
  });
  afterAll(async () => {
    await fleet?.close();
  });

  it('is logged in to from the browser, keeps its own session, and is managed directly', async () => {
    const { page } = fleet;
    const workerRequests: string[] = [];
    const workerC = fleet.workers['worker-c'];
    page.on('request', (request) => {
      if (request.url().startsWith(workerC.url)) workerRequests.push(new URL(request.url()).pathname);
    });

    await switchWorker(page, 'Worker C');
    await page.getByRole('heading', { name: 'Log in to Worker C' }).waitFor();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(BROWSER_WORKER_PASSWORD);
    await page.getByRole('button', { name: 'Log in to Worker C' }).click();
    await page.getByRole('table', { name: 'Keys on Worker C' }).waitFor();
    expect(workerRequests).toEqual(expect.arrayContaining(['/v3/login', '/v3/login/exchange', '/key/list']));
    await screenshot(page, 'worker-browser-login');

    // Switching away and back keeps both sessions: no login form again.
    await switchWorker(page, 'Worker A');
    await page.getByRole('table', { name: 'Keys on Worker A' }).waitFor();
    await switchWorker(page, 'Worker C');
    await page.getByRole('table', { name: 'Keys on Worker C' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Log in to Worker C' }).count()).toBe(0);

    const alias = `browser-direct-${Date.now()}`;
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create key' });
    await dialog.getByLabel('Key alias').fill(alias);
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const secret = await page
      .getByRole('dialog', { name: 'Key created' })
      .getByLabel(`New key for ${alias}`)
      .inputValue();
    expect(secret).toMatch(/^sk-/);
    expect([...workerC.state.keys.values()].some((key) => key.key_alias === alias)).toBe(true);
    expect(workerRequests).toContain('/key/generate');

    // The worker session lives in this tab's sessionStorage, apart from the control-plane cookie.
    const stored = await page.evaluate(() => Object.keys(sessionStorage));
    expect(stored).toContain('llm-control-plane.worker-session.worker-c');
  });
});
