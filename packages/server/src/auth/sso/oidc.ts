import * as client from 'openid-client';
import type { Logger } from '../../logger.js';
import { discoverIssuerOf, issuerCandidates } from './issuer-discovery.js';
import { isLoopback, type ResolvedSso } from './settings.js';

/** What the browser must bring back to the callback; kept in a signed, HttpOnly cookie meanwhile. */
export type PendingSignIn = { state: string; nonce: string; verifier: string; expiresAt: number };

type SsoIdentity = { subject: string; claims: Record<string, unknown> };

/** A sign-in the IdP or the browser got wrong; the message is shown on the refusal page. */
export class SsoRefusedError extends Error {
  override readonly name = 'SsoRefusedError';
}

export type OidcClient = {
  /** Starts a sign-in: the IdP URL to send the browser to, and what to remember until it comes back. */
  begin(now: number): Promise<{ url: string; pending: PendingSignIn }>;
  /** Completes a sign-in from the callback URL: code exchange (PKCE) and state, then the mode's identity checks. */
  complete(callbackUrl: URL, pending: PendingSignIn): Promise<SsoIdentity>;
};

const PENDING_TTL_MS = 10 * 60 * 1000;

/**
 * How a sign-in is verified. `oidc`: the ID token is checked (issuer, audience, expiry, nonce) against an
 * issuer that was configured or discovered. `userinfo`: no issuer is known (LiteLLM's generic SSO), so no
 * ID token is read; the user is whoever the userinfo endpoint names for the access token.
 */
type SsoMode = { kind: 'oidc'; issuer: string; discovered: boolean } | { kind: 'userinfo' };

type Connection = { config: client.Configuration; mode: SsoMode };

type ClientDetails = {
  metadata: Partial<client.ClientMetadata>;
  authentication: client.ClientAuth | undefined;
  insecure: (url: URL) => boolean;
};

function clientDetails(settings: ResolvedSso, clock: () => number): ClientDetails {
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
    const response = await fetch(url, options);
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
async function connect(settings: ResolvedSso, details: ClientDetails): Promise<Connection> {
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

function logMode(logger: Logger, settings: ResolvedSso, mode: SsoMode): void {
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

/**
 * The OpenID Connect relying party, on `openid-client`. The IdP is set up on first use (and again after a
 * failure), so a control plane starts while its IdP is briefly unreachable; the mode is logged once known.
 */
export function createOidcClient(settings: ResolvedSso, clock: () => number, logger: Logger): OidcClient {
  const details = clientDetails(settings, clock);
  let connection: Promise<Connection> | undefined;
  const connected = () => {
    connection ??= connect(settings, details).then(
      (established) => {
        logMode(logger, settings, established.mode);
        return established;
      },
      (error: unknown) => {
        connection = undefined;
        throw new SsoRefusedError(`The identity provider could not be reached: ${describeOidcError(error)}`);
      },
    );
    return connection;
  };

  return {
    async begin(now) {
      const { config, mode } = await connected();
      const verifier = client.randomPKCECodeVerifier();
      const pending: PendingSignIn = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier,
        expiresAt: now + PENDING_TTL_MS,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scope,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        // Only an ID token carries the nonce back; in userinfo mode none is read.
        ...(mode.kind === 'oidc' ? { nonce: pending.nonce } : {}),
      });
      return { url: url.href, pending };
    },
    async complete(callbackUrl, pending) {
      const { config, mode } = await connected();
      return mode.kind === 'oidc'
        ? completeWithIdToken(config, callbackUrl, pending)
        : completeWithUserinfo(config, callbackUrl, pending);
    },
  };
}

async function exchangeCode(
  config: client.Configuration,
  callbackUrl: URL,
  checks: client.AuthorizationCodeGrantChecks,
): Promise<Awaited<ReturnType<typeof client.authorizationCodeGrant>>> {
  try {
    return await client.authorizationCodeGrant(config, callbackUrl, checks);
  } catch (error) {
    throw new SsoRefusedError(describeOidcError(error));
  }
}

async function userinfoOf(
  config: client.Configuration,
  accessToken: string,
  subject: string | typeof client.skipSubjectCheck,
): Promise<Record<string, unknown> & { sub: string }> {
  try {
    return await client.fetchUserInfo(config, accessToken, subject);
  } catch (error) {
    throw new SsoRefusedError(`The user's profile could not be read: ${describeOidcError(error)}`);
  }
}

/** Code exchange (PKCE, state), then the ID token's issuer, audience, expiry and nonce; userinfo adds claims. */
async function completeWithIdToken(
  config: client.Configuration,
  callbackUrl: URL,
  pending: PendingSignIn,
): Promise<SsoIdentity> {
  const tokens = await exchangeCode(config, callbackUrl, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (idClaims === undefined) throw new SsoRefusedError('The identity provider returned no ID token');
  let claims: Record<string, unknown> = { ...idClaims };
  if (config.serverMetadata().userinfo_endpoint !== undefined) {
    claims = { ...(await userinfoOf(config, tokens.access_token, idClaims.sub)), ...claims };
  }
  return { subject: idClaims.sub, claims };
}

/**
 * Code exchange (PKCE, state) at the configured token endpoint, then the user as the userinfo endpoint names
 * them for that access token, as LiteLLM's generic SSO does.
 */
async function completeWithUserinfo(
  config: client.Configuration,
  callbackUrl: URL,
  pending: PendingSignIn,
): Promise<SsoIdentity> {
  // No issuer is known to compare the `iss` response parameter (RFC 9207) with; it defends against mix-up
  // between several IdPs, and this relying party talks to exactly one.
  const parameters = new URL(callbackUrl);
  parameters.searchParams.delete('iss');
  const tokens = await exchangeCode(config, parameters, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    idTokenExpected: false,
  });
  const userinfo = await userinfoOf(config, tokens.access_token, client.skipSubjectCheck);
  return { subject: userinfo.sub, claims: { ...userinfo } };
}

/** openid-client's message, without the response body (which may echo tokens). */
function describeOidcError(error: unknown): string {
  if (error instanceof client.ResponseBodyError) {
    return `the identity provider refused: ${error.error}${error.error_description ? ` (${error.error_description})` : ''}`;
  }
  if (error instanceof client.AuthorizationResponseError) {
    return `the identity provider refused: ${error.error}${error.error_description ? ` (${error.error_description})` : ''}`;
  }
  if (!(error instanceof Error)) return String(error);
  // openid-client wraps the specific check that failed ("unexpected "state" ...") as the cause.
  const cause = error.cause;
  if (cause instanceof Error && cause.message !== error.message)
    return `${error.message}: ${describeOidcError(cause)}`;
  const claim = (cause as { claim?: unknown } | undefined)?.claim;
  return typeof claim === 'string' ? `${error.message} (claim "${claim}")` : error.message;
}
