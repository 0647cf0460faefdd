import { parseConfig } from '@llm-control-plane/core';
import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { discoverIssuerOf, issuerCandidates } from '../src/auth/sso/issuer-discovery.js';
import { createControlPlane } from '../src/control-plane.js';
import { createJsonLogger } from '../src/logger.js';
import { MASTER_KEY } from './support/fixtures.js';
import { createMemoryStore } from './support/memory-store.js';
import {
  authorizeAtIdp,
  browserlessClient,
  SSO_CLIENT_ID,
  SSO_CLIENT_SECRET,
  startTestIdp,
} from './support/oidc-provider.js';
import {
  begin,
  expectReplayedCodeRefused,
  expectTamperedStateRefused,
  me,
  ROLE_MAPPINGS,
  signIn,
  startSsoSetup,
} from './support/sso.js';

describe('single sign-on (OpenID Connect)', () => {
  it('signs users in with the role and scope of their groups, in a session cookie', async () => {
    await using setup = await startSsoSetup();
    const discovery = (await (await fetch(`${setup.url}/.well-known/litellm-ui-config`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery).toMatchObject({
      sso_configured: true,
      auto_redirect_to_sso: false,
      password_login_enabled: true,
    });

    const alice = await signIn(setup, 'alice');
    expect(alice.response.status).toBe(303);
    expect(alice.response.headers.get('location')).toBe('/ui/');
    expect(alice.response.headers.getSetCookie().join('\n')).toMatch(
      /cp_session=cp1\..*HttpOnly.*SameSite=Strict/i,
    );
    expect(await me(setup, alice.browser)).toEqual({
      status: 200,
      body: expect.objectContaining({
        subject: 'alice@example.com',
        role: 'admin',
        scope: null,
        token_kind: 'session',
      }),
    });
    const bob = await signIn(setup, 'bob');
    expect((await me(setup, bob.browser)).body).toMatchObject({
      subject: 'bob@example.com',
      role: 'operator',
      scope: { labels: { env: 'prod' } },
    });

    const metrics = await (
      await fetch(`${setup.url}/metrics`, { headers: { authorization: `Bearer ${MASTER_KEY}` } })
    ).text();
    expect(metrics).toContain('control_plane_logins_total{method="sso",outcome="success"} 2');
  });

  it('refuses a tampered state, a replayed code, a wrong nonce and an unmapped user', async () => {
    await using setup = await startSsoSetup();
    const callbackPrefix = `${setup.url}/sso/callback`;

    await expectTamperedStateRefused(setup);
    const callback = await expectReplayedCodeRefused(setup, 'alice');
    // Without the flow cookie the callback is refused before the IdP is asked.
    const noFlow = await fetch(callback, { redirect: 'manual' });
    expect(noFlow.status).toBe(400);
    expect(await noFlow.text()).toContain('Sign-in expired');

    // The IdP issues an ID token for another nonce (same state and PKCE challenge): the nonce check refuses it.
    const nonceBrowser = browserlessClient();
    const authorization = new URL(await begin(setup, nonceBrowser));
    authorization.searchParams.set('nonce', 'nonce-of-another-sign-in');
    const nonceCallback = await authorizeAtIdp(nonceBrowser, authorization.href, 'alice', callbackPrefix);
    const wrongNonce = await nonceBrowser.get(nonceCallback);
    expect(wrongNonce.status).toBe(400);
    expect(await wrongNonce.text()).toMatch(/nonce/i);
    expect(nonceBrowser.cookies(setup.url).has('cp_session')).toBe(false);

    const carol = await signIn(setup, 'carol');
    expect(carol.response.status).toBe(403);
    expect(carol.body).toContain('No access to this control plane');
    expect(carol.body).toContain('carol@example.com');
    expect(carol.body).toContain('(marketing)');
    const nobody = await signIn(setup, 'dave');
    expect(nobody.response.status).toBe(403);
    expect(nobody.body).toContain('no &#34;groups&#34; claim');
    expect(nobody.browser.cookies(setup.url).has('cp_session')).toBe(false);

    const metrics = await (
      await fetch(`${setup.url}/metrics`, { headers: { authorization: `Bearer ${MASTER_KEY}` } })
    ).text();
    expect(metrics).toMatch(/control_plane_logins_total\{method="sso",outcome="failure"\} [56]/);
  });

  it('refuses an expired ID token', async () => {
    // The control plane's clock is two hours ahead: the IdP's five-minute ID token has expired for it.
    await using setup = await startSsoSetup({ now: () => Date.now() + 2 * 3_600_000 });
    const expired = await signIn(setup, 'alice');
    expect(expired.response.status).toBe(400);
    expect(expired.body).toMatch(/Sign-in refused.*&#34;exp&#34;.*expiration is past/s);
    expect(expired.browser.cookies(setup.url).has('cp_session')).toBe(false);
  });

  it('refuses an incomplete or contradictory SSO configuration at start-up', async () => {
    const start = (generalSettings: Record<string, unknown>, env: Record<string, string> = {}) =>
      createControlPlane({
        config: parseConfig(
          JSON.stringify({ general_settings: { master_key: MASTER_KEY, ...generalSettings } }),
        ).config,
        store: createMemoryStore(),
        uiAssetsDir: false,
        env,
      });
    await expect(start({}, { GENERIC_CLIENT_ID: 'x' })).rejects.toThrow(
      /general_settings\.sso is missing.*role_mappings/,
    );
    await expect(start({ sso: { role_mappings: ROLE_MAPPINGS } })).rejects.toThrow(
      /client_id \(or GENERIC_CLIENT_ID\).*issuer.*PROXY_BASE_URL/,
    );
    await expect(
      start({
        control_plane_url: 'http://cp.example.com',
        sso: { issuer: 'http://idp.example.com', client_id: 'x', role_mappings: ROLE_MAPPINGS },
      }),
    ).rejects.toThrow(/issuer must be an https URL/);
    expect(() =>
      parseConfig(
        JSON.stringify({
          general_settings: {
            sso: { role_mappings: [{ group: 'g', role: 'admin', scope: { workers: ['a'] } }] },
          },
        }),
      ),
    ).toThrow(/general_settings\.sso\.role_mappings\[0\]\.scope.*admin mapping cannot have a scope/);
    expect(() =>
      parseConfig(
        JSON.stringify({ general_settings: { sso: { role_mappings: [{ group: 'g', role: 'owner' }] } } }),
      ),
    ).toThrow(/role must be admin, operator or viewer/);
  });
});

/** A LiteLLM admin's generic-SSO environment: no issuer anywhere, the callback URL from PROXY_BASE_URL. */
function litellmEnv(issuer: string, url: string): Record<string, string> {
  return {
    GENERIC_CLIENT_ID: SSO_CLIENT_ID,
    GENERIC_CLIENT_SECRET: SSO_CLIENT_SECRET,
    GENERIC_AUTHORIZATION_ENDPOINT: `${issuer}/auth`,
    GENERIC_TOKEN_ENDPOINT: `${issuer}/token`,
    GENERIC_USERINFO_ENDPOINT: `${issuer}/me`,
    GENERIC_SCOPE: 'openid email groups',
    PROXY_BASE_URL: url,
  };
}

function logCollector() {
  const lines: Record<string, unknown>[] = [];
  const logger = createJsonLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe("single sign-on with LiteLLM's GENERIC_* variables alone", () => {
  it('finds the issuer by discovery beside the authorization endpoint and checks ID tokens', async () => {
    const { logger, lines } = logCollector();
    // Served under a path, as Keycloak serves a realm: the issuer is a prefix of the endpoints, not the origin.
    await using setup = await startSsoSetup({
      idp: { mountPath: '/realms/ops' },
      sso: { password_login: false },
      generalSettings: { auto_redirect_ui_login_to_sso: true, control_plane_url: undefined },
      // An endpoint given explicitly wins over the discovered one.
      env: (issuer, url) => ({
        ...litellmEnv(issuer, url),
        GENERIC_USERINFO_ENDPOINT: `${issuer}/me?from=env`,
      }),
      logger,
    });
    const discovery = (await (await fetch(`${setup.url}/.well-known/litellm-ui-config`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery).toMatchObject({
      sso_configured: true,
      auto_redirect_to_sso: true,
      password_login_enabled: false,
    });
    const browser = browserlessClient();
    const authorization = new URL(await begin(setup, browser));
    expect(authorization.origin + authorization.pathname).toBe(`${setup.idp.issuer}/auth`);
    expect(authorization.searchParams.get('scope')).toBe('openid email groups');
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${setup.url}/sso/callback`);
    expect(authorization.searchParams.get('nonce')).toMatch(/.{20,}/);
    const bob = await signIn(setup, 'bob', browser);
    expect(bob.response.status).toBe(303);
    expect((await me(setup, bob.browser)).body).toMatchObject({
      subject: 'bob@example.com',
      role: 'operator',
      scope: { labels: { env: 'prod' } },
    });
    expect(setup.idp.requests).toContain('GET /realms/ops/me?from=env');
    expect(setup.idp.requests).toContain('GET /realms/ops/.well-known/openid-configuration');
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: 'sso mode: oidc',
        issuer: setup.idp.issuer,
        issuer_source: 'discovered beside the authorization endpoint',
      }),
    );

    // The discovered issuer is enforced: an ID token for another nonce is refused.
    const nonceBrowser = browserlessClient();
    const forged = new URL(await begin(setup, nonceBrowser));
    forged.searchParams.set('nonce', 'nonce-of-another-sign-in');
    const callback = await authorizeAtIdp(nonceBrowser, forged.href, 'alice', `${setup.url}/sso/callback`);
    const wrongNonce = await nonceBrowser.get(callback);
    expect(wrongNonce.status).toBe(400);
    expect(await wrongNonce.text()).toMatch(/nonce/i);
    expect(nonceBrowser.cookies(setup.url).has('cp_session')).toBe(false);

    const password = await fetch(`${setup.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: MASTER_KEY }),
    });
    expect(password.status).toBe(403);
    expect(((await password.json()) as { error: { message: string } }).error.message).toContain('/sso/login');
  });

  it('signs in by the userinfo endpoint when no discovery document exists, and still refuses', async () => {
    const { logger, lines } = logCollector();
    // No discovery anywhere, and ID tokens name an issuer (…/tenant) the control plane cannot know.
    await using setup = await startSsoSetup({
      idp: { mountPath: '/tenant', discovery: false },
      generalSettings: { control_plane_url: undefined },
      env: litellmEnv,
      logger,
    });
    const browser = browserlessClient();
    const authorization = new URL(await begin(setup, browser));
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('state')).toMatch(/.{20,}/);
    expect(authorization.searchParams.has('nonce')).toBe(false);

    const alice = await signIn(setup, 'alice', browser);
    expect(alice.response.status).toBe(303);
    expect(alice.callback).toContain('iss=');
    expect((await me(setup, alice.browser)).body).toMatchObject({
      subject: 'alice@example.com',
      role: 'admin',
    });
    const bob = await signIn(setup, 'bob');
    expect((await me(setup, bob.browser)).body).toMatchObject({
      role: 'operator',
      scope: { labels: { env: 'prod' } },
    });
    const modeLines = lines.filter((line) => String(line.message).startsWith('sso mode'));
    expect(modeLines).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'sso mode: userinfo',
        userinfo_endpoint: `${setup.idp.issuer}/me`,
        detail: expect.stringContaining('Set GENERIC_ISSUER'),
      }),
    ]);

    await expectTamperedStateRefused(setup);
    await expectReplayedCodeRefused(setup, 'bob');

    const carol = await signIn(setup, 'carol');
    expect(carol.response.status).toBe(403);
    expect(carol.body).toContain('No access to this control plane');
    expect(carol.body).toContain('(marketing)');
    expect(carol.browser.cookies(setup.url).has('cp_session')).toBe(false);
  });

  it('refuses, at start-up, generic variables that leave the user unidentifiable', async () => {
    const start = (env: Record<string, string>) =>
      createControlPlane({
        config: parseConfig(
          JSON.stringify({
            general_settings: { master_key: MASTER_KEY, sso: { role_mappings: ROLE_MAPPINGS } },
          }),
        ).config,
        store: createMemoryStore(),
        uiAssetsDir: false,
        env,
      });
    const { GENERIC_USERINFO_ENDPOINT: _userinfo, ...withoutUserinfo } = litellmEnv(
      'https://idp.example.com',
      'https://cp.example.com',
    );
    await expect(start(withoutUserinfo)).rejects.toThrow(
      /issuer \(or GENERIC_ISSUER\) for discovery, or all of .*GENERIC_USERINFO_ENDPOINT/,
    );
    await expect(
      start({ ...litellmEnv('http://idp.example.com', 'https://cp.example.com') }),
    ).rejects.toThrow(/authorization must be an https URL/);
  });

  it('takes a discovery document only for this authorization endpoint, and tells an outage from its absence', async () => {
    const discover = (issuer: URL) =>
      client.discovery(issuer, SSO_CLIENT_ID, SSO_CLIENT_SECRET, undefined, {
        execute: [client.allowInsecureRequests],
      });
    const idp = await startTestIdp({}, { mountPath: '/realms/ops' });
    idp.start('http://127.0.0.1:1/sso/callback');
    try {
      const found = await discoverIssuerOf(`${idp.issuer}/auth?ui_locales=en`, discover);
      expect(found?.serverMetadata().issuer).toBe(idp.issuer);
      // The realm's document names another authorization endpoint: its issuer is not this server's.
      expect(await discoverIssuerOf(`${idp.issuer}/elsewhere/auth`, discover)).toBeNull();
    } finally {
      await idp.close();
    }
    // Nobody answers: an outage, not "no discovery", so the caller tries again later.
    await expect(discoverIssuerOf(`${idp.issuer}/auth`, discover)).rejects.toThrow(/fetch failed/);
  });

  it('looks for the issuer under the prefixes of the authorization endpoint, most specific first', () => {
    const hrefs = (endpoint: string) => issuerCandidates(endpoint).map((url) => url.href);
    expect(hrefs('https://kc.example.com/realms/ops/protocol/openid-connect/auth')).toEqual([
      'https://kc.example.com/realms/ops/protocol/openid-connect',
      'https://kc.example.com/realms/ops/protocol',
      'https://kc.example.com/realms/ops',
      'https://kc.example.com/realms',
      'https://kc.example.com/',
    ]);
    expect(hrefs('https://acme.okta.com/oauth2/default/v1/authorize')).toContain(
      'https://acme.okta.com/oauth2/default',
    );
    expect(hrefs('https://login.microsoftonline.com/0f0e/oauth2/v2.0/authorize')[0]).toBe(
      'https://login.microsoftonline.com/0f0e/v2.0',
    );
    expect(hrefs('https://acme.eu.auth0.com/authorize')).toEqual(['https://acme.eu.auth0.com/']);
  });
});
