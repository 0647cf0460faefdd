import { ApiError } from '../errors.js';
import type { Principal } from './principal.js';

/** The part of a worker entry access decisions look at. */
export type ScopedWorker = { worker_id: string; labels?: Record<string, string> | undefined };

function inScope(principal: Principal, worker: ScopedWorker): boolean {
  const scope = principal.scope;
  if (scope === null) return true;
  if (scope.workers?.includes(worker.worker_id)) return true;
  const labels = scope.labels;
  if (labels !== undefined && Object.keys(labels).length > 0) {
    return Object.entries(labels).every(([name, value]) => worker.labels?.[name] === value);
  }
  return false;
}

/** Admins read everything; operators and viewers read the workers in their scope. */
export function canRead(principal: Principal, worker: ScopedWorker): boolean {
  if (principal.role === 'admin') return true;
  return inScope(principal, worker);
}

/** Admins write everywhere, operators only in their scope, viewers never. */
export function canWrite(principal: Principal, worker: ScopedWorker): boolean {
  if (principal.role === 'admin') return true;
  if (principal.role === 'viewer') return false;
  return inScope(principal, worker);
}

/** Workers the principal may read, in the given order. */
export function filterWorkers<T extends ScopedWorker>(principal: Principal, workers: readonly T[]): T[] {
  return workers.filter((worker) => canRead(principal, worker));
}

/** Workers the principal may change. */
function filterWritableWorkers<T extends ScopedWorker>(principal: Principal, workers: readonly T[]): T[] {
  return workers.filter((worker) => canWrite(principal, worker));
}

/**
 * Throws `forbidden` unless the principal may read the worker. A worker outside the scope answers
 * `worker_not_found` instead, so a scoped user cannot probe which ids exist.
 */
function requireRead(principal: Principal, worker: ScopedWorker): void {
  if (!canRead(principal, worker)) {
    throw new ApiError('worker_not_found', `Unknown worker '${worker.worker_id}'`, {
      workerId: worker.worker_id,
    });
  }
}

/** Throws unless the principal may change the worker (404 outside the read scope, 403 for read-only). */
export function requireWrite(principal: Principal, worker: ScopedWorker): void {
  requireRead(principal, worker);
  if (!canWrite(principal, worker)) {
    throw new ApiError('forbidden', `Role '${principal.role}' may not change worker '${worker.worker_id}'`, {
      workerId: worker.worker_id,
    });
  }
}

/** Throws unless the principal may write at all (operators and admins). */
function requireAnyWrite(principal: Principal): void {
  if (principal.role === 'viewer') {
    throw new ApiError('forbidden', `Role 'viewer' is read-only`);
  }
}

/** Throws unless the principal is an admin (users, registry). */
function requireAdmin(principal: Principal): void {
  if (principal.role !== 'admin') {
    throw new ApiError('forbidden', `This action needs the 'admin' role (you have '${principal.role}')`);
  }
}

/** The access-control functions, grouped so routes receive them through their dependencies. */
export const access = {
  canRead,
  canWrite,
  filterWorkers,
  filterWritableWorkers,
  requireRead,
  requireWrite,
  requireAnyWrite,
  requireAdmin,
} as const;

export type AccessControl = typeof access;
