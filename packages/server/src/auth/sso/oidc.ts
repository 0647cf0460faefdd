import * as client from 'openid-client';
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
  /** Completes a sign-in from the callback URL: code exchange (PKCE), state, nonce and ID token checks. */
  complete(callbackUrl: URL, pending: PendingSignIn): Promise<SsoIdentity>;
};

const PENDING_TTL_MS = 10 * 60 * 1000;

/**
 * The OpenID Connect relying party, on `openid-client`. The IdP's metadata is discovered on first use
 * (and again after a failure), so a control plane starts while its IdP is briefly unreachable.
 */
export function createOidcClient(settings: ResolvedSso, clock: () => number): OidcClient {
  let configuration: Promise<client.Configuration> | undefined;
  const configure = async (): Promise<client.Configuration> => {
    // Lets the control plane's clock (tests, or a host known to drift) decide what "expired" means.
    const metadata: Partial<client.ClientMetadata> = {
      ...(settings.clientSecret === undefined ? {} : { client_secret: settings.clientSecret }),
      [client.clockSkew]: Math.round((clock() - Date.now()) / 1000),
    };
    const authentication = settings.clientSecret === undefined ? client.None() : undefined;
    const issuer = new URL(settings.issuer);
    const insecure = issuer.protocol === 'http:' && isLoopback(issuer.hostname);
    if (settings.endpoints.authorization !== undefined && settings.endpoints.token !== undefined) {
      const config = new client.Configuration(
        {
          issuer: settings.issuer,
          authorization_endpoint: settings.endpoints.authorization,
          token_endpoint: settings.endpoints.token,
          ...(settings.endpoints.userinfo === undefined
            ? {}
            : { userinfo_endpoint: settings.endpoints.userinfo }),
        },
        settings.clientId,
        metadata,
        authentication,
      );
      if (insecure) client.allowInsecureRequests(config);
      return config;
    }
    const config = await client.discovery(issuer, settings.clientId, metadata, authentication, {
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
    });
    if (settings.endpoints.userinfo !== undefined) {
      Object.assign(config.serverMetadata(), { userinfo_endpoint: settings.endpoints.userinfo });
    }
    return config;
  };
  const configured = () => {
    configuration ??= configure().catch((error: unknown) => {
      configuration = undefined;
      throw new SsoRefusedError(`The identity provider could not be reached: ${(error as Error).message}`);
    });
    return configuration;
  };

  return {
    async begin(now) {
      const config = await configured();
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
        nonce: pending.nonce,
      });
      return { url: url.href, pending };
    },
    async complete(callbackUrl, pending) {
      const config = await configured();
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw new SsoRefusedError(describeOidcError(error));
      }
      const idClaims = tokens.claims();
      if (idClaims === undefined) throw new SsoRefusedError('The identity provider returned no ID token');
      let claims: Record<string, unknown> = { ...idClaims };
      if (config.serverMetadata().userinfo_endpoint !== undefined) {
        try {
          const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
          claims = { ...userinfo, ...claims };
        } catch (error) {
          throw new SsoRefusedError(`The user's profile could not be read: ${describeOidcError(error)}`);
        }
      }
      return { subject: idClaims.sub, claims };
    },
  };
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
