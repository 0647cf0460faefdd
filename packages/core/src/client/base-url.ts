/**
 * Splits a worker base URL into origin and path without a trailing slash. Shared by the Node and the
 * browser transports so both refuse the same URLs: only http(s), never embedded credentials.
 */
export function parseHttpBaseUrl(
  baseUrl: string,
  invalidMessage: string,
): { origin: string; basePath: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(invalidMessage);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError('Worker baseUrl must use http or https');
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('Worker baseUrl must not contain credentials');
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}
