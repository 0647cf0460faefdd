import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { ControlPlaneApi } from '../api/client.js';
import { type ApiError, toApiError } from '../api/errors.js';
import { ErrorState } from '../components/States.js';

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
  const usernameId = useId();
  const passwordId = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const usernameInput = useRef<HTMLInputElement>(null);
  useEffect(() => usernameInput.current?.focus(), []);
  const sso = useSsoOffer(api);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.login(username, password);
      await onLoggedIn();
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };

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
        <form
          onSubmit={submit}
          className="cp-form"
          hidden={sso?.passwordLogin === false}
          aria-describedby={error ? 'cp-login-error' : undefined}
        >
          <div className="cp-field">
            <label htmlFor={usernameId}>Username</label>
            <input
              id={usernameId}
              name="username"
              autoComplete="username"
              required
              ref={usernameInput}
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          </div>
          <div className="cp-field">
            <label htmlFor={passwordId}>Password</label>
            <input
              id={passwordId}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          {error ? (
            <div id="cp-login-error">
              <ErrorState
                error={error}
                title={error.status === 401 ? 'Wrong username or password' : 'Sign-in failed'}
                compact
              />
            </div>
          ) : null}
          <button type="submit" className="cp-button cp-button-primary cp-button-block" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </div>
  );
}
