import {
  type AnchorHTMLAttributes,
  createContext,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { matchRoute, type Route } from './routes.js';

type Location = { path: string; search: string };

export type RouterValue = {
  basePath: string;
  path: string;
  search: URLSearchParams;
  route: Route;
  /** `to` is relative to the base path (`/workers/a/keys?page=2`). */
  navigate(to: string, options?: { replace?: boolean }): void;
  href(to: string): string;
};

const RouterContext = createContext<RouterValue | null>(null);

function currentLocation(basePath: string): Location {
  const { pathname, search } = window.location;
  // When embedded somewhere the base path does not match, the UI starts at its overview.
  if (basePath !== '' && pathname !== basePath && !pathname.startsWith(`${basePath}/`)) {
    return { path: '/', search: '' };
  }
  const path = pathname.slice(basePath.length) || '/';
  return { path, search };
}

export function RouterProvider({ basePath, children }: { basePath: string; children: ReactNode }) {
  const [location, setLocation] = useState<Location>(() => currentLocation(basePath));

  useEffect(() => {
    const onPopState = () => setLocation(currentLocation(basePath));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [basePath]);

  const href = useCallback((to: string) => `${basePath}${to.startsWith('/') ? to : `/${to}`}`, [basePath]);

  const navigate = useCallback(
    (to: string, options?: { replace?: boolean }) => {
      const target = href(to);
      const current = window.location.pathname + window.location.search;
      if (target === current) return;
      if (options?.replace) window.history.replaceState(null, '', target);
      else window.history.pushState(null, '', target);
      setLocation(currentLocation(basePath));
    },
    [basePath, href],
  );

  const value = useMemo<RouterValue>(
    () => ({
      basePath,
      path: location.path,
      search: new URLSearchParams(location.search),
      route: matchRoute(location.path),
      navigate,
      href,
    }),
    [basePath, location, navigate, href],
  );
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter must be used inside <RouterProvider>');
  return value;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; replace?: boolean };

/** A real `<a href>` (open in new tab works) that navigates in place on a plain click. */
export function Link({ to, replace, onClick, children, ...rest }: LinkProps) {
  const router = useRouter();
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      rest.target === '_blank'
    ) {
      return;
    }
    event.preventDefault();
    router.navigate(to, { replace });
  };
  return (
    <a href={router.href(to)} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
