import type { RequestContext } from '../http/context.js';
import { NOT_PREMIUM_MESSAGE, proxyError, wrappedError } from '../http/errors.js';
import type { BodyReader, JsonObject } from '../http/validate.js';
import { generateRawKey, hashToken, keyDisplayName, maskSecret } from '../store/identifiers.js';
import type { KeyRecord } from '../store/records.js';
import type { FakeWorkerState } from '../store/state.js';
import { budgetResetAt, definedEntries, durationMilliseconds, isoTime } from './common.js';

export const UI_SESSION_TEAM_ID = 'litellm-dashboard';

const KEY_TYPE_ROUTES: Record<string, string[]> = {
  default: [],
  llm_api: ['llm_api_routes'],
  management: ['management_routes'],
  read_only: ['info_routes'],
};

const METADATA_FIELDS = [
  'model_rpm_limit',
  'model_tpm_limit',
  'tags',
  'guardrails',
  'prompts',
  'policies',
  'enforced_params',
  'rpm_limit_type',
  'tpm_limit_type',
  'temp_budget_increase',
  'temp_budget_expiry',
] as const;

const PREMIUM_FIELDS = ['tags', 'guardrails', 'model_max_budget'] as const;

/** Validated `GenerateKeyRequest` / `UpdateKeyRequest` fields (undefined = not sent). */
export type KeyFields = {
  key?: string | null;
  key_alias?: string | null;
  duration?: string | null;
  models?: string[] | null;
  spend?: number | null;
  max_budget?: number | null;
  soft_budget?: number | null;
  budget_duration?: string | null;
  budget_id?: string | null;
  user_id?: string | null;
  team_id?: string | null;
  organization_id?: string | null;
  max_parallel_requests?: number | null;
  tpm_limit?: number | null;
  rpm_limit?: number | null;
  metadata?: JsonObject | null;
  aliases?: JsonObject | null;
  config?: JsonObject | null;
  permissions?: JsonObject | null;
  model_max_budget?: JsonObject | null;
  allowed_cache_controls?: unknown[] | null;
  allowed_routes?: unknown[] | null;
  key_type?: string | null;
  blocked?: boolean | null;
  object_permission?: JsonObject | null;
  extraMetadata: JsonObject;
};

/** Reads and type-checks the key fields shared by generate/update/regenerate and `/user/new`. */
export function readKeyFields(reader: BodyReader): KeyFields {
  const body = reader.body;
  const maxBudgetRaw = body.max_budget === '' ? null : undefined;
  const fields: KeyFields = {
    key: reader.string('key'),
    key_alias: reader.string('key_alias'),
    duration: reader.string('duration'),
    models: reader.stringArray('models'),
    spend: reader.number('spend'),
    max_budget: maxBudgetRaw === null ? null : reader.number('max_budget'),
    soft_budget: reader.number('soft_budget'),
    budget_duration: reader.string('budget_duration'),
    budget_id: reader.string('budget_id'),
    user_id: reader.string('user_id'),
    team_id: reader.string('team_id'),
    organization_id: reader.string('organization_id') ?? reader.string('org_id'),
    max_parallel_requests: reader.integer('max_parallel_requests'),
    tpm_limit: reader.integer('tpm_limit'),
    rpm_limit: reader.integer('rpm_limit'),
    metadata: reader.object('metadata'),
    aliases: reader.object('aliases'),
    config: reader.object('config'),
    permissions: reader.object('permissions'),
    model_max_budget: reader.object('model_max_budget'),
    allowed_cache_controls: reader.array('allowed_cache_controls'),
    allowed_routes: reader.array('allowed_routes'),
    key_type: reader.oneOf('key_type', ['default', 'llm_api', 'management', 'read_only']),
    blocked: reader.boolean('blocked'),
    object_permission: reader.object('object_permission'),
    extraMetadata: {},
  };
  reader.object('model_rpm_limit');
  reader.object('model_tpm_limit');
  for (const field of ['tags', 'guardrails', 'prompts', 'policies', 'enforced_params'] as const) {
    reader.stringArray(field);
  }
  reader.oneOf('rpm_limit_type', ['guaranteed_throughput', 'best_effort_throughput', 'dynamic']);
  reader.oneOf('tpm_limit_type', ['guaranteed_throughput', 'best_effort_throughput', 'dynamic']);
  for (const field of METADATA_FIELDS) {
    if (body[field] !== undefined && body[field] !== null) fields.extraMetadata[field] = body[field];
  }
  return fields;
}

/** Negative budgets, premium-only fields and the custom key format, as `/key/generate` checks them. */
export function checkKeyFields(fields: KeyFields, context: RequestContext): void {
  for (const field of ['max_budget', 'soft_budget'] as const) {
    const value = fields[field];
    if (typeof value === 'number' && value < 0) {
      throw wrappedError(400, `${field} cannot be negative. Received: ${value}`);
    }
  }
  if (!context.settings.premium) {
    for (const field of PREMIUM_FIELDS) {
      const value = field === 'model_max_budget' ? fields.model_max_budget : fields.extraMetadata[field];
      const present = Array.isArray(value)
        ? value.length > 0
        : value !== null && value !== undefined && Object.keys(value as object).length > 0;
      if (present) throw proxyError(500, `${NOT_PREMIUM_MESSAGE} Field: ${field}`, 'internal_server_error');
    }
  }
  if (typeof fields.key === 'string' && !fields.key.startsWith('sk-')) {
    throw proxyError(
      400,
      `Invalid key format. LiteLLM Virtual Key must start with 'sk-'. Received: ${maskSecret(fields.key)}`,
      'bad_request_error',
      'key',
    );
  }
}

export function assertAliasAvailable(
  state: FakeWorkerState,
  alias: string | null | undefined,
  exceptToken?: string,
) {
  if (!alias) return;
  const existing = state.keyByAlias(alias);
  if (existing && existing.token !== exceptToken) {
    throw proxyError(
      400,
      `Key with alias '${alias}' already exists. Unique key aliases across all keys are required.`,
      'bad_request_error',
      'key_alias',
    );
  }
}

export function expiresFromDuration(duration: string | null | undefined, now: number): string | null {
  if (!duration || duration === '-1') return null;
  return isoTime(now + durationMilliseconds(duration, 'duration'));
}

export type CreatedKey = { rawKey: string; record: KeyRecord };

/** Inserts a new key row; the raw key is returned once and never stored. */
export function insertKey(
  state: FakeWorkerState,
  fields: KeyFields,
  options: { createdBy: string; now: number; rawKey?: string },
): CreatedKey {
  const rawKey = options.rawKey ?? fields.key ?? generateRawKey();
  const token = hashToken(rawKey);
  if (state.keys.has(token)) {
    throw proxyError(
      400,
      'Unique key violation: a key with this value already exists.',
      'bad_request_error',
      'key',
    );
  }
  const timestamp = isoTime(options.now);
  const budget = fields.budget_id ? (state.budgets.get(fields.budget_id) ?? null) : null;
  const allowedRoutes = fields.allowed_routes ?? KEY_TYPE_ROUTES[fields.key_type ?? 'default'] ?? [];
  const record: KeyRecord = {
    token,
    key_name: keyDisplayName(rawKey),
    key_alias: fields.key_alias ?? null,
    spend: fields.spend ?? 0,
    max_budget: fields.max_budget ?? null,
    expires: expiresFromDuration(fields.duration, options.now),
    models: fields.models ?? [],
    aliases: fields.aliases ?? {},
    config: fields.config ?? {},
    permissions: fields.permissions ?? {},
    user_id: fields.user_id ?? null,
    team_id: fields.team_id ?? null,
    organization_id: fields.organization_id ?? null,
    max_parallel_requests: fields.max_parallel_requests ?? null,
    tpm_limit: fields.tpm_limit ?? null,
    rpm_limit: fields.rpm_limit ?? null,
    budget_duration: fields.budget_duration ?? null,
    budget_reset_at: budgetResetAt(fields.budget_duration, options.now),
    allowed_cache_controls: fields.allowed_cache_controls ?? [],
    allowed_routes: allowedRoutes,
    model_spend: {},
    model_max_budget: fields.model_max_budget ?? {},
    soft_budget_cooldown: false,
    blocked: fields.blocked ?? null,
    metadata: { ...(fields.metadata ?? {}), ...fields.extraMetadata },
    budget_id: fields.budget_id ?? null,
    litellm_budget_table: budget,
    created_at: timestamp,
    created_by: options.createdBy,
    updated_at: timestamp,
    updated_by: options.createdBy,
    object_permission_id: null,
    object_permission: fields.object_permission ?? null,
    auto_rotate: false,
    rotation_interval: null,
    key_rotation_at: null,
    last_rotation_at: null,
    rotation_count: 0,
  };
  state.keys.set(token, record);
  return { rawKey, record };
}

/** `GenerateKeyResponse`: echo of the request plus the row, the raw key, `token` and `token_id`. */
export function generateKeyResponse(body: JsonObject, created: CreatedKey): JsonObject {
  return {
    ...definedEntries(body),
    ...created.record,
    soft_budget: body.soft_budget ?? null,
    key: created.rawKey,
    token: created.record.token,
    token_id: created.record.token,
  };
}

/** The row as `/key/info` returns it: everything but the token. */
export function keyInfo(record: KeyRecord): JsonObject {
  const { token: _token, ...info } = record;
  return info;
}

/** Finds a key by raw key or hash. */
export function findKey(state: FakeWorkerState, value: string): KeyRecord | undefined {
  return state.keys.get(value.startsWith('sk-') ? hashToken(value) : value);
}

/**
 * Applies `UpdateKeyRequest` semantics: only sent non-null fields are written, `metadata` replaces the
 * whole object, `duration` recomputes `expires` (`null`/`"-1"` → never).
 */
export function applyKeyUpdate(
  record: KeyRecord,
  fields: KeyFields,
  body: JsonObject,
  actor: string,
  now: number,
) {
  const assignable = [
    'key_alias',
    'models',
    'spend',
    'max_budget',
    'budget_id',
    'user_id',
    'team_id',
    'organization_id',
    'max_parallel_requests',
    'tpm_limit',
    'rpm_limit',
    'aliases',
    'config',
    'permissions',
    'model_max_budget',
    'allowed_cache_controls',
    'allowed_routes',
    'blocked',
    'object_permission',
  ] as const;
  for (const field of assignable) {
    const value = fields[field];
    if (value !== undefined && value !== null) record[field] = value as never;
  }
  if (fields.key_type && fields.allowed_routes === undefined) {
    record.allowed_routes = KEY_TYPE_ROUTES[fields.key_type] ?? [];
  }
  if (fields.metadata !== undefined && fields.metadata !== null) {
    record.metadata = { ...fields.metadata, ...fields.extraMetadata };
  } else if (Object.keys(fields.extraMetadata).length > 0) {
    record.metadata = { ...record.metadata, ...fields.extraMetadata };
  }
  if ('duration' in body) record.expires = expiresFromDuration(fields.duration, now);
  if (fields.budget_duration) {
    record.budget_duration = fields.budget_duration;
    record.budget_reset_at = budgetResetAt(fields.budget_duration, now);
  }
  record.updated_at = isoTime(now);
  record.updated_by = actor;
}

/** Keys not shown in lists: UI session keys. */
export function isSessionKey(record: KeyRecord): boolean {
  return record.team_id === UI_SESSION_TEAM_ID;
}
