import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LITELLM_REQUEST_FIELDS } from '../src/index.js';

type Fixture = { source: string; commit: string; models: Record<string, string[]> };

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/litellm-request-fields.json', import.meta.url), 'utf8'),
) as Fixture;

describe('typed coverage of LiteLLM request models', () => {
  it('covers every model of the field lists read from LiteLLM', () => {
    expect(Object.keys(LITELLM_REQUEST_FIELDS).sort()).toEqual(Object.keys(fixture.models).sort());
    expect(fixture.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  // A field LiteLLM adds (the fixture refreshed from a newer _types.py) fails here until it is typed.
  it.each(Object.entries(fixture.models))(
    '%s: every LiteLLM field is typed, and no other',
    (model, fields) => {
      const typed = LITELLM_REQUEST_FIELDS[model as keyof typeof LITELLM_REQUEST_FIELDS] as readonly string[];
      expect([...typed].sort()).toEqual([...fields].sort());
    },
  );
});
