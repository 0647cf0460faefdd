import { z } from 'zod';
import { validateWorkerUrl } from './worker-url.js';

/**
 * A worker id appears in API paths (`/api/v1/workers/:workerId/...`), so it is limited to characters
 * that need no encoding. `.` and `..` match the pattern but are refused separately: they are path segments.
 */
export const WORKER_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** True when `value` is usable as a worker id. */
export function isWorkerId(value: string): boolean {
  return WORKER_ID_PATTERN.test(value) && value !== '.' && value !== '..';
}

const workerIdSchema = z
  .string()
  .regex(WORKER_ID_PATTERN, {
    error: 'worker_id must be 1 to 64 characters from letters, digits, ".", "_" and "-"',
  })
  .refine((value) => value !== '.' && value !== '..', { error: 'worker_id must not be "." or ".."' });

const workerUrlSchema = z.string().transform((value, context) => {
  try {
    return validateWorkerUrl(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message, input: undefined });
    return z.NEVER;
  }
});

const nonEmptyString = z.string().min(1, { error: 'must not be empty' });

/** Accepts a whole number written as a string too, as values from `os.environ/` always are. */
function positiveInteger() {
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value),
    z
      .number()
      .int({ error: 'must be a whole number' })
      .positive({ error: 'must be a positive integer' })
      .max(Number.MAX_SAFE_INTEGER, { error: 'is too large' }),
  );
}

/** Fields of a worker entry; anything else is reported as a warning and dropped. */
export const WORKER_ENTRY_FIELDS = [
  'worker_id',
  'name',
  'url',
  'api_key',
  'region',
  'labels',
  'timeout_ms',
  'litellm_key_header_name',
  'ui_username',
  'ui_password',
] as const;

/**
 * One entry of `worker_registry`. LiteLLM's own fields are `worker_id`, `name` and `url`; the others are
 * extensions this control plane uses. Unknown fields are stripped (LiteLLM ignores extras) so that a
 * misplaced secret never travels further with the entry.
 */
export const WorkerRegistryEntrySchema = z.object({
  worker_id: workerIdSchema,
  name: nonEmptyString,
  /** http(s) only, no userinfo; normalised without a trailing slash. */
  url: workerUrlSchema,
  /** Credential the control plane uses to manage the worker (its master key or an admin key). */
  api_key: nonEmptyString.optional(),
  region: nonEmptyString.optional(),
  labels: z.record(z.string(), z.string()).optional(),
  /** Per-request deadline for this worker, in milliseconds. */
  timeout_ms: positiveInteger().optional(),
  /**
   * The worker's UI login (its `UI_USERNAME`/`UI_PASSWORD`, or a user's email and password), for a
   * worker whose admin key the control plane does not hold: the control plane logs in itself, in any
   * LiteLLM version's login shape, and uses the session key; the token never reaches a browser.
   * `api_key` wins when both are set.
   */
  ui_username: nonEmptyString.optional(),
  ui_password: nonEmptyString.optional(),
  /**
   * The worker's `general_settings.litellm_key_header_name`: LiteLLM then reads keys from that header
   * only, so the control plane sends `Bearer <api_key>` on it instead of `Authorization`.
   */
  litellm_key_header_name: z
    .string()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/, {
      error: 'must be an HTTP header name such as X-LiteLLM-Key',
    })
    .optional(),
});

export type WorkerRegistryEntry = z.output<typeof WorkerRegistryEntrySchema>;

const stringList = z.array(z.string());

/** `general_settings`: the fields the control plane reads are typed, every other LiteLLM setting is kept. */
export const GeneralSettingsSchema = z.looseObject({
  /** Admin credential of the control plane itself. */
  master_key: nonEmptyString.optional(),
  /** Postgres URL for the control plane's own store; the embedded store is used when absent. */
  database_url: nonEmptyString.optional(),
  ui_username: nonEmptyString.optional(),
  ui_password: nonEmptyString.optional(),
  cors_allow_origins: stringList.optional(),
  /** SSRF allow-list for worker hosts added at runtime. */
  allowed_worker_hosts: stringList.optional(),
  session_ttl_seconds: positiveInteger().optional(),
  /** Public URL of the control plane. */
  control_plane_url: workerUrlSchema.optional(),
  /** Key used to encrypt stored worker credentials. */
  secret_key: nonEmptyString.optional(),
});

export type GeneralSettings = z.output<typeof GeneralSettingsSchema>;

const section = z.record(z.string(), z.unknown());

/**
 * The whole file. The control plane reads `worker_registry` and `general_settings`; every other LiteLLM
 * section is checked only for its overall shape and kept as written, unknown sections included.
 */
export const ControlPlaneConfigSchema = z.looseObject({
  worker_registry: z
    .array(WorkerRegistryEntrySchema)
    .nullish()
    .transform((value) => value ?? []),
  general_settings: GeneralSettingsSchema.nullish().transform((value): GeneralSettings => value ?? {}),
  model_list: z.array(section).nullish(),
  litellm_settings: section.nullish(),
  router_settings: section.nullish(),
  environment_variables: section.nullish(),
  include: stringList.nullish(),
});

export type ControlPlaneConfig = z.output<typeof ControlPlaneConfigSchema>;
