import { describe, expect, it } from 'vitest';
import { startHarness } from './support/fixtures.js';

describe('smoke', () => {
  it('lists workers', async () => {
    await using harness = await startHarness();
    const response = await harness.request('/api/v1/workers');
    const body = await response.json();
    console.log(JSON.stringify(body, null, 1));
    expect(response.status).toBe(200);
  });
});
