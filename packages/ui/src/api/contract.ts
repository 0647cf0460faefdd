/**
 * Names for the control-plane API shapes the UI uses, all derived from `schema.d.ts` (generated from the
 * server's /openapi.json; never edited by hand), so a route change shows up here as a type error.
 */
import type { paths } from './schema.js';

type Operation<Path extends keyof paths, Method extends keyof paths[Path]> = paths[Path][Method];

/** The JSON body of an operation's 200 answer. */
type ResponseBody<Path extends keyof paths, Method extends keyof paths[Path]> =
  Operation<Path, Method> extends { responses: { 200: { content: { 'application/json': infer Body } } } }
    ? Body
    : never;

/** The query parameters of an operation. */
export type QueryOf<Path extends keyof paths, Method extends keyof paths[Path]> =
  Operation<Path, Method> extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;

/** The JSON request body of an operation. */
export type RequestBody<Path extends keyof paths, Method extends keyof paths[Path]> =
  Operation<Path, Method> extends { requestBody?: { content: { 'application/json': infer Body } } }
    ? Body
    : never;

export type Principal = ResponseBody<'/auth/me', 'get'>;

export type WorkerView = ResponseBody<'/workers', 'get'>['workers'][number];

export type FleetOverview = ResponseBody<'/fleet/overview', 'get'>;
export type OverviewWorker = FleetOverview['workers'][number];

export type FleetSearchResult = ResponseBody<'/fleet/search', 'get'>;
export type SearchType = NonNullable<QueryOf<'/fleet/search', 'get'>['type']>;

export type FleetSpendReport = ResponseBody<'/fleet/spend', 'get'>;
export type SpendGroupBy = NonNullable<QueryOf<'/fleet/spend', 'get'>['group_by']>;

export type FleetPlan = ResponseBody<'/fleet/plan', 'post'>;
export type PlanRequest = RequestBody<'/fleet/plan', 'post'>;
export type PlanWorker = FleetPlan['workers'][number];
export type PlanChange = PlanWorker['changes'][number];

type AuditPage = ResponseBody<'/audit', 'get'>;
export type AuditEntry = AuditPage['entries'][number];
export type AuditFilter = Omit<QueryOf<'/audit', 'get'>, 'format'>;

export type LoginLockout = ResponseBody<'/auth/lockouts', 'get'>['lockouts'][number];
