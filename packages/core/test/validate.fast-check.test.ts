import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileFastCheck } from '../src/client/validate.js';
import { KeyListResponseSchema } from '../src/index.js';

const key = (index: number) => ({
  token: `hash-${index}`,
  key_alias: `alias-${index}`,
  spend: index * 0.5,
  max_budget: null,
  models: ['gpt-4o', 'claude'],
  blocked: index % 2 === 0,
  metadata: { team: 'core', nested: { deep: [1, 2] } },
  allowed_routes: ['/key/list', 3, null],
  object_permission: { mcp_servers: ['a'], vector_stores: [] },
  litellm_budget_table: null,
  extra_field_from_a_newer_litellm: { anything: true },
});

const body = () => ({
  keys: [key(1), key(2), key(3)],
  total_count: 3,
  current_page: 1,
  total_pages: 1,
});

/** Every way of breaking one field at one depth that a worker's reply could plausibly have. */
const wrongValues: unknown[] = ['text', 7, Number.NaN, true, null, undefined, [], {}, [1], { a: 1 }];

function* mutations(value: unknown, path: (string | number)[] = []): Generator<(string | number)[]> {
  if (typeof value !== 'object' || value === null) return;
  for (const name of Array.isArray(value) ? value.keys() : Object.keys(value)) {
    const child = (value as Record<string | number, unknown>)[name];
    yield [...path, name];
    yield* mutations(child, [...path, name]);
  }
}

function withValue(path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(body()) as Record<string | number, unknown>;
  let parent = copy;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

describe('compileFastCheck', () => {
  const check = compileFastCheck(KeyListResponseSchema);

  it('compiles the key list schema', () => {
    expect(check).toBeTypeOf('function');
  });

  it('accepts exactly what zod accepts unchanged, for every field broken every way', () => {
    let compared = 0;
    for (const path of mutations(body())) {
      for (const replacement of wrongValues) {
        const candidate = withValue(path, replacement);
        const parsed = KeyListResponseSchema.safeParse(candidate);
        // Where the check says yes, zod must agree and return the same value (a loose object keeps every key).
        expect(check!(candidate), JSON.stringify(path)).toBe(parsed.success);
        if (parsed.success) expect(parsed.data).toEqual(candidate);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('refuses a body with an own __proto__ key, which zod would not return unchanged', () => {
    const candidate = JSON.parse('{"keys": [{"__proto__": {"x": 1}}], "total_count": 1}');
    expect(check!(candidate)).toBe(false);
  });

  it('leaves schemas it cannot prove equal to zod (refinements, strict objects, unions, defaults)', () => {
    expect(compileFastCheck(z.string().min(1))).toBeUndefined();
    expect(compileFastCheck(z.strictObject({ a: z.string() }))).toBeUndefined();
    expect(compileFastCheck(z.object({ a: z.string() }))).toBeUndefined();
    expect(compileFastCheck(z.union([z.string(), z.number()]))).toBeUndefined();
    expect(compileFastCheck(z.looseObject({ a: z.string().default('x') }))).toBeUndefined();
    expect(
      compileFastCheck(z.looseObject({ list: z.array(z.looseObject({ b: z.email() })) })),
    ).toBeUndefined();
    expect(compileFastCheck(z.looseObject({ count: z.int() }))).toBeUndefined();
  });

  it('field names are data, never code', () => {
    const hostile = z.looseObject({ "a'); throw new Error('x'); ('": z.string(), 'b"\\': z.number() });
    const hostileCheck = compileFastCheck(hostile)!;
    expect(hostileCheck({ "a'); throw new Error('x'); ('": 's', 'b"\\': 1 })).toBe(true);
    expect(hostileCheck({ "a'); throw new Error('x'); ('": 1, 'b"\\': 1 })).toBe(false);
  });
});
