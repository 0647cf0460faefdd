/**
 * Redaction, in one place for every package: what replaces a secret, which property names hold secrets,
 * and how a known secret, a structured value or a URL is made safe to log, store or answer.
 */

/** What a secret is replaced with in values, messages and logs. */
export const REDACTED = '[redacted]';

/** Property names whose values are credentials; matched case-insensitively, with `-`/`_` ignored. */
const SECRET_NAME =
  /^(key|keys|apikey|masterkey|password|newpassword|passwd|token|accesstoken|refreshtoken|secret|secretkey|clientsecret|authorization|cookie|credential|credentials|litellmmasterkey|apikeyencrypted|passwordhash|vkey|litellmkey|databaseurl)$/;

/** True for property names such as `api_key`, `Authorization` or `client-secret`. */
export function isSecretName(name: string): boolean {
  const compact = name.toLowerCase().replace(/[-_]/g, '');
  return SECRET_NAME.test(compact) || compact.endsWith('apikey') || compact.endsWith('secret');
}

/**
 * PostgreSQL's JSON types reject NUL characters and unpaired surrogates; a value carrying them must still
 * be storable, so they are replaced.
 */
function storable(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what must be replaced
    /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

/** A credential-looking string (LiteLLM virtual keys start with `sk-`). */
function looksLikeKey(value: string): boolean {
  return /^sk-[A-Za-z0-9_-]{6,}/.test(value);
}

/**
 * A copy of `value` with credential fields and key-shaped strings replaced by `[redacted]`, long strings
 * cut and depth bounded, so it can go into an audit log or a log line.
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    if (looksLikeKey(value)) return REDACTED;
    return storable(value.length > 500 ? `${value.slice(0, 500)}…` : value);
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= 6) return '[truncated]';
  if (Array.isArray(value)) {
    const items = value.slice(0, 50).map((item) => redactValue(item, depth + 1));
    if (value.length > 50) items.push(`[${value.length - 50} more]`);
    return items;
  }
  const copy: Record<string, unknown> = {};
  let count = 0;
  for (const [name, item] of Object.entries(value)) {
    count += 1;
    if (count > 100) {
      copy['…'] = '[truncated]';
      break;
    }
    copy[name] =
      isSecretName(name) && item !== null && item !== undefined ? REDACTED : redactValue(item, depth + 1);
  }
  return copy;
}

/** Replaces every occurrence of one known secret, so it cannot leak through echoed text. */
export type Redactor = {
  text(value: string): string;
  value<T>(value: T): T;
  /** Also redacts `secret` from now on (a session key obtained after the client was built). */
  add(secret: string): void;
};

export type RedactorOptions = {
  /** @default '[redacted]' */
  replacement?: string;
  /**
   * Shorter secrets are ignored: they would redact ordinary words, and worker credentials are far longer.
   * Lower it for secrets that must never show whatever their length (a database password). @default 4
   */
  minLength?: number;
};

/** A redactor of `secret` (and its URL-encoded form) in strings and, deeply, in structured values. */
export function createRedactor(secret: string | undefined, options: RedactorOptions = {}): Redactor {
  const replacement = options.replacement ?? REDACTED;
  const minLength = options.minLength ?? 4;
  const forms: string[] = [];
  const add = (value: string | undefined) => {
    if (typeof value !== 'string' || value === '' || value.length < minLength) return;
    for (const form of [value, encodeURIComponent(value)]) if (!forms.includes(form)) forms.push(form);
  };
  add(secret);
  const text = (value: string): string => {
    // Indexed, not for-of: this runs on every response body of the relay's hot path.
    let result = value;
    for (let index = 0; index < forms.length; index += 1) {
      const form = forms[index] as string;
      if (result.includes(form)) result = result.split(form).join(replacement);
    }
    return result;
  };
  const deep = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value);
    if (forms.length === 0 || depth > 32 || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => deep(item, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) copy[text(name)] = deep(item, depth + 1);
    return copy;
  };
  return { text, value: <T>(value: T): T => deep(value, 0) as T, add };
}

const SECRET_QUERY_PARAMETER = /pass|secret|key|token/i;

/**
 * The URL with its password (and any secret-looking query parameter) replaced by `***`, so it can be
 * named in errors and logs. An unparseable URL keeps only what follows its userinfo.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? '';
    const afterAt = url.includes('@') ? url.slice(url.lastIndexOf('@') + 1) : url.slice(scheme.length);
    return `${scheme}${url.includes('@') ? '***@' : ''}${afterAt.replace(/\?.*$/, '')}`;
  }
  if (parsed.password !== '') parsed.password = '***';
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_QUERY_PARAMETER.test(name)) parsed.searchParams.set(name, '***');
  }
  return parsed.toString();
}
