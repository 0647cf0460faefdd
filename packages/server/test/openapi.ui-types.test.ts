import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderUiApiTypes, UI_API_TYPES_PATH } from '../scripts/ui-api-types.js';

describe("the admin UI's generated API types", () => {
  it('match the OpenAPI document the server serves now', async () => {
    const checkedIn = await readFile(UI_API_TYPES_PATH, 'utf8');
    const fresh = await renderUiApiTypes();
    // On failure run: pnpm --filter @llm-control-plane/server generate:ui-api
    expect(checkedIn === fresh, 'packages/ui/src/api/schema.d.ts is stale; run generate:ui-api').toBe(true);
    expect(fresh).toContain('"/fleet/overview"');
  });
});
