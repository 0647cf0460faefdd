import { useEffect, useState } from 'react';
import type { ControlPlaneApi } from '../api/client.js';
import { SignInForm } from '../components/SignInForm.js';

type SsoOffer = { loginUrl: string; passwordLogin: boolean };

/**
 * Reads the server's LiteLLM discovery document: whether single sign-on is set up, whether to go straight
 * to it, and whether passwords are still accepted. Sends the browser to the IdP when it should.
 */
function useSsoOffer(api: ControlPlaneApi): SsoOffer | undefined {
  const [offer, setOffer] = useState<SsoOffer>();
  useEffect(() => {
    const root = api.apiBase.replace(/\/api\/v1\/?$/, '');
    const controller = new AbortController();
    api
      .fetch(`${root}/.well-known/litellm-ui-config`, { signal: controller.signal })
      .then((response) => (response.ok ? response.json() : null))
      .then(
        (
          config: {
            sso_configured?: boolean;
            auto_redirect_to_sso?: boolean;
            password_login_enabled?: boolean;
          } | null,
        ) => {
          if (config?.sso_configured !== true) return;
          const loginUrl = `${root}/sso/login`;
          if (config.auto_redirect_to_sso === true) window.location.assign(loginUrl);
          else setOffer({ loginUrl, passwordLogin: config.password_login_enabled !== false });
        },
      )
      // Without the document the password form is all there is; it reports its own errors.
      .catch(() => undefined);
    return () => controller.abort();
  }, [api]);
  return offer;
}

export default function LoginPage({
  api,
  onLoggedIn,
}: {
  api: ControlPlaneApi;
  onLoggedIn(): Promise<void>;
}) {
  const sso = useSsoOffer(api);
  return (
    <div className="cp-login">
      <main className="cp-login-card">
        <p className="cp-brand cp-login-brand">
          <span className="cp-brand-mark" aria-hidden="true">
            ◆
          </span>
          LLM Control Plane
        </p>
        <h1>Sign in</h1>
        <p className="cp-hint">One sign-in for every worker in the fleet.</p>
        {sso ? (
          <a className="cp-button cp-button-primary cp-button-block" href={sso.loginUrl}>
            Sign in with SSO
          </a>
        ) : null}
        <SignInForm
          focusUsername
          hidden={sso?.passwordLogin === false}
          onSignIn={async ({ username, password }) => {
            await api.login(username, password);
            await onLoggedIn();
          }}
          errorTitle={(error) => (error.status === 401 ? 'Wrong username or password' : 'Sign-in failed')}
          submitLabel="Sign in"
          busyLabel="Signing in…"
          buttonClassName="cp-button cp-button-primary cp-button-block"
        />
      </main>
    </div>
  );
}
