import type { ControlPlaneConfig } from '@llm-control-plane/core';
import type { Fleet } from '@llm-control-plane/sdk';
import type { AccessControl } from './auth/access.js';
import type { Principal } from './auth/principal.js';
import type { AuditScope } from './http/audited.js';
import type { RelayDecisions } from './http/relay-decisions.js';
import type { Logger } from './logger.js';
import type { AuditEntry, AuditInput, ControlPlaneStore } from './storage/types.js';

/** Records writes; `detail` is redacted here, so callers may pass request bodies as they are. */
export interface AuditLog {
  record(entry: AuditInput): Promise<AuditEntry | null>;
}

/**
 * What every route module receives: `registryRoutes(deps)`, `userRoutes(deps)`, `relayRoutes(deps)`, ...
 * Route modules take what they need from it and keep no other state.
 *
 * - `store`: the control plane's own state (audit, runtime workers, users, revoked sessions).
 * - `fleet`: the live worker registry and clients; `fleet.setWorkers` replaces it at runtime.
 * - `config`: the parsed configuration file (`worker_registry` entries are `source: 'config'`).
 * - `audit`: write through this rather than `store.audit` (redaction, logging of failures).
 * - `access`: access-control checks to apply with `c.get('principal')`.
 * - `logger`: structured logger; never give it a credential.
 * - `relayDecisions`: the core route policy for relayed paths, remembered per path.
 */
export type AppDeps = {
  store: ControlPlaneStore;
  fleet: Fleet;
  config: ControlPlaneConfig;
  audit: AuditLog;
  access: AccessControl;
  logger: Logger;
  relayDecisions: RelayDecisions;
  /** Clock in epoch milliseconds (tests inject one). */
  now: () => number;
};

/**
 * Per-request variables. `principal` is set by the authentication middleware on every `/api/v1` route
 * except login; `requestId` on every request (from `x-request-id` when it is a sane value).
 */
export type Variables = {
  principal: Principal;
  requestId: string;
  /** Set by the `audited` middleware on write routes. */
  audit: AuditScope;
};

/** The Hono environment every route module is typed with: `new Hono<AppEnv>()`. */
export type AppEnv = { Variables: Variables };
