import {
  type HealthCheckParams,
  HealthCheckSchema,
  LivelinessSchema,
  ReadinessSchema,
} from '../schemas/health.js';
import type { CallOptions, Transport } from '../transport.js';

export function createHealthResource(transport: Transport) {
  return {
    /** GET /health/liveliness → "I'm alive!" */
    liveliness: (options?: CallOptions) =>
      transport.call({ method: 'GET', path: '/health/liveliness' }, LivelinessSchema, options),
    /** GET /health/readiness */
    readiness: (options?: CallOptions) =>
      transport.call({ method: 'GET', path: '/health/readiness' }, ReadinessSchema, options),
    /** GET /health — runs (or returns cached) model health checks. */
    check: (params: HealthCheckParams = {}, options?: CallOptions) =>
      transport.call({ method: 'GET', path: '/health', query: params }, HealthCheckSchema, options),
  };
}

export type HealthResource = ReturnType<typeof createHealthResource>;
