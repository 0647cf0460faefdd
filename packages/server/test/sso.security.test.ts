import { parseConfig } from '@llm-control-plane/core';
import { describe, expect, it } from 'vitest';
import { createControlPlane } from '../src/control-plane.js';
import { MASTER_KEY } from './support/fixtures.js';
import { createMemoryStore } from './support/memory-store.js';
import { authorizeAtIdp, browserlessClient } from './support/oidc-provider.js';
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
