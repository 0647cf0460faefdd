import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-context.js';
import { ApiError } from '../errors.js';

/** Largest request body accepted on the API: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Shape limits of JSON request bodies and query strings. A body inside them is parsed once and can be
 * walked recursively anywhere downstream (redaction, auditing, serialising to a worker) without risk.
 */
export const REQUEST_LIMITS = {
  /** Nesting of objects and arrays. LiteLLM management bodies nest a handful of levels. */
  maxJsonDepth: 64,
  /** Elements of one JSON array. */
  maxArrayLength: 10_000,
  /** Characters of one JSON string (as sent, escapes included) or property name. */
  maxStringLength: 65_536,
  /** Characters of the raw query string after `?`. */
  maxQueryLength: 8192,
  /** Values of one query parameter name. */
  maxQueryRepeats: 32,
} as const;

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/**
 * Checks nesting, array lengths and string lengths of a JSON text in one pass over the raw characters,
 * before `JSON.parse` builds anything: a 5,000-deep or million-element body is refused without being
 * materialised. The text is not validated here; JSON.parse does that once it is known to be small in shape.
 */
export function assertJsonShape(text: string, what = 'Request body'): void {
  const { maxJsonDepth, maxArrayLength, maxStringLength } = REQUEST_LIMITS;
  // Element counts of the open containers; -1 marks an object (its members are not counted).
  const counts: number[] = [];
  let stringStart = -1;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (stringStart >= 0) {
      if (code === BACKSLASH) index += 1;
      else if (code === QUOTE) {
        if (index - stringStart - 1 > maxStringLength) throw tooLongString(what);
        stringStart = -1;
      }
      continue;
    }
    if (code === QUOTE) stringStart = index;
    else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (counts.length >= maxJsonDepth) {
        throw new ApiError(
          'body_too_deep',
          `${what} nests objects and arrays more than ${maxJsonDepth} levels deep`,
        );
      }
      counts.push(code === OPEN_ARRAY ? 0 : -1);
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) counts.pop();
    else if (code === COMMA) {
      const top = counts.length - 1;
      const count = counts[top] ?? -1;
      if (count >= 0) {
        // n commas separate n + 1 elements.
        if (count + 1 >= maxArrayLength) {
          throw new ApiError(
            'body_array_too_long',
            `${what} has an array of more than ${maxArrayLength} elements`,
          );
        }
        counts[top] = count + 1;
      }
    }
  }
  if (stringStart >= 0 && text.length - stringStart - 1 > maxStringLength) throw tooLongString(what);
}

function tooLongString(what: string): ApiError {
  return new ApiError(
    'body_string_too_long',
    `${what} has a string longer than ${REQUEST_LIMITS.maxStringLength} characters`,
  );
}

/** Checks the shape limits, then parses; malformed JSON becomes `invalid_request` with `malformed`. */
export function parseLimitedJson(text: string, malformed: string): unknown {
  assertJsonShape(text);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid_request', malformed);
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * Refuses a raw query string (without `?`) that is too long, repeats a name too often or hides control
 * characters; returns it parsed, so that a caller who needs the parameters does not parse it twice.
 */
export function assertQueryShape(rawQuery: string): URLSearchParams {
  const { maxQueryLength, maxQueryRepeats } = REQUEST_LIMITS;
  if (rawQuery.length > maxQueryLength) {
    throw new ApiError('query_too_long', `The query string is longer than ${maxQueryLength} characters`);
  }
  const query = new URLSearchParams(rawQuery);
  const repeats = new Map<string, number>();
  for (const [name, value] of query) {
    if (CONTROL_CHARACTERS.test(name) || CONTROL_CHARACTERS.test(value)) {
      throw new ApiError(
        'query_invalid_character',
        'Query parameter names and values must not contain control characters',
      );
    }
    const seen = (repeats.get(name) ?? 0) + 1;
    if (seen > maxQueryRepeats) {
      throw new ApiError(
        'query_too_many_values',
        `The query parameter '${name.slice(0, 64)}' is repeated more than ${maxQueryRepeats} times`,
      );
    }
    repeats.set(name, seen);
  }
  return query;
}

/** Applies {@link assertQueryShape} to every request that has a query string (most have none). */
export function queryLimits(): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const url = context.req.url;
    const start = url.indexOf('?');
    if (start >= 0) {
      const hash = url.indexOf('#', start);
      assertQueryShape(url.slice(start + 1, hash < 0 ? undefined : hash));
    }
    return next();
  };
}
