import { z } from 'zod';
import { nullish } from './common.js';

export const LivelinessSchema = z.string();

export const ReadinessSchema = z.looseObject({
  status: z.string(),
  /** "connected", "disconnected" or "Not connected". */
  db: nullish.string,
  litellm_version: nullish.string,
  cache: z.unknown().optional(),
});
export type Readiness = z.infer<typeof ReadinessSchema>;

export const HealthCheckSchema = z.looseObject({
  healthy_endpoints: z.array(z.looseObject({})).nullish(),
  unhealthy_endpoints: z.array(z.looseObject({})).nullish(),
  healthy_count: nullish.number,
  unhealthy_count: nullish.number,
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;
export type HealthCheckParams = { model?: string; model_id?: string };
