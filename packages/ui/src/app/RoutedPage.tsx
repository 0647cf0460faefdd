import { type ComponentType, lazy } from 'react';
import { Link } from './router.js';
import type { Route } from './routes.js';

/** Pages that take no props, by route name. */
const PAGES: Partial<Record<Route['name'], ComponentType>> = {
  overview: lazy(() => import('../pages/fleet/OverviewPage.js')),
  search: lazy(() => import('../pages/fleet/SearchPage.js')),
  'fleet-spend': lazy(() => import('../pages/fleet/FleetSpendPage.js')),
  bulk: lazy(() => import('../pages/fleet/BulkPage.js')),
  drift: lazy(() => import('../pages/fleet/DriftPage.js')),
  audit: lazy(() => import('../pages/fleet/AuditPage.js')),
  lockouts: lazy(() => import('../pages/fleet/LockoutsPage.js')),
  'object-drift': lazy(() => import('../pages/objects/ObjectDriftPage.js')),
  rollout: lazy(() => import('../pages/objects/RolloutPage.js')),
};
const WorkerPage = lazy(() => import('../pages/worker/WorkerPage.js'));
const FleetObjectsPage = lazy(() => import('../pages/objects/FleetObjectsPage.js'));

/** The page of the signed-in app for `route`; each is its own chunk, loaded on first visit. */
export function RoutedPage({ route, workersLoading }: { route: Route; workersLoading: boolean }) {
  if (route.name === 'fleet-objects') return <FleetObjectsPage key={route.kind} kind={route.kind} />;
  if (route.name === 'worker' || route.name === 'worker-root') {
    return (
      <WorkerPage
        workerId={route.workerId}
        section={route.name === 'worker' ? route.section : 'keys'}
        workersLoading={workersLoading}
      />
    );
  }
  if (route.name === 'not-found') return <NotFound />;
  // The sign-in route has no page inside the shell.
  const Page = PAGES[route.name];
  return Page ? <Page /> : null;
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
