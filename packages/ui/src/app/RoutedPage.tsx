import { lazy } from 'react';
import { Link } from './router.js';
import type { Route } from './routes.js';

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

/** The page of the signed-in app for `route`; each is its own chunk, loaded on first visit. */
export function RoutedPage({ route, workersLoading }: { route: Route; workersLoading: boolean }) {
  switch (route.name) {
    case 'overview':
      return <OverviewPage />;
    case 'search':
      return <SearchPage />;
    case 'fleet-spend':
      return <FleetSpendPage />;
    case 'bulk':
      return <BulkPage />;
    case 'drift':
      return <DriftPage />;
    case 'audit':
      return <AuditPage />;
    case 'lockouts':
      return <LockoutsPage />;
    case 'fleet-objects':
      return <FleetObjectsPage key={route.kind} kind={route.kind} />;
    case 'object-drift':
      return <ObjectDriftPage />;
    case 'rollout':
      return <RolloutPage />;
    case 'worker':
    case 'worker-root':
      return (
        <WorkerPage
          workerId={route.workerId}
          section={route.name === 'worker' ? route.section : 'keys'}
          workersLoading={workersLoading}
        />
      );
    case 'not-found':
      return <NotFound />;
    default:
      // The sign-in page is outside the shell.
      return null;
  }
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
