import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BudgetSchema,
  CustomerSchema,
  KeyObjectSchema,
  OrganizationSchema,
  TeamSchema,
  UserSchema,
} from '../src/index.js';

type Fixture = { source: string; commit: string; models: Record<string, string[]> };

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/litellm-response-fields.json', import.meta.url), 'utf8'),
) as Fixture;

/** The response schema that parses each LiteLLM record model. */
const SCHEMA_OF_MODEL: Record<string, { shape: Record<string, unknown> }> = {
  LiteLLM_VerificationToken: KeyObjectSchema,
  LiteLLM_TeamTable: TeamSchema,
  LiteLLM_UserTable: UserSchema,
  LiteLLM_OrganizationTable: OrganizationSchema,
  LiteLLM_BudgetTable: BudgetSchema,
  LiteLLM_EndUserTable: CustomerSchema,
};

describe('typed coverage of LiteLLM response records', () => {
  it('maps every record model of the field lists read from LiteLLM to a response schema', () => {
    expect(Object.keys(SCHEMA_OF_MODEL).sort()).toEqual(Object.keys(fixture.models).sort());
    expect(fixture.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  // Schemas may declare more (fields LiteLLM's endpoints join in); a field LiteLLM adds fails here until typed.
  it.each(Object.entries(fixture.models))('%s: every LiteLLM field is declared', (model, fields) => {
    const declared = new Set(Object.keys(SCHEMA_OF_MODEL[model]?.shape ?? {}));
    expect(fields.filter((field) => !declared.has(field))).toEqual([]);
  });

  it('still accepts records whose new fields are null, absent or carry unknown extras', () => {
    const key = KeyObjectSchema.parse({ token: 'h', object_permission: null, rotation_count: 2, extra: 1 });
    expect(key).toMatchObject({ token: 'h', rotation_count: 2, extra: 1 });
    expect(TeamSchema.parse({ team_id: 't', admins: null, object_permission_id: null }).team_id).toBe('t');
    expect(UserSchema.safeParse({ user_id: 'u' }).success).toBe(true);
    expect(OrganizationSchema.safeParse({ organization_id: 'o', users: null }).success).toBe(true);
    expect(
      CustomerSchema.safeParse({ user_id: 'c', object_permission: { mcp_servers: ['s'] } }).success,
    ).toBe(true);
  });
});
