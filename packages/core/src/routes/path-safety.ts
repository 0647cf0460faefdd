/**
 * The one place that decides what a request path means and whether it is safe to forward. The client's
 * path builder and the control plane's relay both use it, so "a segment that walks out of its route" and
 * "the route a permissive server would see" have a single definition.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Decodes up to `rounds` times; malformed encoding stops decoding (the value is kept as it was). */
export function decodeRepeatedly(value: string, rounds = 2): string {
  let current = value;
  // A bounded number of rounds catches double encoding (`%252e%252e`) without looping on hostile input.
  for (let round = 0; round < rounds; round += 1) {
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

export type UnsafeSegment = 'dot segment' | 'slash' | 'control characters';

/**
 * Why one decoded path segment could leave its route (`.`/`..`, a slash or backslash inside it) or smuggle
 * a header (control characters); null when it is safe.
 */
export function unsafeSegment(decoded: string): UnsafeSegment | null {
  if (decoded === '.' || decoded === '..') return 'dot segment';
  if (decoded.includes('/') || decoded.includes('\\')) return 'slash';
  if (CONTROL_CHARACTERS.test(decoded)) return 'control characters';
  return null;
}

/** Checks a segment as sent and after two decoding rounds (double encoding). */
export function unsafeEncodedSegment(segment: string): UnsafeSegment | null {
  const decoded = segment.includes('%') ? decodeRepeatedly(segment) : segment;
  return unsafeSegment(segment) ?? (decoded === segment ? null : unsafeSegment(decoded));
}

export type NormalisedRoutePath = {
  /** Lower-cased, decoded once, slashes collapsed, dot segments resolved, no trailing slash, no query. */
  path: string;
  /** True when the input used dot segments or backslashes: never treated as a management path. */
  suspicious: boolean;
};

function collapse(decoded: string): NormalisedRoutePath {
  const hasBackslash = decoded.includes('\\');
  let suspicious = hasBackslash;
  const segments: string[] = [];
  const slashed = hasBackslash ? decoded.replace(/\\/g, '/') : decoded;
  for (const segment of slashed.toLowerCase().split('/')) {
    if (segment === '') continue;
    if (segment === '.' || segment === '..') {
      suspicious = true;
      if (segment === '..') segments.pop();
      continue;
    }
    segments.push(segment);
  }
  return { path: `/${segments.join('/')}`, suspicious };
}

function withoutQuery(input: string): string {
  const end = input.search(/[?#]/);
  return end === -1 ? input : input.slice(0, end);
}

/**
 * Normalises a request path the way a permissive HTTP server might interpret it. Returns null when the path
 * cannot be decoded or still contains an encoded slash after one decoding round (double encoding), because
 * such a path has no single meaning.
 */
export function normaliseRoutePath(input: string): NormalisedRoutePath | null {
  if (typeof input !== 'string') return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutQuery(input));
  } catch {
    return null;
  }
  if (/%(2f|5c)/i.test(decoded)) return null;
  return collapse(decoded);
}

/**
 * Every reading of a path a server, proxy or framework could reasonably take: decoded once (what LiteLLM's
 * router sees), decoded twice, and with `;` matrix parameters cut from each segment. A route policy refuses
 * a path when any reading is a spending route. Null when the path cannot be decoded at all.
 */
export function routePathReadings(input: string): string[] | null {
  const raw = withoutQuery(input);
  let once: string;
  try {
    once = raw.includes('%') ? decodeURIComponent(raw) : raw;
  } catch {
    return null;
  }
  const decodings = [once];
  if (once.includes('%')) {
    const twice = decodeRepeatedly(once, 1);
    if (twice !== once) decodings.push(twice);
  }
  const readings: string[] = [];
  for (const decoded of decodings) {
    readings.push(collapse(decoded).path);
    if (decoded.includes(';')) readings.push(collapse(decoded.replace(/;[^/]*/g, '')).path);
  }
  return readings;
}
