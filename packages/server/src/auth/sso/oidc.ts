import * as client from 'openid-client';
import type { Logger } from '../../logger.js';
import { type Connection, clientDetails, connect, logMode } from './connection.js';
import type { ResolvedSso } from './settings.js';

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
