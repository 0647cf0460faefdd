import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, screenshot, startUiFleet, type UiFleet } from './support/fleet.js';

describe('a worker that hangs between two probes', () => {
  let fleet: UiFleet;

  beforeAll(async () => {
    // One probe at start and none after: only the overview's own calls can notice the hang.
    // No reuse of a finished overview either, so "Refresh now" really asks the workers.
    fleet = await startUiFleet({ monitorIntervalMs: 600_000, overviewCacheMs: 0 });
    await logIn(fleet);
  });
  afterAll(async () => {
    await fleet?.close();
  });

  it('is shown degraded in its row and in the summary after one failed overview call', async () => {
    const { page } = fleet;
    const table = page.getByRole('table', { name: 'Workers in the fleet' });
    const summary = page.getByRole('list', { name: 'Fleet summary' });
    const count = (label: string) =>
      summary.locator('li', { hasText: label }).locator('.cp-stat-value').textContent();
    await expect.poll(() => count('Healthy'), { timeout: 15_000 }).toBe('3');

    // Pausing the refresh leaves exactly one overview call to find out: the one "Refresh now" makes.
    await page.getByRole('button', { name: 'Pause refresh' }).click();
    await fleet.workers['worker-b'].fault('hang');
    await page.getByRole('button', { name: 'Refresh now' }).click();
    const rowB = table.getByRole('row').filter({ hasText: 'Worker B' });
    await rowB.getByText('Degraded').waitFor({ timeout: 15_000 });
    expect(await rowB.textContent()).toMatch(/since .*overview call|since .*fleet call/);
    expect(await count('Healthy')).toBe('2');
    expect(await count('Degraded')).toBe('1');
    expect(await table.getByRole('row').filter({ hasText: 'Worker A' }).getByText('Healthy').count()).toBe(1);
    await screenshot(page, 'overview-worker-hung');

    await fleet.workers['worker-b'].fault('none');
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await rowB.getByText('Healthy').waitFor({ timeout: 15_000 });
    expect(await count('Healthy')).toBe('3');
  });
});
