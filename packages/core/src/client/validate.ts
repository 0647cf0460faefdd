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

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Builds a FastCheck for schemas made of loose objects, arrays, records, strings, numbers, booleans,
 * unknown, optional and nullable; anything else (refinements, transforms, defaults, strict or stripping
 * objects, unions) returns undefined and stays with zod.
 */
export function compileFastCheck(schema: z.ZodType): FastCheck | undefined {
  const definition = definitionOf(schema);
  if (definition.checks !== undefined && definition.checks.length > 0) return undefined;
  switch (definition.type) {
    case 'string':
      return (value) => typeof value === 'string';
    case 'number':
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'unknown':
      return () => true;
    case 'optional': {
      const inner = definition.innerType && compileFastCheck(definition.innerType);
      return inner && ((value) => value === undefined || inner(value));
    }
    case 'nullable': {
      const inner = definition.innerType && compileFastCheck(definition.innerType);
      return inner && ((value) => value === null || inner(value));
    }
    case 'array': {
      const element = definition.element && compileFastCheck(definition.element);
      return element && ((value) => Array.isArray(value) && value.every(element));
    }
    case 'record': {
      const key = definition.keyType && definitionOf(definition.keyType);
      if (key?.type !== 'string' || (key.checks !== undefined && key.checks.length > 0)) return undefined;
      const item = definition.valueType && compileFastCheck(definition.valueType);
      return (
        item &&
        ((value) => {
          if (!isRecordObject(value)) return false;
          for (const name in value) if (!item(value[name])) return false;
          return true;
        })
      );
    }
    case 'object': {
      // Only loose objects return their input's keys unchanged; stripping and strict ones do not.
      if (definition.catchall === undefined || definitionOf(definition.catchall).type !== 'unknown') {
        return undefined;
      }
      const fields: [string, FastCheck][] = [];
      for (const [name, field] of Object.entries(definition.shape ?? {})) {
        const check = compileFastCheck(field);
        if (check === undefined) return undefined;
        fields.push([name, check]);
      }
      return (value) => {
        if (!isRecordObject(value) || Object.hasOwn(value, '__proto__')) return false;
        for (const [name, check] of fields) if (!check(value[name])) return false;
        return true;
      };
    }
    default:
      return undefined;
  }
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
