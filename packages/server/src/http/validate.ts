import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, describeZodError } from '../errors.js';
import { parseLimitedJson } from './request-limits.js';

/** True when a string or property name anywhere in `value` holds a NUL character (no database stores it). */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (typeof value !== 'object' || value === null || depth > 64) return false;
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  return Object.entries(value).some(
    ([name, item]) => name.includes('\u0000') || containsNul(item, depth + 1),
  );
}

/** Parses the JSON body with `schema`; malformed JSON and schema failures become `invalid_request`. */
export async function parseJsonBody<T extends z.ZodType>(context: Context, schema: T): Promise<z.output<T>> {
  const contentType = context.req.header('content-type') ?? '';
  if (contentType !== '' && !/^application\/([a-z.+-]*\+)?json\b/i.test(contentType)) {
    throw new ApiError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
  }
  const text = await context.req.text();
  const value = text.trim() === '' ? undefined : parseLimitedJson(text, 'Request body is not valid JSON');
  if (containsNul(value))
    throw new ApiError('invalid_request', 'Request body must not contain NUL characters');
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError('invalid_request', describeZodError(parsed.error, 'request body'));
  return parsed.data;
}

/** Parses path parameters with `schema`. */
export function parseParams<T extends z.ZodType>(context: Context, schema: T): z.output<T> {
  const parsed = schema.safeParse(context.req.param());
  if (!parsed.success) throw new ApiError('invalid_path', describeZodError(parsed.error, 'path'));
  return parsed.data;
}
