/**
 * Builds request paths. Parameters are percent-encoded one segment each and refused when they
 * could walk out of the intended route (`..`, `/`, encoded traversal), so a key or team id
 * taken from user input can never reach another endpoint.
 */

export class InvalidPathError extends TypeError {
  constructor(reason: string) {
    super(`Invalid request path: ${reason}`);
    this.name = 'InvalidPathError';
  }
}

function decodeRepeatedly(value: string): string {
  let current = value;
  // Two rounds catch double encoding (`%252e%252e`) without looping on hostile input.
  for (let round = 0; round < 2; round += 1) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (decoded === current) return current;
    current = decoded;
  }
  return current;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Encodes one path parameter; the value itself is never echoed in the error (it may be a key). */
export function encodePathParameter(value: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidPathError('a path parameter is empty');
  }
  const decoded = decodeRepeatedly(value);
  for (const candidate of [value, decoded]) {
    if (candidate === '.' || candidate === '..')
      throw new InvalidPathError('a path parameter is a dot segment');
    if (candidate.includes('/') || candidate.includes('\\')) {
      throw new InvalidPathError('a path parameter contains a slash');
    }
    if (CONTROL_CHARACTERS.test(candidate)) {
      throw new InvalidPathError('a path parameter contains control characters');
    }
  }
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
    const decoded = decodeRepeatedly(segment);
    if (decoded === '.' || decoded === '..') throw new InvalidPathError('contains a dot segment');
    if (decoded.includes('/') || decoded.includes('\\'))
      throw new InvalidPathError('contains an encoded slash');
    if (CONTROL_CHARACTERS.test(decoded)) throw new InvalidPathError('contains encoded control characters');
  });
  return value;
}

type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type QueryParameters = Record<string, QueryValue> | URLSearchParams;

/** Serialises query parameters; arrays repeat the name (FastAPI list parameters). */
export function buildQueryString(query: QueryParameters | undefined): string {
  if (query === undefined) return '';
  const search = query instanceof URLSearchParams ? new URLSearchParams(query) : new URLSearchParams();
  if (!(query instanceof URLSearchParams)) {
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
