import { actorOf, isoTime, sortOrderParameter, sortRows } from '../domain/common.js';
import {
  applyKeyUpdate,
  assertAliasAvailable,
  checkKeyFields,
  expiresFromDuration,
  findKey,
  generateKeyResponse,
  insertKey,
  isSessionKey,
  keyInfo,
  readKeyFields,
} from '../domain/keys.js';
import { canReadAll, isProxyAdmin } from '../http/auth.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import { HttpError, NOT_PREMIUM_MESSAGE, proxyError, validationError, wrappedError } from '../http/errors.js';
import type { JsonObject } from '../http/validate.js';
import {
  BodyReader,
  countedPage,
  isJsonObject,
  queryBoolean,
  queryInteger,
  queryList,
} from '../http/validate.js';
import { generateRawKey, hashToken, keyDisplayName, parseDuration } from '../store/identifiers.js';
import type { KeyRecord } from '../store/records.js';

function canManageKey(context: RequestContext, record: KeyRecord): boolean {
  const { principal, state } = context;
  if (isProxyAdmin(principal)) return true;
  if (principal.userId && record.user_id === principal.userId) return true;
  if (principal.token === record.token) return true;
  return state.isTeamAdmin(record.team_id, principal.userId);
}

function canReadKey(context: RequestContext, record: KeyRecord): boolean {
  const { principal, state } = context;
  if (canReadAll(principal) || canManageKey(context, record)) return true;
  return state.isOrganizationAdmin(record.organization_id, principal.userId);
}

function generate(context: RequestContext): unknown {
  const reader = new BodyReader(context.body ?? {});
  const fields = readKeyFields(reader);
  reader.done();
  checkKeyFields(fields, context);
  const { principal, state } = context;
  if (!isProxyAdmin(principal)) {
    if (fields.user_id && fields.user_id !== principal.userId) {
      throw proxyError(
        403,
        `User can only create keys for themselves. Got user_id=${fields.user_id}, Your ID=${principal.userId}`,
        'auth_error',
        'user_id',
      );
    }
    if (fields.team_id && !state.isTeamMember(fields.team_id, principal.userId)) {
      throw proxyError(
        400,
        `User=${principal.userId} not assigned to team=${fields.team_id}`,
        'bad_request_error',
        'team_id',
      );
    }
    fields.user_id = fields.user_id ?? principal.userId;
  }
  if (fields.team_id && !state.teams.has(fields.team_id)) {
    throw proxyError(400, `Team not found for team_id=${fields.team_id}`, 'bad_request_error', 'team_id');
  }
  if (fields.organization_id && !state.organizations.has(fields.organization_id)) {
    throw proxyError(
      400,
      `Organization not found for organization_id=${fields.organization_id}`,
      'bad_request_error',
      'organization_id',
    );
  }
  assertAliasAvailable(state, fields.key_alias);
  const created = insertKey(state, fields, { createdBy: actorOf(context), now: context.now });
  return generateKeyResponse(reader.body, created);
}

function serviceAccountGenerate(context: RequestContext): unknown {
  const reader = new BodyReader(context.body ?? {});
  const teamId = reader.string('team_id');
  reader.done();
  if (!teamId) {
    throw proxyError(
      400,
      'team_id is required for service account keys. Please specify `team_id` in the request body.',
      'bad_request_error',
      'team_id',
    );
  }
  if (!context.state.teams.has(teamId)) {
    throw proxyError(400, `Team not found for team_id=${teamId}`, 'bad_request_error', 'team_id');
  }
  const body = { ...reader.body, user_id: null };
  const fields = readKeyFields(new BodyReader(body));
  fields.user_id = null;
  checkKeyFields(fields, context);
  assertAliasAvailable(context.state, fields.key_alias);
  const created = insertKey(context.state, fields, { createdBy: actorOf(context), now: context.now });
  created.record.metadata = {
    ...created.record.metadata,
    service_account_id: fields.key_alias ?? created.record.token,
  };
  return generateKeyResponse(body, created);
}

function lookupKeyForUpdate(
  context: RequestContext,
  reader: BodyReader,
): { record: KeyRecord; passed: string } {
  const key = reader.string('key');
  const alias = reader.string('key_alias');
  if (!key && !alias) {
    throw validationError([
      {
        type: 'value_error',
        loc: ['body'],
        msg: "Value error, Either 'key' or 'key_alias' must be provided.",
        input: reader.body,
      },
    ]);
  }
  const record = key ? findKey(context.state, key) : context.state.keyByAlias(alias!);
  if (!record) {
    throw proxyError(
      404,
      `Key not found, passed key=${key ? keyDisplayName(key) : alias}`,
      'auth_error',
      'key',
    );
  }
  return { record, passed: key ?? alias! };
}

function update(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const fields = readKeyFields(reader);
  const temporaryIncrease = reader.number('temp_budget_increase');
  const temporaryExpiry = reader.string('temp_budget_expiry');
  reader.done();
  if ((temporaryIncrease == null) !== (temporaryExpiry == null)) {
    throw validationError([
      {
        type: 'value_error',
        loc: ['body'],
        msg: 'Value error, temp_budget_increase and temp_budget_expiry must be set together.',
        input: reader.body,
      },
    ]);
  }
  const { record, passed } = lookupKeyForUpdate(context, new BodyReader(reader.body));
  checkKeyFields({ ...fields, key: null }, context);
  const { principal, state } = context;
  if (!canManageKey(context, record)) {
    throw proxyError(403, 'You are not authorized to update this key.', 'auth_error', 'key');
  }
  if (!isProxyAdmin(principal) && fields.user_id && fields.user_id !== record.user_id) {
    throw proxyError(
      403,
      'Only proxy admins can change the owner (user_id) of a key.',
      'auth_error',
      'user_id',
    );
  }
  // A key found by its alias keeps that alias; a key found by value may be renamed (still unique).
  if (fields.key) assertAliasAvailable(state, fields.key_alias, record.token);
  else fields.key_alias = undefined;
  if (fields.team_id && !state.teams.has(fields.team_id)) {
    throw proxyError(404, `Team not found, passed team_id=${fields.team_id}`, 'auth_error', 'team_id');
  }
  fields.key = undefined;
  applyKeyUpdate(record, fields, reader.body, actorOf(context), context.now);
  return { ...record, key: passed };
}

function deleteKeys(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const keys = reader.stringArray('keys');
  const aliases = reader.stringArray('key_aliases');
  reader.done();
  if ((!keys || keys.length === 0) && (!aliases || aliases.length === 0)) {
    throw validationError([
      {
        type: 'value_error',
        loc: ['body'],
        msg: "Value error, At least one of 'keys' or 'key_aliases' must be provided.",
        input: reader.body,
      },
    ]);
  }
  const { state } = context;
  // LiteLLM deletes by `keys` when it is given and looks at `key_aliases` only otherwise; the answer
  // echoes the list it used, as passed.
  const byKeys = Boolean(keys && keys.length > 0);
  const passedList = (keys && keys.length > 0 ? keys : aliases) ?? [];
  const matched: { passed: string; record: KeyRecord }[] = [];
  for (const passed of passedList) {
    const record = byKeys ? findKey(state, passed) : state.keyByAlias(passed);
    if (record) matched.push({ passed, record });
  }
  if (matched.length === 0) throw wrappedError(404, 'No keys found');
  for (const { record } of matched) {
    if (!canManageKey(context, record)) {
      throw proxyError(403, 'You are not authorized to delete this key', 'auth_error', 'key');
    }
  }
  const deletedAt = isoTime(context.now);
  for (const { record } of matched) {
    if (state.keys.delete(record.token)) {
      state.deletedKeys.push({ ...record, deleted_at: deletedAt, deleted_by: actorOf(context) });
    }
  }
  return { deleted_keys: passedList };
}

function info(context: RequestContext): unknown {
  const requested = context.query.get('key');
  const { principal, state } = context;
  const record = requested ? findKey(state, requested) : principal.key;
  // The master key is no database row: LiteLLM answers it 404 like any unknown key.
  if (!record) {
    throw proxyError(404, 'Key not found in database', 'not_found_error', 'key');
  }
  if (!canReadKey(context, record)) {
    throw proxyError(
      403,
      `You are not allowed to access this key's info. Your role=${principal.role}`,
      'auth_error',
      'key',
    );
  }
  return { key: requested ?? record.token, info: keyInfo(record) };
}

function infoV2(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const keys = reader.stringArray('keys');
  reader.done();
  if (!keys)
    throw validationError([
      { type: 'missing', loc: ['body', 'keys'], msg: 'Field required', input: reader.body },
    ]);
  const rows: KeyRecord[] = [];
  for (const passed of keys) {
    const record = findKey(context.state, passed);
    if (record && canReadKey(context, record)) rows.push(record);
  }
  return { key: keys, info: rows };
}

/** The `/key/list` filters that match a key's field exactly: query parameter, key field. */
const KEY_EXACT_FILTERS = [
  ['team_id', 'team_id'],
  ['organization_id', 'organization_id'],
  ['key_hash', 'token'],
] as const;
const KEY_SORT_FIELDS = ['spend', 'max_budget', 'created_at', 'updated_at', 'token', 'key_alias'];

function list(context: RequestContext): unknown {
  const { query, principal, state } = context;
  const page = queryInteger(query, 'page', 1, { min: 1 });
  const size = queryInteger(query, 'size', 10, { min: 1, max: 100 });
  const returnFullObject = queryBoolean(query, 'return_full_object');
  const includeTeamKeys = queryBoolean(query, 'include_team_keys');
  const includeCreatedByKeys = queryBoolean(query, 'include_created_by_keys');
  const substringMatching = queryBoolean(query, 'substring_matching');
  const expand = queryList(query, 'expand') ?? [];
  const sortBy = query.get('sort_by') || 'created_at';
  if (!KEY_SORT_FIELDS.includes(sortBy)) {
    throw wrappedError(400, `Invalid sort_by value: ${sortBy}. Must be one of ${KEY_SORT_FIELDS.join(', ')}`);
  }
  const sortOrder = sortOrderParameter(query, 'desc');
  const status = query.get('status');
  if (status !== null && status !== '' && status !== 'deleted') {
    throw wrappedError(400, `Invalid status value: ${status}. Only 'deleted' is supported.`);
  }
  const userId = query.get('user_id');
  const teamId = query.get('team_id');
  const keyAlias = query.get('key_alias');
  const expires = query.get('expires');
  const exactFilters = KEY_EXACT_FILTERS.flatMap(([parameter, field]) => {
    const value = query.get(parameter);
    return value === null || value === '' ? [] : [{ field, value }];
  });
  const readAll = canReadAll(principal);
  if (!readAll) {
    if (userId && userId !== principal.userId) {
      throw wrappedError(403, "You are not authorized to check another user's keys");
    }
    if (teamId && !state.isTeamMember(teamId, principal.userId)) {
      throw wrappedError(403, `You are not authorized to check this team's keys. team_id=${teamId}`);
    }
  }
  const source: KeyRecord[] = status === 'deleted' ? [...state.deletedKeys] : [...state.keys.values()];
  const matches = (value: string | null, filter: string | null) =>
    filter === null ||
    filter === '' ||
    (substringMatching && readAll
      ? (value ?? '').toLowerCase().includes(filter.toLowerCase())
      : value === filter);
  const rows = source.filter((record) => {
    if (isSessionKey(record)) return false;
    if (!readAll) {
      const own = principal.userId !== null && record.user_id === principal.userId;
      const teamAdminKey = includeTeamKeys && state.isTeamAdmin(record.team_id, principal.userId);
      const createdByCaller = includeCreatedByKeys && record.created_by === principal.userId;
      const isCallerKey = record.token === principal.token;
      if (!own && !teamAdminKey && !createdByCaller && !isCallerKey) return false;
    }
    if (expires === 'expired' && !(record.expires && Date.parse(record.expires) < context.now)) return false;
    if (expires === 'active' && record.expires && Date.parse(record.expires) < context.now) return false;
    return (
      matches(record.user_id, userId) &&
      matches(record.key_alias, keyAlias) &&
      exactFilters.every(({ field, value }) => record[field] === value)
    );
  });
  sortRows(rows, 'token', sortOrder);
  sortRows(rows, sortBy, sortOrder);
  const { items, counters } = countedPage(rows, page, size);
  const expandUser = expand.includes('user');
  const keys = items.map((record) => {
    if (!returnFullObject && !expandUser) return record.token;
    if (!expandUser) return record;
    const user = record.user_id ? state.users.get(record.user_id) : undefined;
    const creator = record.created_by ? state.users.get(record.created_by) : undefined;
    return {
      ...record,
      user: user ?? null,
      created_by_user: creator
        ? { user_id: creator.user_id, user_email: creator.user_email, user_alias: creator.user_alias }
        : null,
    };
  });
  return { keys, ...counters };
}

function aliases(context: RequestContext): unknown {
  const { query, principal, state } = context;
  const page = queryInteger(query, 'page', 1, { min: 1 });
  const size = queryInteger(query, 'size', 50, { min: 1, max: 100 });
  const search = query.get('search')?.toLowerCase();
  const teamId = query.get('team_id');
  const readAll = canReadAll(principal);
  const set = new Set<string>();
  for (const record of state.keys.values()) {
    if (!record.key_alias || isSessionKey(record)) continue;
    if (teamId && record.team_id !== teamId) continue;
    if (search && !record.key_alias.toLowerCase().includes(search)) continue;
    if (
      !readAll &&
      record.user_id !== principal.userId &&
      !state.isTeamMember(record.team_id, principal.userId)
    ) {
      continue;
    }
    set.add(record.key_alias);
  }
  const sorted = [...set].sort();
  const { items, counters } = countedPage(sorted, page, size);
  return { aliases: items, ...counters, size };
}

function regenerate(context: RequestContext): unknown {
  const body = context.body === undefined ? {} : context.body;
  const reader = new BodyReader(body);
  const fields = readKeyFields(reader);
  const newKey = reader.string('new_key');
  const gracePeriod = reader.string('grace_period');
  reader.done();
  const passed = context.params[0] ?? fields.key;
  if (!context.settings.premium) throw wrappedError(400, NOT_PREMIUM_MESSAGE);
  if (!passed) throw wrappedError(400, 'No key passed in.');
  const { state } = context;
  const record = findKey(state, passed);
  if (!record) throw wrappedError(404, `Key ${keyDisplayName(passed)} not found.`);
  if (!canManageKey(context, record)) {
    throw proxyError(403, 'You are not authorized to regenerate this key', 'auth_error', 'key');
  }
  if (newKey !== undefined && newKey !== null && (!newKey.startsWith('sk-') || newKey.length < 16)) {
    throw wrappedError(400, "New key must start with 'sk-' and be at least 16 characters long.");
  }
  fields.key = undefined;
  checkKeyFields(fields, context);
  if (fields.key_alias) assertAliasAvailable(state, fields.key_alias, record.token);
  const rawKey = newKey ?? generateRawKey();
  const newToken = hashToken(rawKey);
  const previousToken = record.token;
  state.keys.delete(previousToken);
  record.token = newToken;
  record.key_name = keyDisplayName(rawKey);
  applyKeyUpdate(record, fields, reader.body, actorOf(context), context.now);
  if ('duration' in reader.body) record.expires = expiresFromDuration(fields.duration, context.now);
  record.last_rotation_at = isoTime(context.now);
  record.rotation_count = (typeof record.rotation_count === 'number' ? record.rotation_count : 0) + 1;
  state.keys.set(newToken, record);
  if (gracePeriod) {
    const milliseconds = parseDuration(gracePeriod) ?? 0;
    state.gracePeriodTokens.set(previousToken, { token: newToken, until: context.now + milliseconds });
  }
  return {
    ...nonNullEntries(reader.body),
    ...record,
    key: rawKey,
    token: newToken,
    token_id: newToken,
  };
}

/** The request fields echoed by a regenerate response: only those actually sent with a value. */
function nonNullEntries(source: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== null),
  );
}

function setBlocked(blocked: boolean) {
  return (context: RequestContext): unknown => {
    const reader = new BodyReader(context.body);
    const key = reader.requiredString('key');
    reader.done();
    const { principal, state } = context;
    if (principal.role === 'org_admin') {
      throw proxyError(
        401,
        `Authentication Error, Only proxy admin or team admin can block keys.`,
        'auth_error',
      );
    }
    if (!key.startsWith('sk-') && !/^[0-9a-f]{64}$/.test(key)) {
      throw proxyError(400, 'Invalid key format.', 'bad_request_error', 'key');
    }
    const record = findKey(state, key);
    if (!record) throw proxyError(404, `Key not found: ${keyDisplayName(key)}`, 'not_found_error', 'key');
    if (!isProxyAdmin(principal) && !state.isTeamAdmin(record.team_id, principal.userId)) {
      throw proxyError(
        403,
        'Only proxy admins or team admins of the key team can block or unblock keys.',
        'auth_error',
        'key',
      );
    }
    record.blocked = blocked;
    record.updated_at = isoTime(context.now);
    record.updated_by = actorOf(context);
    return record;
  };
}

function resetSpend(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const resetTo = reader.body.reset_to;
  if (typeof resetTo !== 'number') {
    throw validationError([
      {
        type: 'float_type',
        loc: ['body', 'reset_to'],
        msg: 'Input should be a valid number',
        input: resetTo,
      },
    ]);
  }
  const { principal, state } = context;
  const record = findKey(state, context.params[0] ?? '');
  if (!record) throw proxyError(404, 'Key not found in database', 'not_found_error', 'key');
  if (!isProxyAdmin(principal) && !state.isTeamAdmin(record.team_id, principal.userId)) {
    throw proxyError(403, 'You are not authorized to reset the spend of this key', 'auth_error', 'key');
  }
  if (resetTo < 0 || resetTo > record.spend || (record.max_budget !== null && resetTo > record.max_budget)) {
    throw proxyError(
      400,
      `reset_to must be >= 0, <= current spend (${record.spend}) and <= max_budget (${record.max_budget})`,
      'bad_request_error',
      'reset_to',
    );
  }
  const previous = record.spend;
  record.spend = resetTo;
  return {
    key_hash: record.token,
    spend: resetTo,
    previous_spend: previous,
    max_budget: record.max_budget,
    budget_reset_at: record.budget_reset_at ?? null,
  };
}

function health(): unknown {
  return { key: 'healthy', logging_callbacks: null };
}

/** At most this many keys per `/key/bulk_update` call, as in LiteLLM. */
const BULK_UPDATE_LIMIT = 500;

function bulkUpdate(context: RequestContext): unknown {
  if (!isProxyAdmin(context.principal)) {
    throw proxyError(403, 'Only proxy admins can perform bulk key updates', 'auth_error');
  }
  const reader = new BodyReader(context.body);
  const keys = reader.array('keys');
  reader.done();
  if (!keys || keys.length === 0)
    throw proxyError(400, 'No keys provided for update', 'bad_request_error', 'keys');
  if (keys.length > BULK_UPDATE_LIMIT) {
    throw proxyError(
      400,
      `Maximum ${BULK_UPDATE_LIMIT} keys can be updated at once. Found ${keys.length} keys.`,
      'bad_request_error',
      'keys',
    );
  }
  const successful: JsonObject[] = [];
  const failed: JsonObject[] = [];
  for (const item of keys) {
    const request = isJsonObject(item) ? item : {};
    const key = typeof request.key === 'string' ? request.key : '';
    const record = key ? findKey(context.state, key) : undefined;
    if (!record) {
      failed.push({ key, key_info: null, failed_reason: 'Key not found' });
      continue;
    }
    try {
      const itemReader = new BodyReader(request);
      const fields = readKeyFields(itemReader);
      itemReader.done();
      fields.key = undefined;
      checkKeyFields(fields, context);
      applyKeyUpdate(record, fields, request, actorOf(context), context.now);
      successful.push({ key, key_info: record });
    } catch (error) {
      const reason = error instanceof HttpError ? JSON.stringify(error.body) : String(error);
      failed.push({ key, key_info: record, failed_reason: reason });
    }
  }
  return { total_requested: keys.length, successful_updates: successful, failed_updates: failed };
}

export const keyRoutes: RouteDefinition[] = [
  route('POST', '/key/generate', 'any', generate),
  route('POST', '/key/service-account/generate', 'admin', serviceAccountGenerate),
  route('POST', '/key/update', 'any', update),
  route('POST', '/key/bulk_update', 'any', bulkUpdate),
  route('POST', '/key/delete', 'any', deleteKeys),
  route('GET', '/key/info', 'any', info),
  route('POST', '/v2/key/info', 'any', infoV2),
  route('GET', '/key/list', 'any', list),
  route('GET', '/key/aliases', 'any', aliases),
  route('POST', '/key/regenerate', 'any', regenerate),
  route('POST', '/key/{key}/regenerate', 'any', regenerate),
  route('POST', '/key/block', 'any', setBlocked(true)),
  route('POST', '/key/unblock', 'any', setBlocked(false)),
  route('POST', '/key/{key}/reset_spend', 'any', resetSpend),
  route('POST', '/key/health', 'any', health),
];
