import { it } from 'vitest';
import { logIn, startUiFleet } from './support/fleet.js';

it('debug', async () => {
  const fleet = await startUiFleet();
  try {
    await logIn(fleet);
    const { page } = fleet;
    const combobox = page.getByRole('combobox', { name: 'Worker' });
    await combobox.click();
    console.log('expanded', await combobox.getAttribute('aria-expanded'));
    await combobox.fill('Worker A');
    console.log('value', await combobox.inputValue(), 'expanded', await combobox.getAttribute('aria-expanded'));
    console.log('options', await page.getByRole('option').allTextContents());
    await combobox.press('Enter');
    await page.waitForTimeout(1000);
    console.log('url', page.url());
    await page.screenshot({ path: '/tmp/debug.png' });
  } finally {
    await fleet.close();
  }
}, 60_000);
