import type { HealthCheck, HealthCheckParams, Readiness } from '../schemas/health.js';
import { HealthCheckSchema, LivelinessSchema, ReadinessSchema } from '../schemas/health.js';
import type { CallOptions, Transport } from '../transport.js';
import { lazyFastCheck } from '../validate.js';

export interface HealthResource {
  liveliness(options?: CallOptions): Promise<string>;
  readiness(options?: CallOptions): Promise<Readiness>;
  check(params?: HealthCheckParams, options?: CallOptions): Promise<HealthCheck>;
}

/** Polled for every worker by the monitor. */
const readinessFastCheck = lazyFastCheck(ReadinessSchema);

export function createHealthResource(transport: Transport): HealthResource {
  return {
    /** GET /health/liveliness → "I'm alive!" */
    liveliness: (options?: CallOptions) =>
      transport.call({ method: 'GET', path: '/health/liveliness' }, LivelinessSchema, options),
    /** GET /health/readiness */
    readiness: (options?: CallOptions) =>
      transport.call(
        { method: 'GET', path: '/health/readiness', fastCheck: readinessFastCheck },
        ReadinessSchema,
        options,
      ),
    /** GET /health — runs (or returns cached) model health checks. */
    check: (params: HealthCheckParams = {}, options?: CallOptions) =>
      transport.call({ method: 'GET', path: '/health', query: params }, HealthCheckSchema, options),
  };
}
