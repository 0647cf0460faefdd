import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, screenshot, startUiFleet, switchWorker, type UiFleet } from './support/fleet.js';

describe('admin UI against a live control plane and three workers', () => {
  let fleet: UiFleet;

  beforeAll(async () => {
    fleet = await startUiFleet();
  });
  afterAll(async () => {
    await fleet?.close();
  });

  it('logs in and sees the three workers on the fleet overview', async () => {
    const { page } = fleet;
    await page.goto(`${fleet.url}/ui/`);
    await page.getByLabel('Username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/ui/login');
    await screenshot(page, 'login');

    await logIn(fleet);
    const table = page.getByRole('table', { name: 'Workers in the fleet' });
    for (const name of ['Worker A', 'Worker B', 'Worker C']) {
      await table.getByRole('rowheader', { name: new RegExp(name) }).waitFor();
    }
    expect(await table.getByRole('row').count()).toBe(4);
    await expect.poll(() => table.getByText('Healthy').count(), { timeout: 15_000 }).toBe(3);
    await screenshot(page, 'overview');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'overview-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('switches worker without logging in again, with the worker in the URL and the header', async () => {
    const { page } = fleet;
    const logins: string[] = [];
    const onRequest = (request: { url(): string }) => {
      if (request.url().includes('/auth/login')) logins.push(request.url());
    };
    page.on('request', onRequest);
    await switchWorker(page, 'Worker A');
    await page.waitForURL(/\/ui\/workers\/worker-a\/keys$/);
    await page.getByRole('table', { name: 'Keys on Worker A' }).waitFor();
    await switchWorker(page, 'Worker B');
    await page.waitForURL(/\/ui\/workers\/worker-b\/keys$/);
    await page.getByRole('table', { name: 'Keys on Worker B' }).waitFor();
    const header = page.getByLabel('Selected worker');
    expect(await header.textContent()).toContain('Worker B');
    expect(await header.textContent()).toContain('eu-west-1');
    page.off('request', onRequest);
    expect(logins).toEqual([]);

    await page.goBack();
    await page.waitForURL(/\/ui\/workers\/worker-a\/keys$/);
    await page.getByRole('table', { name: 'Keys on Worker A' }).waitFor();
    await page.goForward();
    await page.getByRole('table', { name: 'Keys on Worker B' }).waitFor();
  });

  it('creates a key on worker B, shows it once, and fleet search finds it only there', async () => {
    const { page } = fleet;
    const alias = `e2e-billing-${Date.now()}`;
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create key' });
    await dialog.getByLabel('Key alias').fill(alias);
    await dialog.getByLabel('Max budget (USD)').fill('50');
    await dialog.getByLabel('Expires after').selectOption('30d');
    await dialog.getByRole('button', { name: 'Create key' }).click();

    const created = page.getByRole('dialog', { name: 'Key created' });
    const secret = await created.getByLabel(`New key for ${alias}`).inputValue();
    expect(secret).toMatch(/^sk-/);
    await created.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('rowheader', { name: new RegExp(alias) }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, 'worker-keys');

    expect([...fleet.workers['worker-b'].state.keys.values()].some((key) => key.key_alias === alias)).toBe(
      true,
    );
    expect([...fleet.workers['worker-a'].state.keys.values()].some((key) => key.key_alias === alias)).toBe(
      false,
    );

    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByLabel('Search for').fill(alias);
    await page.getByLabel('In', { exact: true }).selectOption('key');
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByRole('table', { name: `Search results for ${alias}` });
    await results.waitFor();
    const rows = results.getByRole('row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain('Worker B');
    expect(new URL(page.url()).searchParams.get('q')).toBe(alias);
  });

  it('shows fleet spend grouped by worker with a chart', async () => {
    const { page } = fleet;
    await page.getByRole('link', { name: 'Spend' }).first().click();
    await page.getByRole('heading', { name: 'Fleet spend' }).waitFor();
    const table = page.getByRole('table', { name: 'Spend by worker' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(4);
    await page.locator('.cp-chart svg').first().waitFor();
    await page.getByRole('radio', { name: 'Team' }).check();
    await page.getByRole('table', { name: 'Spend by team' }).waitFor();
    await page.getByRole('radio', { name: 'Worker' }).check();
    await page.getByRole('table', { name: 'Spend by worker' }).waitFor();
    await screenshot(page, 'fleet-spend');
  });

  it('plans a bulk change, previews the per-worker diff, applies it and shows each outcome', async () => {
    const { page } = fleet;
    const alias = `e2e-platform-${Date.now()}`;
    await page.getByRole('link', { name: 'Bulk changes' }).click();
    await page
      .getByLabel(/Desired state/)
      .fill(
        JSON.stringify({ teams: [{ team_alias: alias, max_budget: 250, budget_duration: '30d' }] }, null, 2),
      );
    await page.getByRole('button', { name: 'Preview plan' }).click();
    await page.getByRole('heading', { name: /Plan: 3 changes on 3 of 3 workers/ }).waitFor();
    for (const name of ['Worker A', 'Worker B', 'Worker C']) {
      const card = page.getByRole('article', { name: `Plan for ${name}` });
      expect(await card.textContent()).toContain(alias);
      expect(await card.textContent()).toContain('create');
    }
    await screenshot(page, 'bulk-changes');

    await page.getByRole('button', { name: 'Apply plan' }).click();
    const confirm = page.getByRole('dialog', { name: 'Apply plan' });
    await confirm.getByLabel(/to confirm/).fill('apply');
    await confirm.getByRole('button', { name: 'Apply' }).click();
    const outcome = page.getByRole('table', { name: 'Outcome per worker' });
    await outcome.waitFor();
    expect(await outcome.getByText('applied').count()).toBe(3);
    for (const site of ['worker-a', 'worker-b', 'worker-c'] as const) {
      expect([...fleet.workers[site].state.teams.values()].some((team) => team.team_alias === alias)).toBe(
        true,
      );
    }
    await screenshot(page, 'bulk-changes-applied');
  });

  it('records the changes in the audit log with export links', async () => {
    const { page } = fleet;
    await page.getByRole('link', { name: 'Audit log' }).click();
    const table = page.getByRole('table', { name: 'Audit log entries' });
    await table.waitFor();
    await table.getByText('fleet.apply').first().waitFor();
    const csv = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(csv).toContain('format=csv');
    await screenshot(page, 'audit');
  });

  it('renders every section of a worker against the live worker API', async () => {
    const { page } = fleet;
    await switchWorker(page, 'Worker A');
    const tabs = page.getByRole('navigation', { name: 'Worker A sections' });
    await tabs.getByRole('link', { name: 'Teams' }).click();
    const teams = page.getByRole('table', { name: 'Teams on Worker A' });
    await teams.waitFor();
    await teams
      .getByRole('button', { name: /^Members of / })
      .first()
      .click();
    const members = page.getByRole('dialog', { name: /^Members of / });
    await members.getByLabel('User id or e-mail').fill('e2e-member@example.com');
    await members.getByRole('button', { name: 'Add member' }).click();
    await members.getByText('e2e-member@example.com').waitFor();
    await members.getByRole('button', { name: 'Close' }).click();

    for (const [section, table] of [
      ['Users', 'Users on Worker A'],
      ['Models', 'Models on Worker A'],
      ['Budgets', null],
      ['Organizations', null],
    ] as const) {
      await tabs.getByRole('link', { name: section }).click();
      await page.getByRole('heading', { name: new RegExp(`^${section} on Worker A`) }).waitFor();
      if (table) await page.getByRole('table', { name: table }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('alert').count(), `${section} shows an error`).toBe(0);
    }

    await tabs.getByRole('link', { name: 'Spend' }).click();
    await page.getByRole('img', { name: /Daily spend on Worker A/ }).waitFor();
    await page.getByRole('table', { name: 'Spend logs on Worker A' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, 'worker-spend');
  });

  it('opens a deep link to a worker page directly', async () => {
    const { page } = fleet;
    await page.goto(`${fleet.url}/ui/workers/worker-c/teams`);
    await page.getByRole('table', { name: 'Teams on Worker C' }).waitFor();
    expect(await page.getByLabel('Selected worker').textContent()).toContain('Worker C');
    await screenshot(page, 'worker-teams');
  });

  it('ran without page errors', () => {
    expect(fleet.pageErrors, fleet.pageErrors.join('\n')).toEqual([]);
  });
});
