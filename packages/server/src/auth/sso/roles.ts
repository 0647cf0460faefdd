import type { Role, Scope } from '../principal.js';
import type { SsoRoleMapping } from './settings.js';

const RANK: Record<Role, number> = { admin: 3, operator: 2, viewer: 1 };

/** The groups named by a claim: a list of strings, or one string (some IdPs send a single group so). */
export function groupsOf(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  if (Array.isArray(claim)) return claim.filter((item): item is string => typeof item === 'string');
  return [];
}

/**
 * The role of a user from the role table: the highest role any of the user's groups maps to; among rows of
 * that role, the first in the table gives the scope. `null` when no group is mapped: no default role.
 */
export function mapGroups(
  groups: readonly string[],
  mappings: readonly SsoRoleMapping[],
): { role: Role; scope: Scope } | null {
  let best: SsoRoleMapping | undefined;
  for (const mapping of mappings) {
    if (!groups.includes(mapping.group)) continue;
    if (best === undefined || RANK[mapping.role] > RANK[best.role]) best = mapping;
  }
  if (best === undefined) return null;
  if (best.role === 'admin' || best.scope === undefined) return { role: best.role, scope: null };
  const scope: NonNullable<Scope> = {};
  if (best.scope.workers !== undefined) scope.workers = best.scope.workers;
  if (best.scope.labels !== undefined && Object.keys(best.scope.labels).length > 0)
    scope.labels = best.scope.labels;
  return { role: best.role, scope: Object.keys(scope).length === 0 ? null : scope };
}
