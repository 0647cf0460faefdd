import type { ValidationIssue } from './errors.js';
import { missingFieldError, validationError } from './errors.js';

/** A parsed JSON object body (unknown fields kept, as LiteLLM echoes many of them back). */
export type JsonObject = { [field: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request body as an object, or the 422 pydantic gives for a non-object body. */
function bodyObject(body: unknown): JsonObject {
  if (body === undefined) {
    throw validationError([{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }]);
  }
  if (!isJsonObject(body)) {
    throw validationError([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: body,
      },
    ]);
  }
  return body;
}

/** Field-by-field pydantic-style checks that collect every issue before failing, like pydantic does. */
export class BodyReader {
  readonly body: JsonObject;
  private readonly issues: ValidationIssue[] = [];

  constructor(body: unknown) {
    this.body = bodyObject(body);
  }

  has(field: string): boolean {
    return this.body[field] !== undefined;
  }

  private issue(field: string, type: string, msg: string): undefined {
    this.issues.push({ type, loc: ['body', field], msg, input: this.body[field] });
    return undefined;
  }

  requiredString(field: string): string {
    const value = this.body[field];
    if (value === undefined) {
      this.issues.push({ type: 'missing', loc: ['body', field], msg: 'Field required', input: this.body });
      return '';
    }
    if (typeof value !== 'string') {
      this.issue(field, 'string_type', 'Input should be a valid string');
      return '';
    }
    return value;
  }

  string(field: string): string | null | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return value;
    if (typeof value !== 'string') return this.issue(field, 'string_type', 'Input should be a valid string');
    return value;
  }

  number(field: string): number | null | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return value;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      return Number(value);
    return this.issue(
      field,
      'float_parsing',
      'Input should be a valid number, unable to parse string as a number',
    );
  }

  integer(field: string): number | null | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return value;
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
    return this.issue(
      field,
      'int_parsing',
      'Input should be a valid integer, unable to parse string as an integer',
    );
  }

  boolean(field: string): boolean | null | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return value;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return this.issue(field, 'bool_parsing', 'Input should be a valid boolean, unable to interpret input');
  }

  stringArray(field: string): string[] | null | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return value;
    if (!Array.isArray(value)) return this.issue(field, 'list_type', 'Input should be a valid list');
    for (const [index, item] of value.entries()) {
      if (typeof item !== 'string') {
        this.issues.push({
          type: 'string_type',
          loc: ['body', field, index],
          msg: 'Input should be a valid string',
          input: item,
        });
        return undefined;
      }
    }
    return value as string[];
  }

  array(field: string): unknown[] | null | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return value;
    if (!Array.isArray(value)) return this.issue(field, 'list_type', 'Input should be a valid list');
    return value;
  }

  object(field: string): JsonObject | null | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return value;
    if (!isJsonObject(value)) return this.issue(field, 'dict_type', 'Input should be a valid dictionary');
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T | null | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return value;
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.issues.push({
        type: 'literal_error',
        loc: ['body', field],
        msg: `Input should be ${allowed.map((item) => `'${item}'`).join(' or ')}`,
        input: value,
        ctx: { expected: allowed.map((item) => `'${item}'`).join(' or ') },
      });
      return undefined;
    }
    return value as T;
  }

  /** Throws the collected 422 if any field failed. */
  done(): void {
    if (this.issues.length > 0) throw validationError(this.issues);
  }
}

type IntegerBounds = { min?: number; max?: number };

/** Integer query parameter with FastAPI's `Query(ge=, le=)` 422s. */
export function queryInteger(
  query: URLSearchParams,
  name: string,
  fallback: number,
  bounds: IntegerBounds = {},
): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) {
    throw validationError([
      {
        type: 'int_parsing',
        loc: ['query', name],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: raw,
      },
    ]);
  }
  const value = Number(raw);
  if (bounds.min !== undefined && value < bounds.min) {
    throw validationError([
      {
        type: 'greater_than_equal',
        loc: ['query', name],
        msg: `Input should be greater than or equal to ${bounds.min}`,
        input: raw,
        ctx: { ge: bounds.min },
      },
    ]);
  }
  if (bounds.max !== undefined && value > bounds.max) {
    throw validationError([
      {
        type: 'less_than_equal',
        loc: ['query', name],
        msg: `Input should be less than or equal to ${bounds.max}`,
        input: raw,
        ctx: { le: bounds.max },
      },
    ]);
  }
  return value;
}

export function queryBoolean(query: URLSearchParams, name: string, fallback = false): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const lowered = raw.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lowered)) return true;
  if (['false', '0', 'no', 'off'].includes(lowered)) return false;
  throw validationError([
    {
      type: 'bool_parsing',
      loc: ['query', name],
      msg: 'Input should be a valid boolean, unable to interpret input',
      input: raw,
    },
  ]);
}

/** Comma-separated list parameter; empty items dropped. */
export function queryList(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  const items = values.flatMap((value) => value.split(',')).map((value) => value.trim());
  const nonEmpty = items.filter((value) => value !== '');
  return nonEmpty.length > 0 ? nonEmpty : undefined;
}

export type Page<T> = { items: T[]; total: number; page: number; size: number; totalPages: number };

/** `total_pages = ceil(total / size)` (0 when empty); out-of-range pages are empty. */
export function paginate<T>(items: readonly T[], page: number, size: number): Page<T> {
  const start = (page - 1) * size;
  return {
    items: items.slice(start, start + size),
    total: items.length,
    page,
    size,
    totalPages: Math.ceil(items.length / size),
  };
}

/**
 * One page of `items` and the counters of LiteLLM's counted-page envelope (`/key/list`, `/key/aliases`,
 * `/v2/model/info`, `/vector_store/list`).
 */
export function countedPage<T>(items: readonly T[], page: number, size: number) {
  const result = paginate(items, page, size);
  const counters = { total_count: result.total, current_page: page, total_pages: result.totalPages };
  return { items: result.items, counters };
}

/** A query parameter FastAPI declares required: absent answers 422 `missing`; an empty value is present. */
export function requiredQuery(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (value === null) throw missingFieldError('query', name, null);
  return value;
}
