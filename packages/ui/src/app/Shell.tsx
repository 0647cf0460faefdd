import { type RefObject, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import type { ControlPlaneApi } from '../api/client.js';
import type { Principal } from '../api/contract.js';
import { ErrorState, Loading } from '../components/States.js';
import { useResource } from '../hooks/useResource.js';
import { AppContext, type AppValue } from './context.js';
import { RoutedPage } from './RoutedPage.js';
import { type RouterValue, useRouter } from './router.js';
import { type WorkerSection, workerPath } from './routes.js';
import { ShellHeader } from './ShellHeader.js';
import { ShellNav } from './ShellNav.js';
import { ShortcutHelp } from './ShortcutHelp.js';
import { useAnnouncer, useFocusTitleOnNavigate, useLastWorker } from './shell-state.js';
import { GO_TARGETS, useShortcuts } from './shortcuts.js';
import type { useTheme } from './theme.js';

/** The signed-in app: header, navigation, the routed page, and what every page shares through context. */
export function Shell({
  api,
  principal,
  theme,
  logout,
}: {
  api: ControlPlaneApi;
  principal: Principal;
  theme: ReturnType<typeof useTheme>;
  logout(): Promise<void>;
}) {
  const router = useRouter();
  const { route } = router;
  const workersResource = useResource('workers', (signal) => api.workers(signal), { refreshMs: 15_000 });
  const workers = workersResource.data?.workers ?? [];
  const [announcement, announce] = useAnnouncer();
  const [workerSessionsVersion, setWorkerSessionsVersion] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const switcher = useRef<HTMLInputElement>(null);
  const main = useRef<HTMLElement>(null);

  const routeWorkerId = route.name === 'worker' || route.name === 'worker-root' ? route.workerId : undefined;
  const lastWorkerId = useLastWorker(routeWorkerId);
  const selectedId = routeWorkerId ?? lastWorkerId ?? workers[0]?.worker_id;
  const selected = workers.find((worker) => worker.worker_id === selectedId);
  const currentSection: WorkerSection = route.name === 'worker' ? route.section : 'keys';
  useFocusTitleOnNavigate(router.path, main);

  const selectWorker = useCallback(
    (workerId: string) => {
      const worker = workers.find((candidate) => candidate.worker_id === workerId);
      if (workerId === routeWorkerId) return;
      router.navigate(workerPath(workerId, currentSection));
      if (worker) announce(`Switched to ${worker.name}${worker.region ? ` (${worker.region})` : ''}.`);
    },
    [workers, router, currentSection, announce, routeWorkerId],
  );

  useShellShortcuts(root, { router, switcher, main, selectedId, showHelp: () => setHelpOpen(true) });

  const appValue = useMemo<AppValue>(
    () => ({
      api,
      principal,
      workers,
      workersError: workersResource.error,
      reloadWorkers: workersResource.reload,
      workerSessionsVersion,
      onWorkerSessionChange: () => setWorkerSessionsVersion((value) => value + 1),
      announce,
      logout,
    }),
    [
      api,
      principal,
      workers,
      workersResource.error,
      workersResource.reload,
      workerSessionsVersion,
      announce,
      logout,
    ],
  );

  return (
    <AppContext.Provider value={appValue}>
      <div className="cp-shell" ref={setRoot}>
        <button type="button" className="cp-skip-link" onClick={() => main.current?.focus()}>
          Skip to content
        </button>
        <ShellHeader
          switcher={switcher}
          workers={workers}
          selectedId={selectedId}
          selected={selected}
          onSelectWorker={selectWorker}
          theme={theme}
          principal={principal}
          onHelp={() => setHelpOpen(true)}
          logout={logout}
        />
        <div className="cp-body">
          <ShellNav route={route} principal={principal} selectedId={selectedId} selected={selected} />
          <main id="cp-main" className="cp-main" ref={main} tabIndex={-1}>
            {workersResource.error && workers.length === 0 && !workersResource.loading ? (
              <ErrorState
                error={workersResource.error}
                title="Could not load the worker list"
                onRetry={workersResource.reload}
              />
            ) : null}
            <Suspense fallback={<Loading />}>
              <RoutedPage route={route} workersLoading={workersResource.loading} />
            </Suspense>
          </main>
        </div>
        <div className="cp-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          {announcement}
        </div>
        {helpOpen ? <ShortcutHelp onClose={() => setHelpOpen(false)} /> : null}
      </div>
    </AppContext.Provider>
  );
}

/** `w` focuses the worker switcher, `/` the page's search field, `g` + a letter goes to a page. */
function useShellShortcuts(
  root: HTMLElement | null,
  context: {
    router: RouterValue;
    switcher: RefObject<HTMLInputElement | null>;
    main: RefObject<HTMLElement | null>;
    selectedId: string | undefined;
    showHelp(): void;
  },
): void {
  const { router, switcher, main, selectedId, showHelp } = context;
  useShortcuts(root, {
    focusWorker: () => switcher.current?.focus(),
    focusSearch: () => main.current?.querySelector<HTMLElement>('[data-search]')?.focus(),
    showHelp,
    go: (key) => {
      const target = GO_TARGETS[key];
      if (!target) return;
      if (target.workerSection) {
        if (selectedId) router.navigate(workerPath(selectedId, target.workerSection as WorkerSection));
      } else {
        router.navigate(target.to);
      }
    },
  });
}
