const SECRET_QUERY_PARAMETER = /pass|secret|key|token/i;

/**
 * The database URL with its password (and any secret-looking query parameter) replaced, so it can be
 * named in errors and logs.
 */
export function redactDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Unparseable: keep only what precedes any userinfo so a password cannot leak.
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

/** Removes every occurrence of `secret` (and its URL-encoded form) from `text`. */
export function scrubSecret(text: string, secret: string | undefined): string {
  if (secret === undefined || secret === '') return text;
  let result = text.split(secret).join('***');
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) result = result.split(encoded).join('***');
  return result;
}
