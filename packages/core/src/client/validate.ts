import type { z } from 'zod';
import { WorkerResponseError } from '../errors/worker-errors.js';

/** `keys[0].spend` style path of a zod issue. */
function formatIssuePath(path: readonly PropertyKey[]): string {
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') result += `[${segment}]`;
    else result += result.length === 0 ? String(segment) : `.${String(segment)}`;
  }
  return result;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map(String).join(', ')}`;
  return issue.message;
}

/**
 * Checks a parsed body against a schema in place, without building zod's validated copy. Bodies that pass
 * are exactly what the schema would return; a body that fails goes through the schema for the error.
 */
export type FastCheck = (value: unknown) => boolean;

type SchemaDefinition = {
  type: string;
  checks?: unknown[];
  format?: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
};

function definitionOf(schema: z.ZodType): SchemaDefinition {
  return (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;
}

/**
 * Source of a boolean expression that checks `subject` against `schema`, or undefined when the schema is
 * not one of the supported kinds. Objects, arrays and records become functions of their own in `functions`.
 */
function checkSource(schema: z.ZodType, subject: string, functions: string[]): string | undefined {
  const definition = definitionOf(schema);
  // A format (z.email(), z.int()) is a check carried by the schema itself rather than in `checks`.
  if ((definition.checks !== undefined && definition.checks.length > 0) || definition.format !== undefined) {
    return undefined;
  }
  // Declarations hoist, so a function's place in `functions` does not matter.
  const define = (parameter: string, body: string | undefined) => {
    if (body === undefined) return undefined;
    const index = functions.length;
    functions.push(`function check${index}(${parameter}) {\n${body}\n}`);
    return `check${index}(${subject})`;
  };
  switch (definition.type) {
    case 'string':
      return `typeof ${subject} === 'string'`;
    case 'number':
      return `(typeof ${subject} === 'number' && Number.isFinite(${subject}))`;
    case 'boolean':
      return `typeof ${subject} === 'boolean'`;
    case 'unknown':
      return 'true';
    case 'optional':
    case 'nullable': {
      const inner = definition.innerType && checkSource(definition.innerType, subject, functions);
      const empty = definition.type === 'optional' ? 'undefined' : 'null';
      return inner && `(${subject} === ${empty} || ${inner})`;
    }
    case 'array': {
      const element = definition.element && checkSource(definition.element, 'item', functions);
      return define(
        'list',
        element &&
          `if (!Array.isArray(list)) return false;
for (let index = 0; index < list.length; index++) { const item = list[index]; if (!(${element})) return false; }
return true;`,
      );
    }
    case 'record': {
      const key = definition.keyType && definitionOf(definition.keyType);
      if (key?.type !== 'string' || (key.checks !== undefined && key.checks.length > 0)) return undefined;
      const item = definition.valueType && checkSource(definition.valueType, 'item', functions);
      return define(
        'record',
        item &&
          `if (typeof record !== 'object' || record === null || Array.isArray(record)) return false;
for (const name in record) { const item = record[name]; if (!(${item})) return false; }
return true;`,
      );
    }
    case 'object': {
      // Only loose objects return their input's keys unchanged; stripping and strict ones do not.
      if (definition.catchall === undefined || definitionOf(definition.catchall).type !== 'unknown') {
        return undefined;
      }
      const fields: string[] = [];
      for (const [name, field] of Object.entries(definition.shape ?? {})) {
        // A constant key is a named property load, which V8 caches per object shape.
        const check = checkSource(field, `object[${JSON.stringify(name)}]`, functions);
        if (check === undefined) return undefined;
        fields.push(check);
      }
      return define(
        'object',
        `if (typeof object !== 'object' || object === null || Array.isArray(object) || Object.hasOwn(object, '__proto__')) return false;
return ${fields.length === 0 ? 'true' : fields.join(' &&\n  ')};`,
      );
    }
    default:
      return undefined;
  }
}

/**
 * Builds a FastCheck for schemas made of loose objects, arrays, records, strings, numbers, booleans,
 * unknown, optional and nullable; anything else (refinements, transforms, defaults, strict or stripping
 * objects, unions) returns undefined and stays with zod. The check is generated code, as zod's own objects
 * are: a key list holds a few hundred fields, and a closure per field cost a fan-out about 10 µs a worker.
 * Where code generation is not allowed (a page whose CSP forbids it) it returns undefined too.
 */
export function compileFastCheck(schema: z.ZodType): FastCheck | undefined {
  const functions: string[] = [];
  const root = checkSource(schema, 'value', functions);
  if (root === undefined) return undefined;
  try {
    // Only the schema's own field names reach the source, each as a JSON string literal.
    return new Function(`'use strict';\n${functions.join('\n')}\nreturn (value) => ${root};`)() as FastCheck;
  } catch {
    return undefined;
  }
}

/**
 * A FastCheck compiled on its first use, so that importing a resource generates no code (a browser page's
 * CSP would report it). Where it cannot be compiled it answers false, which leaves the body to zod.
 */
export function lazyFastCheck(schema: z.ZodType): FastCheck {
  let check: FastCheck | null | undefined;
  return (value) => {
    if (check === undefined) check = compileFastCheck(schema) ?? null;
    return check?.(value) ?? false;
  };
}

export type ResponseContext = {
  /** A function when building the label costs something: it is only needed for an error. */
  label: string | (() => string);
  status: number;
  workerId?: string | undefined;
  contentType?: string | undefined;
};

/** Parses a successful body as JSON and validates it; both failures become WorkerResponseError. */
export function parseResponseBody<Schema extends z.ZodType>(
  schema: Schema,
  bodyText: string,
  context: ResponseContext,
  fastCheck?: FastCheck,
): z.output<Schema> {
  const label = () => (typeof context.label === 'string' ? context.label : context.label());
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch (cause) {
    const type = context.contentType ? `, content-type ${context.contentType}` : '';
    throw new WorkerResponseError(
      `${label()} returned a body that is not JSON (status ${context.status}${type})`,
      { workerId: context.workerId, status: context.status, cause },
    );
  }
  if (fastCheck?.(json)) return json as z.output<Schema>;
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue === undefined ? '' : formatIssuePath(issue.path);
  const description = issue === undefined ? 'invalid' : describeIssue(issue);
  const where = field.length > 0 ? field : 'response body';
  throw new WorkerResponseError(`${label()} returned an invalid response: ${where}: ${description}`, {
    workerId: context.workerId,
    status: context.status,
    field: field.length > 0 ? field : undefined,
  });
}
