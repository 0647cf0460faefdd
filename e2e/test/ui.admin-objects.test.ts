import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, screenshot, startUiFleet, type UiFleet } from './support/fleet.js';

/**
 * Worker A (prod, seed 1) has the `prompt-injection` guardrail, Worker B (prod, seed 2) does not, and
 * Worker C is staging and runs the community edition; the GitHub MCP server exposes different tools on A and B.
 */
describe('admin objects in the UI', () => {
  let fleet: UiFleet;

  beforeAll(async () => {
    // Worker C runs the community edition: tags need an enterprise licence.
    fleet = await startUiFleet({ workerOptions: { 'worker-c': { premium: false } } });
    await logIn(fleet);
  });
  afterAll(async () => {
    await fleet?.close();
  });

  const guardrailNames = (site: 'worker-a' | 'worker-b' | 'worker-c') =>
    [...fleet.workers[site].state.adminObjects.guardrails.values()].map((item) => item.guardrail_name);

  it('rolls a guardrail out from worker A to every env=prod worker and shows it on each', async () => {
    const { page } = fleet;
    expect(guardrailNames('worker-b')).not.toContain('prompt-injection');
    await page.getByRole('link', { name: 'Roll out' }).click();
    await page.getByRole('heading', { name: 'Roll out' }).waitFor();
    await page.getByLabel('Object type').selectOption('guardrails');
    await page.getByLabel('From worker').selectOption('worker-a');
    await page.getByLabel('Guardrail', { exact: true }).selectOption('prompt-injection');
    await page.getByLabel('To workers labelled').fill('env=prod');
    await page.getByRole('button', { name: 'Preview plan' }).click();

    const plan = page.getByRole('table', { name: 'Plan per worker' });
    await plan.waitFor();
    await expect.poll(() => plan.getByRole('row').count()).toBe(3);
    const planRow = (name: string) =>
      plan.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    expect(await planRow('Worker B').textContent()).toContain('will be created');
    expect(await planRow('Worker A').textContent()).toContain('already as wanted');
    expect(await page.getByText('Not copied (secret): litellm_params.api_key').count()).toBe(1);
    expect(await page.content()).not.toMatch(/lk-seed|\*\*\*\*/);
    await screenshot(page, 'rollout-plan');

    await page.getByRole('button', { name: 'Apply to 1 worker' }).click();
    const outcome = page.getByRole('table', { name: 'Outcome per worker' });
    await outcome.waitFor();
    const outcomeRow = outcome
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Worker B', exact: true }) });
    expect(await outcomeRow.textContent()).toContain('applied');
    await screenshot(page, 'rollout-outcome');
    expect(guardrailNames('worker-b')).toContain('prompt-injection');
    expect(guardrailNames('worker-c')).toContain('prompt-injection'); // seeded there; staging untouched otherwise

    // Each prod worker's guardrail page now lists it.
    for (const [site, name] of [
      ['worker-a', 'Worker A'],
      ['worker-b', 'Worker B'],
    ] as const) {
      await page.goto(`${fleet.url}/ui/workers/${site}/guardrails`);
      const table = page.getByRole('table', { name: `Guardrails on ${name}` });
      await table.getByRole('rowheader', { name: 'prompt-injection' }).waitFor();
    }
    await screenshot(page, 'worker-guardrails');
  });

  it('shows an MCP server that differs between two workers as drift, field by field', async () => {
    const { page } = fleet;
    await page.goto(`${fleet.url}/ui/fleet/mcp-servers`);
    const table = page.getByRole('table', { name: 'MCP servers across the fleet' });
    const github = table.getByRole('row', { name: /github/ });
    await github.waitFor();
    expect(await github.textContent()).toContain('its settings differ on 1');
    expect(await github.getByText('differs').count()).toBe(1);
    await screenshot(page, 'fleet-mcp-servers');

    await page.goto(`${fleet.url}/ui/fleet/object-drift?kind=mcpServers`);
    await page.getByLabel('Compare with').selectOption('worker-a');
    const card = page.getByRole('article', { name: 'Drift of github' });
    const differences = card.getByRole('table', { name: 'Differences of github' });
    const row = differences.getByRole('row', { name: /allowed_tools/ });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Worker B');
    expect(text).toContain('create_issue');
    await screenshot(page, 'object-drift');
  });

  it('shows guardrails across the fleet, and every per-worker object page', async () => {
    const { page } = fleet;
    await page.goto(`${fleet.url}/ui/fleet/guardrails`);
    await page
      .getByRole('table', { name: 'Guardrails across the fleet' })
      .getByRole('row', { name: /pii-mask/ })
      .waitFor();
    await screenshot(page, 'fleet-guardrails');
    const pages = [
      ['mcp-servers', 'MCP servers', 'github'],
      ['vector-stores', 'Vector stores', 'vs-support-kb'],
      ['agents', 'Agents', 'triage'],
      ['prompts', 'Prompts', 'support-greeting'],
      ['tags', 'Tags', 'production'],
      ['credentials', 'Credentials', 'openai-shared'],
      ['search-tools', 'Search tools', 'web-search'],
    ] as const;
    for (const [section, title, name] of pages) {
      await page.goto(`${fleet.url}/ui/workers/worker-a/${section}`);
      await page
        .getByRole('table', { name: `${title} on Worker A` })
        .getByRole('rowheader', { name })
        .waitFor();
      await screenshot(page, `worker-${section}`);
    }
    expect(await page.content()).not.toContain('shared-openai-credential');
  });

  it('says "not available on this worker" with its LiteLLM version instead of an error', async () => {
    const { page } = fleet;
    // The browser logs the worker's enterprise-gated 403 for the tag list itself; nothing else may go wrong.
    fleet.expectFailures(/status of 403.*\/admin\/tag\/list/);
    await page.goto(`${fleet.url}/ui/workers/worker-c/tags`);
    await page
      .getByText(/not available on this worker \(LiteLLM \d+\.\d+\.\d+, enterprise feature\)/i)
      .waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, 'worker-feature-not-available');
    expect(fleet.pageErrors).toEqual([]);
  });
});
