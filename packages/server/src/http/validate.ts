import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../app-context.js';
import { ApiError, describeZodError, UNSUPPORTED_MEDIA_TYPE } from '../errors.js';
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

/** `application/json`, `application/merge-patch+json`, ... with or without parameters. */
const JSON_MEDIA_TYPE = /^application\/([a-z.+-]*\+)?json\b/i;

/**
 * What runs before a route's body schema (see `route`): a body sent as anything but JSON is 415, an empty
 * one 400, and the text is parsed within the shape limits (`parseLimitedJson`) and refused if it holds a
 * NUL character. Hono's request keeps the text, so the validator that follows parses what was checked here.
 */
export function jsonBodyPreflight(): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const contentType = context.req.header('content-type') || undefined;
    if (contentType !== undefined && !JSON_MEDIA_TYPE.test(contentType))
      throw new ApiError('unsupported_media_type', UNSUPPORTED_MEDIA_TYPE);
    const text = await context.req.text();
    if (text.trim() === '')
      throw new ApiError('invalid_request', 'Request body is empty: send a JSON object');
    if (contentType === undefined) throw new ApiError('unsupported_media_type', UNSUPPORTED_MEDIA_TYPE);
    const value = parseLimitedJson(text, 'Request body is not valid JSON');
    if (containsNul(value))
      throw new ApiError('invalid_request', 'Request body must not contain NUL characters');
    return next();
  };
}

/** Parses path parameters with `schema`. */
export function parseParams<T extends z.ZodType>(context: Context, schema: T): z.output<T> {
  const parsed = schema.safeParse(context.req.param());
  if (!parsed.success) throw new ApiError('invalid_path', describeZodError(parsed.error, 'path'));
  return parsed.data;
}
