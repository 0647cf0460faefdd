export type { FakeDeployment } from './domain/models.js';
export { seededRawKey } from './domain/seed.js';
export { signJwt, type UiTokenClaims } from './domain/session.js';
export { hashToken } from './store/identifiers.js';
export type {
  BudgetRecord,
  CustomerRecord,
  DeploymentRecord,
  KeyRecord,
  LoginCode,
  OrganizationMembership,
  OrganizationRecord,
  SpendLogRecord,
  TeamMember,
  TeamMembershipRecord,
  TeamRecord,
  UserRecord,
} from './store/records.js';
export { type FakeWorkerCounters, FakeWorkerState } from './store/state.js';
export type {
  FakeWorker,
  FakeWorkerOptions,
  FaultMode,
  FaultOptions,
  SeedOptions,
  WorkerCall,
} from './types.js';
export { startFakeWorker, startFakeWorkers } from './worker.js';
