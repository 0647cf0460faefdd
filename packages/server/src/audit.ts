import { redactValue } from '@llm-control-plane/core';
import type { AuditLog } from './app-context.js';
import type { Logger } from './logger.js';
import type { ControlPlaneStore } from './storage/types.js';

/** Audit writer: redacts `detail`, and logs (rather than fails the request) when the store refuses. */
export function createAuditLog(store: ControlPlaneStore, logger: Logger): AuditLog {
  return {
    async record(entry) {
      const input = entry.detail === undefined ? entry : { ...entry, detail: redactValue(entry.detail) };
      try {
        return await store.audit.append(input);
      } catch (error) {
        logger.error('audit entry could not be stored', {
          error,
          action: entry.action,
          worker_id: entry.workerId,
          request_id: entry.requestId,
          status: entry.status,
        });
        return null;
      }
    },
  };
}
