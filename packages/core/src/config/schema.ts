import { z } from 'zod';
import { validateWorkerUrl } from './worker-url.js';

/**
 * Worker ids are as lenient as LiteLLM's own `worker_id`: any non-empty string, spaces, slashes and unicode
 * included. Every control-plane URL percent-encodes the id. `.` and `..` are refused all the same: some HTTP
 * stacks and proxies collapse them as dot-segments even when encoded, which would send a request elsewhere.
 * Control characters are refused too.
 */
export const RESERVED_WORKER_IDS: readonly string[] = ['.', '..'];

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** The problem with `value` as a worker id, or `undefined` when it is usable. */
export function workerIdProblem(value: string): string | undefined {
  if (value.length === 0) return 'worker_id must not be empty';
  if (RESERVED_WORKER_IDS.includes(value))
    return 'worker_id must not be "." or ".." (they are path segments)';
  // PostgreSQL text cannot hold NUL, and a line break in an id would split audit and log lines.
  if (CONTROL_CHARACTER.test(value))
    return 'worker_id must not contain control characters (U+0000-U+001F, U+007F)';
  return undefined;
}

/** True when `value` is usable as a worker id. */
export function isWorkerId(value: string): boolean {
  return workerIdProblem(value) === undefined;
}

const workerIdSchema = z.string().superRefine((value, context) => {
  const problem = workerIdProblem(value);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem, input: undefined });
});

/** Checked and normalised: the control plane builds its own links from it. */
const normalisedUrlSchema = z.string().transform((value, context) => {
  try {
    return validateWorkerUrl(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message, input: undefined });
    return z.NEVER;
  }
});

/** Checked, but kept as written: it is shown to people, and the client normalises it for calls. */
const workerUrlSchema = z.string().superRefine((value, context) => {
  try {
    validateWorkerUrl(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message, input: undefined });
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

/** One row of the SSO role table: members of `group` get `role`, limited to `scope` (operators and viewers). */
const SsoRoleMappingSchema = z
  .strictObject({
    group: nonEmptyString,
    role: z.enum(['admin', 'operator', 'viewer'], { error: 'role must be admin, operator or viewer' }),
    scope: z
      .strictObject({
        workers: z.array(workerIdSchema).min(1).optional(),
        labels: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
  })
  .refine((row) => row.role !== 'admin' || row.scope === undefined, {
    error: 'an admin mapping cannot have a scope (admins see every worker)',
    path: ['scope'],
  });

/**
 * `general_settings.sso`: OpenID Connect sign-in for the control plane itself. Every field may also come
 * from LiteLLM's generic-SSO environment variables (GENERIC_CLIENT_ID, ...), which the config overrides.
 */
export const SsoSettingsSchema = z.strictObject({
  /**
   * The IdP's issuer URL; its discovery document supplies the endpoints unless they are given. Optional when
   * the authorization, token and userinfo endpoints are given: it is then discovered beside them, or else the
   * userinfo endpoint names the user.
   */
  issuer: nonEmptyString.optional(),
  client_id: nonEmptyString.optional(),
  client_secret: nonEmptyString.optional(),
  authorization_endpoint: nonEmptyString.optional(),
  token_endpoint: nonEmptyString.optional(),
  userinfo_endpoint: nonEmptyString.optional(),
  /** Space-separated scopes. @default 'openid email profile' */
  scope: nonEmptyString.optional(),
  /** The claim that lists the user's groups. @default 'groups' */
  groups_claim: nonEmptyString.optional(),
  /** The claim shown as the user's name in the audit log. @default 'email', else 'preferred_username', else 'sub' */
  username_claim: nonEmptyString.optional(),
  /** Group → role and worker scope. A user in no listed group is refused. */
  role_mappings: z.array(SsoRoleMappingSchema).min(1, { error: 'map at least one group to a role' }),
  /** false switches password login off (the master key still works as a bearer token). @default true */
  password_login: z.boolean().optional(),
});

export type SsoSettings = z.output<typeof SsoSettingsSchema>;

/** `general_settings`: the fields the control plane reads are typed, every other LiteLLM setting is kept. */
export const GeneralSettingsSchema = z.looseObject({
  /** Admin credential of the control plane itself. */
  master_key: nonEmptyString.optional(),
  /** Postgres URL for the control plane's own store; the embedded store is used when absent. */
  database_url: nonEmptyString.optional(),
  /**
   * When a commit of the embedded store is durable: `normal` once written to its log (survives the process
   * being killed), `full` once also flushed to the disk (survives a power loss; a few ms per write).
   * @default 'normal'
   */
  embedded_store_durability: z.enum(['normal', 'full']).optional(),
  ui_username: nonEmptyString.optional(),
  ui_password: nonEmptyString.optional(),
  cors_allow_origins: stringList.optional(),
  /** SSRF allow-list for worker hosts added at runtime. */
  allowed_worker_hosts: stringList.optional(),
  session_ttl_seconds: positiveInteger().optional(),
  /** Public URL of the control plane. */
  control_plane_url: normalisedUrlSchema.optional(),
  /** Key used to encrypt stored worker credentials. */
  secret_key: nonEmptyString.optional(),
  /** OpenID Connect sign-in; see SsoSettingsSchema. */
  sso: SsoSettingsSchema.optional(),
  /** Send the login page straight to the IdP (LiteLLM's setting; env AUTO_REDIRECT_UI_LOGIN_TO_SSO too). */
  auto_redirect_ui_login_to_sso: z.boolean().optional(),
  /** Serve GET /metrics without a credential (for a scraper on a trusted network). */
  metrics_public: z.boolean().optional(),
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
