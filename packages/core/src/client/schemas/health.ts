import { z } from 'zod';
import { optionalNumber, optionalString } from './common.js';

export const LivelinessSchema = z.string();

export const ReadinessSchema = z.looseObject({
  status: z.string(),
  /** "connected", "disconnected" or "Not connected". */
  db: optionalString,
  litellm_version: optionalString,
  cache: z.unknown().optional(),
});
export type Readiness = z.infer<typeof ReadinessSchema>;

export const HealthCheckSchema = z.looseObject({
  healthy_endpoints: z.array(z.looseObject({})).nullish(),
  unhealthy_endpoints: z.array(z.looseObject({})).nullish(),
  healthy_count: optionalNumber,
  unhealthy_count: optionalNumber,
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;
export type HealthCheckParams = { model?: string; model_id?: string };
