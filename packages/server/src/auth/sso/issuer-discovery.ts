import * as client from 'openid-client';

/** Discovery documents looked for at most, so a deep endpoint path cannot fan out into many requests. */
const MAX_CANDIDATES = 6;

/**
 * The issuer URLs that may describe the server behind an authorization endpoint, most specific first: the
 * endpoint's path prefixes (Keycloak `/realms/<realm>`, Okta `/oauth2/<server>`, Auth0 and Google at the
 * origin), and Entra ID's `/<tenant>/v2.0`, which sits beside `/<tenant>/oauth2/v2.0/authorize`.
 */
export function issuerCandidates(authorizationEndpoint: string): URL[] {
  const endpoint = new URL(authorizationEndpoint);
  const segments = endpoint.pathname.split('/').filter((segment) => segment !== '');
  const paths: string[] = [];
  const oauth2 = segments.indexOf('oauth2');
  if (oauth2 > 0 && segments[oauth2 + 1] === 'v2.0')
    paths.push([...segments.slice(0, oauth2), 'v2.0'].join('/'));
  for (let length = segments.length - 1; length >= 0; length -= 1)
    paths.push(segments.slice(0, length).join('/'));
  return paths.slice(0, MAX_CANDIDATES).map((path) => new URL(`/${path}`, endpoint.origin));
}

/** An HTTP answer that settles it: no usable document there (as opposed to a network failure or a 5xx). */
function answeredWithoutDocument(error: unknown): boolean {
  if (error instanceof client.ResponseBodyError) return error.status < 500;
  if (!(error instanceof client.ClientError)) return false;
  if (error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
    // The cause is the HTTP response (not necessarily this realm's Response class).
    const status = (error.cause as { status?: unknown } | undefined)?.status;
    return typeof status === 'number' && status < 500;
  }
  return [
    'OAUTH_RESPONSE_IS_NOT_JSON',
    'OAUTH_PARSE_ERROR',
    'OAUTH_INVALID_RESPONSE',
    'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
  ].includes(error.code ?? '');
}

/**
 * Finds the OpenID Provider behind a configured authorization endpoint by discovery at each issuer candidate.
 * openid-client accepts a document only when its `issuer` is the URL it was fetched under; on top of that the
 * document must name this very authorization endpoint, so the issuer learnt is the one this server signs as.
 * Resolves to `null` when every candidate answered without such a document; rejects when one could not be
 * asked (network, timeout, 5xx), so a brief outage is not mistaken for "no discovery".
 */
export async function discoverIssuerOf(
  authorizationEndpoint: string,
  discover: (issuer: URL) => Promise<client.Configuration>,
): Promise<client.Configuration | null> {
  const candidates = issuerCandidates(authorizationEndpoint);
  // Origin and path: an endpoint given with extra query parameters (an IdP hint, say) is still the same one.
  const endpointOf = (url: string) => {
    const parsed = new URL(url);
    return parsed.origin + parsed.pathname;
  };
  const expected = endpointOf(authorizationEndpoint);
  const attempts = await Promise.allSettled(candidates.map((candidate) => discover(candidate)));
  for (const attempt of attempts) {
    if (attempt.status !== 'fulfilled') continue;
    const named = attempt.value.serverMetadata().authorization_endpoint;
    if (named !== undefined && endpointOf(named) === expected) return attempt.value;
  }
  for (const attempt of attempts) {
    if (attempt.status === 'rejected' && !answeredWithoutDocument(attempt.reason)) throw attempt.reason;
  }
  return null;
}
