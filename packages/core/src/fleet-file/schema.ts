import { z } from 'zod';
import { isWorkerId } from '../config/schema.js';

const name = z.string().min(1, { error: 'must not be empty' });
const labels = z.record(z.string(), z.string());

/**
 * Which workers a target applies to; every given criterion must hold. An absent `workers` means every
 * worker the credential can see.
 */
const FleetSelectorSchema = z
  .strictObject({
    ids: z
      .array(z.string().refine(isWorkerId, { error: 'not a valid worker_id' }))
      .min(1)
      .optional()
      .describe('Worker ids.'),
    labels: labels.optional().describe('Labels a worker must all carry.'),
    regions: z.array(name).min(1).optional().describe('Regions; a worker in any of them matches.'),
  })
  .describe('Selects workers: every given criterion must hold.');

/** Settings LiteLLM teams and key policies share; any other field of LiteLLM's API may be given too. */
const accessSettings = {
  models: z.array(z.string()).optional(),
  max_budget: z.number().nonnegative().nullable().optional(),
  budget_duration: z.string().nullable().optional(),
  tpm_limit: z.number().int().nonnegative().nullable().optional(),
  rpm_limit: z.number().int().nonnegative().nullable().optional(),
  max_parallel_requests: z.number().int().nonnegative().nullable().optional(),
  blocked: z.boolean().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
};

const FleetTeamSchema = z
  .looseObject({ team_alias: name.describe('Identity of the team on every worker.'), ...accessSettings })
  .describe('A team (LiteLLM /team/new fields), matched by team_alias.');

const FleetModelSchema = z
  .looseObject({
    model_name: name.describe('Identity of the deployment on every worker.'),
    litellm_params: z
      .looseObject({ model: name })
      .describe('As in a LiteLLM config; secrets as os.environ/NAME.'),
    model_info: z.record(z.string(), z.unknown()).optional(),
  })
  .describe('A model deployment, matched by model_name (only database models can be updated).');

const FleetBudgetSchema = z
  .looseObject({
    budget_id: name.describe('Identity of the budget on every worker.'),
    max_budget: z.number().nonnegative().nullable().optional(),
    soft_budget: z.number().nonnegative().nullable().optional(),
    budget_duration: z.string().nullable().optional(),
    tpm_limit: z.number().int().nonnegative().nullable().optional(),
    rpm_limit: z.number().int().nonnegative().nullable().optional(),
    max_parallel_requests: z.number().int().nonnegative().nullable().optional(),
    model_max_budget: z.record(z.string(), z.unknown()).optional(),
  })
  .describe('A budget, matched by budget_id.');

const FleetKeyPolicySchema = z
  .looseObject({ key_alias: name.describe('The existing key this policy applies to.'), ...accessSettings })
  .describe('Settings enforced on the existing key with this alias; keys are never created.');

/**
 * The resources a target can declare, named as in the SDK's desired state (snake case). A new resource
 * kind of the SDK becomes one more optional list here.
 */
export const FLEET_RESOURCES = ['teams', 'models', 'budgets', 'key_policies'] as const;

const FleetTargetSchema = z
  .strictObject({
    name: name.optional().describe('Shown in plans and errors.'),
    workers: FleetSelectorSchema.optional(),
    teams: z.array(FleetTeamSchema).optional(),
    models: z.array(FleetModelSchema).optional(),
    budgets: z.array(FleetBudgetSchema).optional(),
    key_policies: z.array(FleetKeyPolicySchema).optional(),
  })
  .describe('Desired objects on the workers the selector matches.');

/** `fleet.yaml`: desired objects per worker selector, applied with `control-plane plan|apply -f`. */
export const FleetFileSchema = z
  .strictObject({
    version: z.literal(1).describe('Format version; 1.'),
    targets: z.array(FleetTargetSchema).min(1, { error: 'declare at least one target' }),
  })
  .describe('Desired state of a LiteLLM fleet, per worker selector.');

export type FleetFile = z.output<typeof FleetFileSchema>;
export type FleetTarget = z.output<typeof FleetTargetSchema>;
export type FleetSelector = z.output<typeof FleetSelectorSchema>;

/** The JSON Schema of `fleet.yaml`, for editors (`# yaml-language-server: $schema=...`). */
export function fleetFileJsonSchema(): Record<string, unknown> {
  return {
    title: 'llm-control-plane fleet file',
    ...z.toJSONSchema(FleetFileSchema, { target: 'draft-7', io: 'input' }),
  } as Record<string, unknown>;
}
