import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, screenshot, startUiFleet, switchWorker, type UiFleet } from './support/fleet.js';

describe('a worker that goes down', () => {
  let fleet: UiFleet;

  beforeAll(async () => {
    fleet = await startUiFleet();
    await logIn(fleet);
  });
  afterAll(async () => {
    await fleet?.close();
  });

  it('is marked unreachable with its last-known data while the other workers stay usable', async () => {
    const { page } = fleet;
    const table = page.getByRole('table', { name: 'Workers in the fleet' });
    const rowC = table.getByRole('row').filter({ hasText: 'Worker C' });
    await expect.poll(() => rowC.getByText('Healthy').count(), { timeout: 15_000 }).toBe(1);
    const keysBefore = await rowC.getByRole('cell').nth(6).textContent();

    // The stopped worker's own pages fail on purpose: their relayed calls answer 502/504.
    fleet.expectFailures(
      /status of 50[234]|Failed to load resource: the server responded with a status of 50[234]/,
    );
    await fleet.workers['worker-c'].fault('down');
    await rowC.getByText('Unreachable', { exact: true }).waitFor({ timeout: 20_000 });
    // Last-known counts stay on screen, marked stale.
    await expect.poll(() => rowC.textContent(), { timeout: 15_000 }).toContain('stale');
    expect(await rowC.getByRole('cell').nth(6).textContent()).toBe(keysBefore);
    expect(await table.getByRole('row').filter({ hasText: 'Worker A' }).getByText('Healthy').count()).toBe(1);
    await screenshot(page, 'overview-worker-down');

    await switchWorker(page, 'Worker C');
    await page.getByRole('alert').filter({ hasText: 'Could not load keys from Worker C' }).waitFor();
    expect(await page.getByRole('alert').first().textContent()).toMatch(/Request id/);

    await switchWorker(page, 'Worker A');
    await page.getByRole('table', { name: 'Keys on Worker A' }).waitFor();

    await fleet.workers['worker-c'].fault('none');
    await page.getByRole('link', { name: 'Overview' }).click();
    await rowC.getByText('Healthy').waitFor({ timeout: 20_000 });
  });
});
