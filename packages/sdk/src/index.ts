export {
  CredentialLookupError,
  MissingCredentialError,
  serializeError,
  UnknownWorkerError,
} from './errors.js';
export { Fleet, type HealthOptions } from './fleet.js';
export { ProbeFailedError } from './health.js';
export { FleetMonitor, type MonitorOptions } from './monitor.js';
export type { Overview, OverviewCounts, OverviewOptions, OverviewRow } from './overview.js';
export { InvalidDesiredStateError } from './plan/desired.js';
export type {
  ApplyOptions,
  ApplyResult,
  ChangeOutcome,
  ChangeStatus,
  DesiredBudget,
  DesiredKeyPolicy,
  DesiredModel,
  DesiredOrganization,
  DesiredState,
  DesiredTeam,
  DriftDifference,
  DriftQuery,
  DriftReport,
  FieldDiff,
  Plan,
  PlannedChange,
  PlannedResource,
  PlanOptions,
  PlanSummary,
  ResourceKind,
  WorkerApplyOutcome,
  WorkerApplyStatus,
  WorkerDrift,
  WorkerPlan,
} from './plan/types.js';
export type {
  FleetSearchOptions,
  FleetSearchResult,
  FoundKey,
  KeyQuery,
  SearchKind,
  TeamQuery,
  UserQuery,
} from './search.js';
export { tokenOf } from './search.js';
export type {
  CircuitState,
  CredentialProvider,
  EachOptions,
  FleetOptions,
  FleetResult,
  HealthChange,
  HealthStatus,
  PublicWorkerEntry,
  SearchOptions,
  SearchResult,
  SerializedError,
  SpendGroupBy,
  SpendQuery,
  SpendReport,
  SpendRow,
  WorkerContext,
  WorkerHealth,
  WorkerSelector,
} from './types.js';
