export type { AppDeps, AppEnv, AuditLog, Variables } from './app-context.js';
export {
  type AccessControl,
  access,
  canRead,
  canWrite,
  filterWorkers,
  requireWrite,
  type ScopedWorker,
} from './auth/access.js';
export { SESSION_COOKIE, SESSION_HINT_COOKIE } from './auth/middleware.js';
export type { Principal, Role, Scope } from './auth/principal.js';
export { ROLES } from './auth/principal.js';
export {
  type ControlPlane,
  type ControlPlaneOptions,
  createControlPlane,
  MAX_BODY_BYTES,
} from './control-plane.js';
export { ApiError, ERROR_CODES, ERROR_STATUS, type ErrorCode, type ErrorEnvelope } from './errors.js';
export {
  createJsonLogger,
  type JsonLoggerOptions,
  type LogFields,
  type Logger,
  type LogLevel,
  silentLogger,
} from './logger.js';
export { CONTROL_PLANE_NODE_FLAGS } from './node-flags.js';
export { buildOpenApiDocument } from './routes/openapi.js';
export {
  ListenError,
  type RunningControlPlane,
  type StartControlPlaneOptions,
  startControlPlane,
} from './start.js';
export { openStore } from './storage/index.js';
export type { AuditEntry, AuditFilter, AuditInput, ControlPlaneStore } from './storage/types.js';
