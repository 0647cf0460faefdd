import type { Fleet } from '../fleet.js';
import { type AdminKind, describeKind } from './kinds.js';
import { applyObjectPlan, driftObjects, listObjects, planObject, searchObjects } from './operations.js';
import type {
  AdminApplyOptions,
  AdminApplyResult,
  AdminDriftOptions,
  AdminDriftReport,
  AdminListResult,
  AdminPlan,
  AdminPlanOptions,
  AdminQueryOptions,
  AdminSearchOptions,
  AdminSearchResult,
} from './types.js';

/** Fleet operations on one admin registry (`fleet.admin('guardrails')`). */
export interface AdminObjects {
  readonly kind: AdminKind;
  /** Every worker's objects, with a row per worker (`unavailable` where its LiteLLM lacks the feature). */
  list(options?: AdminQueryOptions): Promise<AdminListResult>;
  /** Objects whose name matches, across workers. */
  search(name: string, options?: AdminSearchOptions): Promise<AdminSearchResult>;
  /** Which workers have each object and how its settings differ, field by field. */
  drift(options?: AdminDriftOptions): Promise<AdminDriftReport>;
  /** What putting `desired` on the selected workers would change; reads only, and holds no secret. */
  plan(desired: Record<string, unknown>, options?: AdminPlanOptions): Promise<AdminPlan>;
  /** Carries a plan out; idempotent, with one outcome per worker. */
  apply(plan: AdminPlan, options?: AdminApplyOptions): Promise<AdminApplyResult>;
}

export function adminObjects(fleet: Fleet, kind: AdminKind): AdminObjects {
  const descriptor = describeKind(kind);
  return {
    kind: descriptor.kind,
    list: (options) => listObjects(fleet, descriptor.kind, options),
    search: (name, options) => searchObjects(fleet, descriptor.kind, name, options),
    drift: (options) => driftObjects(fleet, descriptor.kind, options),
    plan: (desired, options) => planObject(fleet, descriptor.kind, desired, options),
    apply: (plan, options) => applyObjectPlan(fleet, plan, options),
  };
}

export { ADMIN_KINDS, type AdminKind } from './kinds.js';
export type * from './types.js';
