/** Property names whose values are credentials; matched case-insensitively, with `-`/`_` ignored. */
const SECRET_KEY_PATTERN =
  /^(key|keys|apikey|masterkey|password|newpassword|passwd|token|accesstoken|refreshtoken|secret|secretkey|clientsecret|authorization|cookie|credential|credentials|litellmmasterkey|apikeyencrypted|passwordhash|vkey|litellmkey|databaseurl)$/;

const REDACTED = '[redacted]';

function isSecretName(name: string): boolean {
  const compact = name.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEY_PATTERN.test(compact) || compact.endsWith('apikey') || compact.endsWith('secret');
}

/**
 * PostgreSQL's JSON types reject NUL characters and unpaired surrogates; a body carrying them must still
 * be auditable, so they are replaced.
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
 * Returns a copy of `value` with credential fields replaced by `[redacted]`, long strings cut and depth
 * bounded, so it can go into the audit log or a log line.
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
