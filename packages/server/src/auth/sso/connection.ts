import * as client from 'openid-client';
import type { Logger } from '../../logger.js';
import { discoverIssuerOf, issuerCandidates } from './issuer-discovery.js';
import { isLoopback, type ResolvedSso } from './settings.js';

/**
 * How a sign-in is verified. `oidc`: the ID token is checked (issuer, audience, expiry, nonce) against an
 * issuer that was configured or discovered. `userinfo`: no issuer is known (LiteLLM's generic SSO), so no
 * ID token is read; the user is whoever the userinfo endpoint names for the access token.
 */
type SsoMode = { kind: 'oidc'; issuer: string; discovered: boolean } | { kind: 'userinfo' };

export type Connection = { config: client.Configuration; mode: SsoMode };

type ClientDetails = {
  metadata: Partial<client.ClientMetadata>;
  authentication: client.ClientAuth | undefined;
  insecure: (url: URL) => boolean;
};

export function clientDetails(settings: ResolvedSso, clock: () => number): ClientDetails {
  return {
    metadata: {
      ...(settings.clientSecret === undefined ? {} : { client_secret: settings.clientSecret }),
      // Lets the control plane's clock (tests, or a host known to drift) decide what "expired" means.
      [client.clockSkew]: Math.round((clock() - Date.now()) / 1000),
    },
    authentication: settings.clientSecret === undefined ? client.None() : undefined,
    insecure: (url) => url.protocol === 'http:' && isLoopback(url.hostname),
  };
}

function manualConfiguration(
  settings: ResolvedSso,
  details: ClientDetails,
  issuer: string,
  endpoints: { authorization: string; token: string },
): client.Configuration {
  const config = new client.Configuration(
    {
      issuer,
      authorization_endpoint: endpoints.authorization,
      token_endpoint: endpoints.token,
      ...(settings.endpoints.userinfo === undefined
        ? {}
        : { userinfo_endpoint: settings.endpoints.userinfo }),
    },
    settings.clientId,
    details.metadata,
    details.authentication,
  );
  if (details.insecure(new URL(endpoints.token))) client.allowInsecureRequests(config);
  return config;
}

/**
 * Token responses without their ID token: in userinfo mode there is no issuer to check one against, so it is
 * dropped unread rather than half-trusted.
 */
function withoutIdToken(tokenEndpoint: string): client.CustomFetch {
  const target = new URL(tokenEndpoint).href;
  return async (url, options) => {
    // openid-client types the body as a Uint8Array, which the DOM lib (in the bench's program) does not accept.
    const response = await fetch(url, options as Parameters<typeof fetch>[1]);
    if (new URL(url).href !== target || !response.ok) return response;
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => undefined);
    if (typeof body !== 'object' || body === null || !('id_token' in body)) return response;
    const { id_token: _dropped, ...rest } = body as Record<string, unknown>;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(JSON.stringify(rest), { status: response.status, headers });
  };
}

/**
 * The discovered configuration with the endpoints given explicitly in their place. openid-client hands out copies
 * of its metadata, so a changed endpoint means a new Configuration.
 */
function withGivenEndpoints(
  discovered: client.Configuration,
  settings: ResolvedSso,
  details: ClientDetails,
): client.Configuration {
  const server = discovered.serverMetadata();
  const given: Record<string, string | undefined> = {
    authorization_endpoint: settings.endpoints.authorization,
    token_endpoint: settings.endpoints.token,
    userinfo_endpoint: settings.endpoints.userinfo,
  };
  const changed = Object.entries(given).filter(
    ([name, value]) => value !== undefined && value !== server[name as keyof typeof server],
  );
  if (changed.length === 0) return discovered;
  const config = new client.Configuration(
    { ...server, ...Object.fromEntries(changed) },
    settings.clientId,
    details.metadata,
    details.authentication,
  );
  if (details.insecure(new URL(server.issuer))) client.allowInsecureRequests(config);
  return config;
}

/** Sets up the relying party: configured issuer, else discovery beside the authorization endpoint, else userinfo. */
export async function connect(settings: ResolvedSso, details: ClientDetails): Promise<Connection> {
  const { authorization, token } = settings.endpoints;
  const discover = (issuer: URL) =>
    client.discovery(issuer, settings.clientId, details.metadata, details.authentication, {
      ...(details.insecure(issuer) ? { execute: [client.allowInsecureRequests] } : {}),
      timeout: 10,
    });
  if (settings.issuer !== undefined) {
    const config =
      authorization !== undefined && token !== undefined
        ? manualConfiguration(settings, details, settings.issuer, { authorization, token })
        : withGivenEndpoints(await discover(new URL(settings.issuer)), settings, details);
    return { config, mode: { kind: 'oidc', issuer: settings.issuer, discovered: false } };
  }
  if (authorization === undefined || token === undefined)
    throw new TypeError('SSO without an issuer needs the authorization and token endpoints');
  const discovered = await discoverIssuerOf(authorization, discover);
  if (discovered !== null) {
    return {
      config: withGivenEndpoints(discovered, settings, details),
      mode: { kind: 'oidc', issuer: discovered.serverMetadata().issuer, discovered: true },
    };
  }
  // openid-client needs an issuer; in this mode nothing is compared with it (no ID token, no `iss` parameter).
  const config = manualConfiguration(settings, details, new URL(authorization).origin, {
    authorization,
    token,
  });
  config[client.customFetch] = withoutIdToken(token);
  return { config, mode: { kind: 'userinfo' } };
}

export function logMode(logger: Logger, settings: ResolvedSso, mode: SsoMode): void {
  if (mode.kind === 'oidc') {
    logger.info('sso mode: oidc', {
      issuer: mode.issuer,
      issuer_source: mode.discovered ? 'discovered beside the authorization endpoint' : 'configured',
    });
    return;
  }
  logger.warn('sso mode: userinfo', {
    userinfo_endpoint: settings.endpoints.userinfo,
    detail:
      'no OpenID discovery document names the authorization endpoint ' +
      `(looked under ${issuerCandidates(settings.endpoints.authorization ?? '')
        .map((url) => url.href)
        .join(', ')}); ` +
      'users are identified by the userinfo endpoint and ID tokens are not read. ' +
      'Set GENERIC_ISSUER (or general_settings.sso.issuer) to check ID tokens.',
  });
}
