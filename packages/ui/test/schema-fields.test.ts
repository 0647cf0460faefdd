import { BudgetSchema, UserSchema } from '@llm-control-plane/core/browser';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldsFromSchema, formValuesFrom } from '../src/resource-page/schema-fields.js';

describe('fieldsFromSchema', () => {
  it("takes each field's kind from core's budget schema and the labels from the override", () => {
    const fields = fieldsFromSchema(BudgetSchema, [
      { name: 'budget_id', label: 'Budget id', createOnly: true },
      { name: 'max_budget', label: 'Max budget (USD)' },
      {
        name: 'budget_duration',
        label: 'Budget reset',
        kind: 'select',
        options: [{ value: '', label: 'No reset' }],
      },
    ]);
    expect(fields).toEqual([
      { name: 'budget_id', label: 'Budget id', createOnly: true, kind: 'text' },
      { name: 'max_budget', label: 'Max budget (USD)', kind: 'number' },
      {
        name: 'budget_duration',
        label: 'Budget reset',
        kind: 'select',
        options: [{ value: '', label: 'No reset' }],
      },
    ]);
  });

  it('marks non-optional schema fields required unless the override says otherwise, and reads string lists', () => {
    const [id, optionalId, models] = fieldsFromSchema(UserSchema, [
      { name: 'user_id', label: 'User id' },
      { name: 'user_id', label: 'User id', required: false },
      { name: 'models', label: 'Models' },
    ]);
    expect(id?.required).toBe(true);
    expect(optionalId?.required).toBe(false);
    expect(models?.kind).toBe('models');
  });

  it('offers the values of an enum and detects e-mail strings', () => {
    const schema = z.object({
      role: z.enum(['viewer', 'editor']).optional(),
      contact: z.email().nullish(),
      count: z.int().default(1),
    });
    const [role, contact, count] = fieldsFromSchema(schema, [
      { name: 'role', label: 'Role' },
      { name: 'contact', label: 'Contact' },
      { name: 'count', label: 'Count' },
    ]);
    expect(role).toEqual({
      name: 'role',
      label: 'Role',
      kind: 'select',
      options: [
        { value: 'viewer', label: 'viewer' },
        { value: 'editor', label: 'editor' },
      ],
    });
    expect(contact?.kind).toBe('email');
    expect(count).toEqual({ name: 'count', label: 'Count', kind: 'number' });
  });

  it('refuses a field the schema cannot type unless its kind is stated', () => {
    expect(() => fieldsFromSchema(BudgetSchema, [{ name: 'nickname', label: 'Nickname' }])).toThrow(
      /Field "nickname".*state "kind"/,
    );
    expect(() => fieldsFromSchema(BudgetSchema, [{ name: 'model_max_budget', label: 'Per model' }])).toThrow(
      /model_max_budget/,
    );
    expect(
      fieldsFromSchema(BudgetSchema, [{ name: 'nickname', label: 'Nickname', kind: 'text' }])[0]?.kind,
    ).toBe('text');
  });
});

describe('formValuesFrom', () => {
  const fields = fieldsFromSchema(UserSchema, [
    { name: 'user_email', label: 'E-mail', kind: 'email' },
    { name: 'max_budget', label: 'Max budget' },
    { name: 'models', label: 'Models' },
  ]);

  it('starts a new row empty, with an empty list for list fields', () => {
    expect(formValuesFrom(fields)).toEqual({ user_email: '', max_budget: '', models: [] });
  });

  it("fills an existing row's values as form text, dropping nulls and non-string list items", () => {
    expect(
      formValuesFrom(fields, {
        user_email: 'ada@example.com',
        max_budget: 12.5,
        models: ['a', 3, 'b'],
        spend: 1,
      }),
    ).toEqual({ user_email: 'ada@example.com', max_budget: '12.5', models: ['a', 'b'] });
    expect(formValuesFrom(fields, { user_email: null, max_budget: null, models: null })).toEqual({
      user_email: '',
      max_budget: '',
      models: [],
    });
  });
});
