import type { ObjectKind } from '../api/objects.js';

/** Worker pages for LiteLLM's newer registries, all built on the one objects page. */
export const OBJECT_SECTION_KINDS = {
  'mcp-servers': 'mcpServers',
  guardrails: 'guardrails',
  'vector-stores': 'vectorStores',
  agents: 'agents',
  prompts: 'prompts',
  tags: 'tags',
  credentials: 'credentials',
  'search-tools': 'searchTools',
} as const satisfies Record<string, ObjectKind>;
export type ObjectSection = keyof typeof OBJECT_SECTION_KINDS;

export const WORKER_SECTIONS = [
  'keys',
  'teams',
  'users',
  'models',
  'budgets',
  'organizations',
  'spend',
  ...(Object.keys(OBJECT_SECTION_KINDS) as ObjectSection[]),
] as const;
export type WorkerSection = (typeof WORKER_SECTIONS)[number];

export function isObjectSection(section: WorkerSection): section is ObjectSection {
  return section in OBJECT_SECTION_KINDS;
}

export const WORKER_SECTION_LABELS: Record<WorkerSection, string> = {
  keys: 'Keys',
  teams: 'Teams',
  users: 'Users',
  models: 'Models',
  budgets: 'Budgets',
  organizations: 'Organizations',
  spend: 'Spend',
  'mcp-servers': 'MCP servers',
  guardrails: 'Guardrails',
  'vector-stores': 'Vector stores',
  agents: 'Agents',
  prompts: 'Prompts',
  tags: 'Tags',
  credentials: 'Credentials',
  'search-tools': 'Search tools',
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
  | { name: 'fleet-objects'; kind: 'mcpServers' | 'guardrails' }
  | { name: 'object-drift' }
  | { name: 'rollout' }
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
  '/fleet/mcp-servers': { name: 'fleet-objects', kind: 'mcpServers' },
  '/fleet/guardrails': { name: 'fleet-objects', kind: 'guardrails' },
  '/fleet/object-drift': { name: 'object-drift' },
  '/fleet/rollout': { name: 'rollout' },
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
