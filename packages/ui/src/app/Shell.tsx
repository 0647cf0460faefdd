import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ControlPlaneApi } from '../api/client.js';
import type { Principal } from '../api/contract.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorState, Loading, StatusBadge } from '../components/States.js';
import { WorkerSwitcher } from '../components/WorkerSwitcher.js';
import { useResource } from '../hooks/useResource.js';
import { AppContext, type AppValue } from './context.js';
import { Link, useRouter } from './router.js';
import { WORKER_SECTION_LABELS, WORKER_SECTIONS, type WorkerSection, workerPath } from './routes.js';
import { GO_TARGETS, useShortcuts } from './shortcuts.js';
import type { useTheme } from './theme.js';

const OverviewPage = lazy(() => import('../pages/fleet/OverviewPage.js'));
const SearchPage = lazy(() => import('../pages/fleet/SearchPage.js'));
const FleetSpendPage = lazy(() => import('../pages/fleet/FleetSpendPage.js'));
const BulkPage = lazy(() => import('../pages/fleet/BulkPage.js'));
const DriftPage = lazy(() => import('../pages/fleet/DriftPage.js'));
const AuditPage = lazy(() => import('../pages/fleet/AuditPage.js'));
const LockoutsPage = lazy(() => import('../pages/fleet/LockoutsPage.js'));
const WorkerPage = lazy(() => import('../pages/worker/WorkerPage.js'));
const FleetObjectsPage = lazy(() => import('../pages/objects/FleetObjectsPage.js'));
const ObjectDriftPage = lazy(() => import('../pages/objects/ObjectDriftPage.js'));
const RolloutPage = lazy(() => import('../pages/objects/RolloutPage.js'));

const LAST_WORKER_KEY = 'llm-control-plane.last-worker';

function rememberedWorker(): string | undefined {
  try {
    return sessionStorage.getItem(LAST_WORKER_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

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
  const [announcement, setAnnouncement] = useState('');
  const [workerSessionsVersion, setWorkerSessionsVersion] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  const [lastWorkerId, setLastWorkerId] = useState<string | undefined>(rememberedWorker);
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const switcher = useRef<HTMLInputElement>(null);
  const main = useRef<HTMLElement>(null);

  const routeWorkerId = route.name === 'worker' || route.name === 'worker-root' ? route.workerId : undefined;
  const selectedId = routeWorkerId ?? lastWorkerId ?? workers[0]?.worker_id;
  const selected = workers.find((worker) => worker.worker_id === selectedId);
  const currentSection: WorkerSection = route.name === 'worker' ? route.section : 'keys';

  useEffect(() => {
    if (!routeWorkerId) return;
    setLastWorkerId(routeWorkerId);
    try {
      sessionStorage.setItem(LAST_WORKER_KEY, routeWorkerId);
    } catch {
      // Without storage the selection still lives in the URL.
    }
  }, [routeWorkerId]);

  // Move focus to the new page's heading after client-side navigation, as a full page load would.
  const firstRender = useRef(true);
  const path = router.path;
  useEffect(() => {
    if (firstRender.current || !path) {
      firstRender.current = false;
      return;
    }
    const timer = setTimeout(
      () => main.current?.querySelector<HTMLElement>('[data-page-title]')?.focus(),
      50,
    );
    return () => clearTimeout(timer);
  }, [path]);

  const announce = useCallback((message: string) => {
    setAnnouncement('');
    setTimeout(() => setAnnouncement(message), 30);
  }, []);

  const selectWorker = useCallback(
    (workerId: string) => {
      const worker = workers.find((candidate) => candidate.worker_id === workerId);
      if (workerId === routeWorkerId) return;
      router.navigate(workerPath(workerId, currentSection));
      if (worker) announce(`Switched to ${worker.name}${worker.region ? ` (${worker.region})` : ''}.`);
    },
    [workers, router, currentSection, announce, routeWorkerId],
  );

  useShortcuts(root, {
    focusWorker: () => switcher.current?.focus(),
    focusSearch: () => main.current?.querySelector<HTMLElement>('[data-search]')?.focus(),
    showHelp: () => setHelpOpen(true),
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

  const fleetLinks: { to: string; label: string; active: boolean }[] = [
    { to: '/', label: 'Overview', active: route.name === 'overview' },
    { to: '/fleet/search', label: 'Search', active: route.name === 'search' },
    { to: '/fleet/spend', label: 'Spend', active: route.name === 'fleet-spend' },
    { to: '/fleet/bulk', label: 'Bulk changes', active: route.name === 'bulk' },
    { to: '/fleet/drift', label: 'Drift', active: route.name === 'drift' },
    {
      to: '/fleet/mcp-servers',
      label: 'MCP servers',
      active: route.name === 'fleet-objects' && route.kind === 'mcpServers',
    },
    {
      to: '/fleet/guardrails',
      label: 'Guardrails',
      active: route.name === 'fleet-objects' && route.kind === 'guardrails',
    },
    { to: '/fleet/object-drift', label: 'Object drift', active: route.name === 'object-drift' },
    { to: '/fleet/rollout', label: 'Roll out', active: route.name === 'rollout' },
    { to: '/audit', label: 'Audit log', active: route.name === 'audit' },
    ...(principal.role === 'admin'
      ? [{ to: '/lockouts', label: 'Sign-in lock-outs', active: route.name === 'lockouts' }]
      : []),
  ];

  return (
    <AppContext.Provider value={appValue}>
      <div className="cp-shell" ref={setRoot}>
        <button type="button" className="cp-skip-link" onClick={() => main.current?.focus()}>
          Skip to content
        </button>
        <header className="cp-header">
          <Link to="/" className="cp-brand">
            <span className="cp-brand-mark" aria-hidden="true">
              ◆
            </span>
            LLM Control Plane
          </Link>
          <WorkerSwitcher ref={switcher} workers={workers} selectedId={selectedId} onSelect={selectWorker} />
          {selected ? (
            <section className="cp-current-worker" aria-label="Selected worker">
              <span className="cp-current-worker-name">{selected.name}</span>
              <span className="cp-current-worker-region">{selected.region ?? 'no region'}</span>
              <StatusBadge status={selected.health?.status ?? 'unknown'} />
            </section>
          ) : null}
          <div className="cp-header-end">
            <button
              type="button"
              className="cp-button cp-button-ghost"
              onClick={theme.cycle}
              aria-label={`Theme: ${theme.choice}. Change theme`}
              title="Change theme (system, dark, light)"
            >
              {theme.resolved === 'dark' ? '☾' : '☀'} <span className="cp-theme-choice">{theme.choice}</span>
            </button>
            <button
              type="button"
              className="cp-button cp-button-ghost"
              onClick={() => setHelpOpen(true)}
              aria-label="Keyboard shortcuts"
              title="Keyboard shortcuts (?)"
            >
              ?
            </button>
            <span className="cp-principal">
              <span className="cp-principal-name">{principal.subject}</span>
              <span className="cp-role">{principal.role}</span>
            </span>
            <button type="button" className="cp-button" onClick={() => void logout()}>
              Log out
            </button>
          </div>
        </header>
        <div className="cp-body">
          <nav className="cp-nav" aria-label="Main">
            <p className="cp-nav-heading" id="cp-nav-fleet">
              Fleet
            </p>
            <ul aria-labelledby="cp-nav-fleet">
              {fleetLinks.map((link) => (
                <li key={link.to}>
                  <Link to={link.to} aria-current={link.active ? 'page' : undefined}>
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
            <p className="cp-nav-heading" id="cp-nav-worker">
              {selected ? selected.name : 'Worker'}
            </p>
            {selectedId ? (
              <ul aria-labelledby="cp-nav-worker">
                {WORKER_SECTIONS.map((section) => (
                  <li key={section}>
                    <Link
                      to={workerPath(selectedId, section)}
                      aria-current={route.name === 'worker' && route.section === section ? 'page' : undefined}
                    >
                      {WORKER_SECTION_LABELS[section]}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="cp-hint">No worker selected.</p>
            )}
          </nav>
          <main id="cp-main" className="cp-main" ref={main} tabIndex={-1}>
            {workersResource.error && workers.length === 0 && !workersResource.loading ? (
              <ErrorState
                error={workersResource.error}
                title="Could not load the worker list"
                onRetry={workersResource.reload}
              />
            ) : null}
            <Suspense fallback={<Loading />}>
              {route.name === 'overview' ? <OverviewPage /> : null}
              {route.name === 'search' ? <SearchPage /> : null}
              {route.name === 'fleet-spend' ? <FleetSpendPage /> : null}
              {route.name === 'bulk' ? <BulkPage /> : null}
              {route.name === 'drift' ? <DriftPage /> : null}
              {route.name === 'audit' ? <AuditPage /> : null}
              {route.name === 'lockouts' ? <LockoutsPage /> : null}
              {route.name === 'fleet-objects' ? (
                <FleetObjectsPage key={route.kind} kind={route.kind} />
              ) : null}
              {route.name === 'object-drift' ? <ObjectDriftPage /> : null}
              {route.name === 'rollout' ? <RolloutPage /> : null}
              {route.name === 'worker' || route.name === 'worker-root' ? (
                <WorkerPage
                  workerId={route.workerId}
                  section={route.name === 'worker' ? route.section : 'keys'}
                  workersLoading={workersResource.loading}
                />
              ) : null}
              {route.name === 'not-found' ? <NotFound /> : null}
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

function NotFound() {
  return (
    <div className="cp-empty">
      <h1 tabIndex={-1} data-page-title>
        Page not found
      </h1>
      <p>
        <Link to="/">Go to the fleet overview</Link>
      </p>
    </div>
  );
}

function ShortcutHelp({ onClose }: { onClose(): void }) {
  const rows: [string, string][] = [
    ['w', 'Focus the Worker switcher (type to search, ↑ ↓ to move, Enter to switch)'],
    ['/', 'Focus the search field of the page'],
    ['?', 'Show this help'],
    ...Object.entries(GO_TARGETS).map(([key, target]): [string, string] => [`g then ${key}`, target.label]),
    ['Esc', 'Close a dialog or the worker list'],
  ];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="cp-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([keys, action]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
