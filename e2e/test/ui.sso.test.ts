import { uiAssetsDir } from '@llm-control-plane/ui/assets';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSsoSetup } from '../../packages/server/test/support/sso.js';
import { launchChromium, screenshot } from './support/fleet.js';

describe('single sign-on in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in through the identity provider and lands in the UI with the mapped role', async () => {
    await using setup = await startSsoSetup({ uiAssetsDir });
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${setup.url}/ui/`);
    const ssoButton = page.getByRole('link', { name: 'Sign in with SSO' });
    await ssoButton.waitFor();
    await screenshot(page, 'login-sso');
    await ssoButton.click();

    // oidc-provider's own login and consent pages.
    await page.locator('input[name="login"]').fill('bob');
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Fleet overview' }).waitFor();
    const session = (await context.cookies(setup.url)).find((cookie) => cookie.name === 'cp_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
    expect(me).toMatchObject({
      subject: 'bob@example.com',
      role: 'operator',
      scope: { labels: { env: 'prod' } },
    });
    await context.close();
  });

  it('goes straight to the identity provider with auto_redirect_to_sso and shows why an unmapped user is refused', async () => {
    await using setup = await startSsoSetup({
      uiAssetsDir,
      sso: { password_login: false },
      generalSettings: { auto_redirect_ui_login_to_sso: true },
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${setup.url}/ui/`);
    await page.locator('input[name="login"]').fill('carol');
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: 'Continue' }).click();
    await page.getByRole('heading', { name: 'No access to this control plane' }).waitFor();
    expect(await page.textContent('body')).toContain('none of your groups (marketing) is mapped to a role');
    expect((await context.cookies(setup.url)).some((cookie) => cookie.name === 'cp_session')).toBe(false);
    await context.close();
  });
});
