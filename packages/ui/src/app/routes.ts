export const WORKER_SECTIONS = [
  'keys',
  'teams',
  'users',
  'models',
  'budgets',
  'organizations',
  'spend',
] as const;
export type WorkerSection = (typeof WORKER_SECTIONS)[number];

export const WORKER_SECTION_LABELS: Record<WorkerSection, string> = {
  keys: 'Keys',
  teams: 'Teams',
  users: 'Users',
  models: 'Models',
  budgets: 'Budgets',
  organizations: 'Organizations',
  spend: 'Spend',
};

export type Route =
  | { name: 'login' }
  | { name: 'overview' }
  | { name: 'search' }
  | { name: 'fleet-spend' }
  | { name: 'bulk' }
  | { name: 'drift' }
  | { name: 'audit' }
  | { name: 'lockouts' }
  | { name: 'worker'; workerId: string; section: WorkerSection }
  | { name: 'worker-root'; workerId: string }
  | { name: 'not-found' };

const FLEET_ROUTES: Record<string, Route> = {
  '/': { name: 'overview' },
  '/login': { name: 'login' },
  '/fleet': { name: 'overview' },
  '/fleet/search': { name: 'search' },
  '/fleet/spend': { name: 'fleet-spend' },
  '/fleet/bulk': { name: 'bulk' },
  '/fleet/drift': { name: 'drift' },
  '/audit': { name: 'audit' },
  '/lockouts': { name: 'lockouts' },
};

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** `path` is relative to the base path and starts with `/`. */
export function matchRoute(path: string): Route {
  const normalised = path === '' ? '/' : path.length > 1 ? path.replace(/\/+$/, '') : path;
  const fleet = FLEET_ROUTES[normalised];
  if (fleet) return fleet;
  const worker = /^\/workers\/([^/]+)(?:\/([^/]+))?$/.exec(normalised);
  if (worker?.[1]) {
    const workerId = decodeSegment(worker[1]);
    if (workerId === null) return { name: 'not-found' };
    const section = worker[2];
    if (section === undefined) return { name: 'worker-root', workerId };
    if ((WORKER_SECTIONS as readonly string[]).includes(section)) {
      return { name: 'worker', workerId, section: section as WorkerSection };
    }
  }
  return { name: 'not-found' };
}

export function workerPath(workerId: string, section: WorkerSection = 'keys'): string {
  return `/workers/${encodeURIComponent(workerId)}/${section}`;
}
