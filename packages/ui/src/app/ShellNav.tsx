import type { Principal, WorkerView } from '../api/contract.js';
import { Link } from './router.js';
import { matchRoute, type Route, WORKER_SECTION_LABELS, WORKER_SECTIONS, workerPath } from './routes.js';

const FLEET_LINKS: { to: string; label: string; adminOnly?: boolean }[] = [
  { to: '/', label: 'Overview' },
  { to: '/fleet/search', label: 'Search' },
  { to: '/fleet/spend', label: 'Spend' },
  { to: '/fleet/bulk', label: 'Bulk changes' },
  { to: '/fleet/drift', label: 'Drift' },
  { to: '/fleet/mcp-servers', label: 'MCP servers' },
  { to: '/fleet/guardrails', label: 'Guardrails' },
  { to: '/fleet/object-drift', label: 'Object drift' },
  { to: '/fleet/rollout', label: 'Roll out' },
  { to: '/audit', label: 'Audit log' },
  { to: '/lockouts', label: 'Sign-in lock-outs', adminOnly: true },
];

/** The fleet links `principal` may use, the one for the current route marked active. */
export function fleetLinks(route: Route, principal: Pick<Principal, 'role'>) {
  const current = JSON.stringify(route);
  return FLEET_LINKS.filter((link) => !link.adminOnly || principal.role === 'admin').map((link) => ({
    to: link.to,
    label: link.label,
    active: JSON.stringify(matchRoute(link.to)) === current,
  }));
}

/** The fleet pages, then the sections of the selected worker. */
export function ShellNav({
  route,
  principal,
  selectedId,
  selected,
}: {
  route: Route;
  principal: Principal;
  selectedId: string | undefined;
  selected: WorkerView | undefined;
}) {
  return (
    <nav className="cp-nav" aria-label="Main">
      <p className="cp-nav-heading" id="cp-nav-fleet">
        Fleet
      </p>
      <ul aria-labelledby="cp-nav-fleet">
        {fleetLinks(route, principal).map((link) => (
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
  );
}
