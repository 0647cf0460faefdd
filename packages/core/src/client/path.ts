/**
 * Builds request paths. Parameters are percent-encoded one segment each and refused when they
 * could walk out of the intended route (`..`, `/`, encoded traversal), so a key or team id
 * taken from user input can never reach another endpoint.
 */

import { CONTROL_CHARACTERS, unsafeEncodedSegment } from '../routes/path-safety.js';

export class InvalidPathError extends TypeError {
  constructor(reason: string) {
    super(`Invalid request path: ${reason}`);
    this.name = 'InvalidPathError';
  }
}

/** Encodes one path parameter; the value itself is never echoed in the error (it may be a key). */
export function encodePathParameter(value: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidPathError('a path parameter is empty');
  }
  const unsafe = unsafeEncodedSegment(value);
  if (unsafe === 'dot segment') throw new InvalidPathError('a path parameter is a dot segment');
  if (unsafe === 'slash') throw new InvalidPathError('a path parameter contains a slash');
  if (unsafe !== null) throw new InvalidPathError('a path parameter contains control characters');
  return encodeURIComponent(value);
}

/** Tagged template: path`/key/${key}/regenerate` encodes and checks every interpolated value. */
export function path(strings: TemplateStringsArray, ...parameters: string[]): string {
  let result = strings[0] ?? '';
  parameters.forEach((parameter, index) => {
    result += encodePathParameter(parameter) + (strings[index + 1] ?? '');
  });
  return result;
}

/** A route template (`/guardrails/{guardrail_id}`) with its parameter filled in, encoded and checked. */
export function fillRoute(route: string, value: string): string {
  return route.replace(/\{[^}]+\}/, () => encodePathParameter(value));
}

/**
 * Checks a complete path handed to `raw()`: absolute, no empty or dot segments (also when
 * percent-encoded), no encoded slashes, no query or fragment (those go in `query`).
 */
export function assertSafePath(value: string): string {
  if (typeof value !== 'string' || !value.startsWith('/')) throw new InvalidPathError('must begin with "/"');
  if (value.includes('?') || value.includes('#')) throw new InvalidPathError('must not contain "?" or "#"');
  if (value.includes('\\') || CONTROL_CHARACTERS.test(value)) {
    throw new InvalidPathError('contains a backslash or control characters');
  }
  if (value === '/') return value;
  const segments = value.slice(1).split('/');
  segments.forEach((segment, index) => {
    const isTrailing = index === segments.length - 1;
    if (segment === '' && !isTrailing) throw new InvalidPathError('contains an empty segment');
    const unsafe = unsafeEncodedSegment(segment);
    if (unsafe === 'dot segment') throw new InvalidPathError('contains a dot segment');
    if (unsafe === 'slash') throw new InvalidPathError('contains an encoded slash');
    if (unsafe !== null) throw new InvalidPathError('contains encoded control characters');
  });
  return value;
}

type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type QueryParameters = Record<string, QueryValue> | URLSearchParams;

/** Serialises query parameters; arrays repeat the name (FastAPI list parameters). */
export function buildQueryString(query: QueryParameters | undefined): string {
  if (query === undefined) return '';
  let search = query;
  if (!(search instanceof URLSearchParams)) {
    search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) {
        for (const item of value) search.append(name, String(item));
      } else {
        search.append(name, String(value));
      }
    }
  }
  const text = search.toString();
  return text.length > 0 ? `?${text}` : '';
}
