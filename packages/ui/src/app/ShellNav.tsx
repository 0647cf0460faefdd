import type { Principal, WorkerView } from '../api/contract.js';
import { Link } from './router.js';
import { matchRoute, type Route, WORKER_SECTION_LABELS, WORKER_SECTIONS, workerPath } from './routes.js';

const FLEET_LINKS: [to: string, label: string][] = [
  ['/', 'Overview'],
  ['/fleet/search', 'Search'],
  ['/fleet/spend', 'Spend'],
  ['/fleet/bulk', 'Bulk changes'],
  ['/fleet/drift', 'Drift'],
  ['/fleet/mcp-servers', 'MCP servers'],
  ['/fleet/guardrails', 'Guardrails'],
  ['/fleet/object-drift', 'Object drift'],
  ['/fleet/rollout', 'Roll out'],
  ['/audit', 'Audit log'],
];
const ADMIN_LINKS: [to: string, label: string][] = [['/lockouts', 'Sign-in lock-outs']];

/** The fleet links `principal` may use, the one for the current route marked active. */
export function fleetLinks(route: Route, principal: Pick<Principal, 'role'>) {
  const current = JSON.stringify(route);
  const links = principal.role === 'admin' ? [...FLEET_LINKS, ...ADMIN_LINKS] : FLEET_LINKS;
  return links.map(([to, label]) => ({ to, label, active: JSON.stringify(matchRoute(to)) === current }));
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
