import '../styles/app.css';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { createApiClient } from '../api/client.js';
import type { Principal } from '../api/contract.js';
import { type ApiError, toApiError } from '../api/errors.js';
import { ErrorState, Loading } from '../components/States.js';
import { type ControlPlaneOptions, resolveOptions } from './config.js';
import { RouterProvider, useRouter } from './router.js';
import { Shell } from './Shell.js';
import { useTheme } from './theme.js';

const LoginPage = lazy(() => import('../pages/LoginPage.js'));

export type ControlPlaneAppProps = Partial<ControlPlaneOptions>;

type AuthState =
  | { status: 'checking' }
  | { status: 'signed-in'; principal: Principal }
  | { status: 'signed-out' }
  | { status: 'error'; error: ApiError };

/**
 * The whole admin UI. Standalone it reads its options from the server's `cp-config` meta tag;
 * embedded, the props win (`apiBase`, `basePath`, `fetch`).
 */
export function ControlPlaneApp({ apiBase, basePath, fetch }: ControlPlaneAppProps) {
  const options = useMemo(
    () =>
      resolveOptions({ apiBase, basePath, fetch }, typeof document === 'undefined' ? undefined : document),
    [apiBase, basePath, fetch],
  );
  const theme = useTheme();
  return (
    <div className="cp-root" data-theme={theme.resolved}>
      <RouterProvider basePath={options.basePath}>
        <Authenticated options={options} theme={theme} />
      </RouterProvider>
    </div>
  );
}

function Authenticated({
  options,
  theme,
}: {
  options: ControlPlaneOptions;
  theme: ReturnType<typeof useTheme>;
}) {
  const router = useRouter();
  const [auth, setAuth] = useState<AuthState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const api = useMemo(
    () =>
      createApiClient({
        apiBase: options.apiBase,
        fetch: options.fetch,
        onUnauthorized: () => setAuth({ status: 'signed-out' }),
      }),
    [options.apiBase, options.fetch],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the check when the user retries
  useEffect(() => {
    // With the default fetch the session is the HttpOnly cookie; its readable companion says whether one
    // exists, so a signed-out visitor gets the login form without a 401 in the console.
    if (
      options.fetch === undefined &&
      !hasSessionHint(typeof document === 'undefined' ? '' : document.cookie)
    ) {
      setAuth({ status: 'signed-out' });
      return;
    }
    const controller = new AbortController();
    api
      .me(controller.signal)
      .then((principal) => setAuth({ status: 'signed-in', principal }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = toApiError(error);
        setAuth(apiError.status === 401 ? { status: 'signed-out' } : { status: 'error', error: apiError });
      });
    return () => controller.abort();
  }, [api, attempt, options.fetch]);

  const onLoggedIn = useCallback(async () => {
    const principal = await api.me();
    setAuth({ status: 'signed-in', principal });
    const next = router.search.get('next');
    router.navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  }, [api, router]);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setAuth({ status: 'signed-out' });
      router.navigate('/login', { replace: true });
    }
  }, [api, router]);

  const onLoginRoute = router.route.name === 'login';
  const signedOut = auth.status === 'signed-out';
  const { navigate, path } = router;
  const searchText = router.search.toString();
  useEffect(() => {
    if (signedOut && !onLoginRoute) {
      const current = path + (searchText ? `?${searchText}` : '');
      navigate(current === '/' ? '/login' : `/login?next=${encodeURIComponent(current)}`, { replace: true });
    }
  }, [signedOut, onLoginRoute, navigate, path, searchText]);

  if (onLoginRoute || signedOut) {
    return (
      <Suspense fallback={<Loading />}>
        <LoginPage api={api} onLoggedIn={onLoggedIn} />
      </Suspense>
    );
  }
  if (auth.status === 'checking') {
    return (
      <div className="cp-center">
        <Loading label="Connecting to the control plane…" />
      </div>
    );
  }
  if (auth.status === 'error') {
    return (
      <div className="cp-center">
        <ErrorState
          error={auth.error}
          title="The control plane did not answer"
          onRetry={() => {
            setAuth({ status: 'checking' });
            setAttempt((value) => value + 1);
          }}
        />
      </div>
    );
  }
  return <Shell api={api} principal={auth.principal} theme={theme} logout={logout} />;
}

/** Whether the server's `cp_signed_in` companion of the session cookie is present. */
function hasSessionHint(cookies: string): boolean {
  return cookies.split(';').some((cookie) => cookie.trim().startsWith('cp_signed_in='));
}
