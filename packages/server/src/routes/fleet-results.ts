import { z } from 'zod';

/** Response schemas of the plan, apply and drift routes: the SDK's result objects as sent on the wire. */

const SerializedErrorSchema = z.object({
  kind: z.string(),
  message: z.string(),
  status: z.number().optional(),
  code: z.string().optional(),
});

const FieldDiffSchema = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });

export const PlannedChangeSchema = z.object({
  resource: z.enum(['teams', 'models', 'budgets', 'keyPolicies']),
  action: z.enum(['create', 'update', 'noop']),
  id: z.string(),
  targetId: z.string().optional(),
  before: z.record(z.string(), z.unknown()).optional(),
  after: z.record(z.string(), z.unknown()).optional(),
  diff: z.array(FieldDiffSchema).optional(),
  note: z.string().optional(),
});

export const PlanResponseSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  desired: z.record(z.string(), z.unknown()),
  workers: z.array(
    z.object({
      workerId: z.string(),
      changes: z.array(PlannedChangeSchema),
      error: SerializedErrorSchema.optional(),
    }),
  ),
  summary: z.object({ create: z.number(), update: z.number(), noop: z.number(), failedWorkers: z.number() }),
});

export const ApplyResponseSchema = z.object({
  planId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  status: z.enum(['applied', 'unchanged', 'partial', 'failed', 'aborted']),
  workers: z.array(
    z.object({
      workerId: z.string(),
      status: z.enum(['applied', 'unchanged', 'partial', 'failed', 'skipped']),
      changes: z.array(
        PlannedChangeSchema.extend({
          status: z.enum(['applied', 'unchanged', 'failed', 'skipped']),
          error: SerializedErrorSchema.optional(),
        }),
      ),
      durationMs: z.number(),
      error: SerializedErrorSchema.optional(),
    }),
  ),
  summary: z.object({ applied: z.number(), unchanged: z.number(), failed: z.number(), skipped: z.number() }),
  /** Shared by the audit entries of every worker the apply touched. */
  correlationId: z.string(),
});

const ResourceKindSchema = z.enum(['teams', 'models', 'budgets', 'keyPolicies', 'organizations']);

export const DriftResponseSchema = z.object({
  generatedAt: z.string(),
  baseline: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('worker'), workerId: z.string() }),
    z.object({ kind: z.literal('desired') }),
  ]),
  resources: z.array(ResourceKindSchema),
  workers: z.array(
    z.object({
      workerId: z.string(),
      inSync: z.boolean(),
      differences: z.array(
        z.object({
          resource: ResourceKindSchema,
          id: z.string(),
          kind: z.enum(['missing', 'extra', 'changed']),
          fields: z.array(FieldDiffSchema).optional(),
        }),
      ),
      error: SerializedErrorSchema.optional(),
    }),
  ),
});
