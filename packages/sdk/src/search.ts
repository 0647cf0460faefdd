import { hashToken, type KeyObject, type Team, type User, WorkerApiError } from '@llm-control-plane/core';
import { serializeError } from './errors.js';
import type { Fleet } from './fleet.js';
import type { SearchOptions, SearchResult, SerializedError, WorkerContext } from './types.js';

export type KeyQuery = { alias?: string; token?: string; key?: string };
export type UserQuery = { userId?: string; email?: string };
export type TeamQuery = { teamId?: string; alias?: string };

/** A key found by search; `/key/info` omits `token`, so it is put back for the caller. */
export type FoundKey = KeyObject & { token: string | null };

const DEFAULT_LIMIT = 100;

function onlyOne(query: Record<string, unknown>, names: string[]): [string, string] {
  const given = names.filter((name) => typeof query[name] === 'string' && query[name] !== '');
  if (given.length !== 1) throw new TypeError(`Search needs exactly one of: ${names.join(', ')}`);
  const name = given[0]!;
  return [name, query[name] as string];
}

function isNotFound(error: unknown): boolean {
  return WorkerApiError.isInstance(error) && error.status === 404;
}

async function search<T>(
  fleet: Fleet,
  options: SearchOptions,
  lookup: (context: WorkerContext, limit: number) => Promise<T[]>,
): Promise<SearchResult<T>> {
  const limit = options.limitPerWorker ?? DEFAULT_LIMIT;
  const results = await fleet.each((context) => lookup(context, limit), {
    workers: options.workers,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  const outcome: SearchResult<T> = { matches: [], failures: [] };
  for (const result of results) {
    if (result.ok) {
      for (const item of result.value) outcome.matches.push({ workerId: result.workerId, item });
    } else {
      outcome.failures.push({ workerId: result.workerId, error: result.error });
    }
  }
  return outcome;
}

function textMatches(
  actual: unknown,
  wanted: string,
  mode: 'exact' | 'contains',
  caseless: boolean,
): boolean {
  if (typeof actual !== 'string') return false;
  const left = caseless ? actual.toLowerCase() : actual;
  const right = caseless ? wanted.toLowerCase() : wanted;
  return mode === 'exact' ? left === right : left.includes(right);
}

/** Raw keys are never sent anywhere: they are hashed here and looked up by token. */
export const tokenOf: (rawKey: string) => string = hashToken;

export async function findKey(
  fleet: Fleet,
  query: KeyQuery,
  options: SearchOptions = {},
): Promise<SearchResult<FoundKey>> {
  const [field, value] = onlyOne(query, ['alias', 'token', 'key']);
  const mode = options.match ?? 'exact';
  return search(fleet, options, async ({ client, signal }, limit) => {
    if (field !== 'alias') {
      const token = field === 'key' ? tokenOf(value) : value.toLowerCase();
      try {
        const response = await client.keys.info(token, { signal });
        return [{ ...response.info, token: response.info.token ?? token }];
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
    }
    const found: FoundKey[] = [];
    const params =
      mode === 'contains' ? { key_alias: value, substring_matching: true } : { key_alias: value };
    for await (const key of client.keys.listAll(params, { signal })) {
      if (!textMatches(key.key_alias, value, mode, mode === 'contains')) continue;
      found.push({ ...key, token: key.token ?? null });
      if (found.length >= limit) break;
    }
    return found;
  });
}

export async function findUser(
  fleet: Fleet,
  query: UserQuery,
  options: SearchOptions = {},
): Promise<SearchResult<User>> {
  const [field, value] = onlyOne(query, ['userId', 'email']);
  const mode = options.match ?? 'exact';
  return search(fleet, options, async ({ client, signal }, limit) => {
    // Both filters are substring matches on LiteLLM, so the exact comparison happens here.
    const params = field === 'userId' ? { user_ids: value } : { user_email: value };
    const found: User[] = [];
    for await (const user of client.users.listAll(params, { signal })) {
      const matched =
        field === 'userId'
          ? textMatches(user.user_id, value, mode, mode === 'contains')
          : textMatches(user.user_email, value, mode, true);
      if (!matched) continue;
      found.push(user);
      if (found.length >= limit) break;
    }
    return found;
  });
}

export async function findTeam(
  fleet: Fleet,
  query: TeamQuery,
  options: SearchOptions = {},
): Promise<SearchResult<Team>> {
  const [field, value] = onlyOne(query, ['teamId', 'alias']);
  const mode = options.match ?? 'exact';
  return search(fleet, options, async ({ client, signal }, limit) => {
    const params = field === 'teamId' ? { team_id: value } : { team_alias: value };
    const found: Team[] = [];
    for await (const team of client.teams.listAll(params, { signal })) {
      const matched =
        field === 'teamId'
          ? team.team_id === value
          : textMatches(team.team_alias, value, mode, mode === 'contains');
      if (matched) found.push(team);
      if (found.length >= limit) break;
    }
    return found;
  });
}

export type SearchKind = 'key' | 'user' | 'team';

export type FleetSearchOptions = SearchOptions & {
  /** What to look for. @default 'all' */
  type?: SearchKind | 'all';
};

/** Matches of every kind asked for, and one failure per worker that could not be searched. */
export type FleetSearchResult = {
  matches: { workerId: string; type: SearchKind; item: unknown }[];
  failures: { workerId: string; error: SerializedError }[];
};

/** The lookups one free-text term stands for: a raw key, a token, an alias, an e-mail, an id. */
function lookupsFor(
  fleet: Fleet,
  q: string,
  type: SearchKind | 'all',
  options: SearchOptions,
): Promise<{ type: SearchKind; found: SearchResult<unknown> }>[] {
  const lookups: Promise<{ type: SearchKind; found: SearchResult<unknown> }>[] = [];
  const tagged = (kind: SearchKind) => (found: SearchResult<unknown>) => ({ type: kind, found });
  if (type === 'key' || type === 'all') {
    lookups.push(
      findKey(fleet, q.startsWith('sk-') ? { key: q } : { alias: q }, options).then(tagged('key')),
    );
    if (!q.startsWith('sk-') && /^[0-9a-f]{64}$/i.test(q)) {
      lookups.push(findKey(fleet, { token: q }, options).then(tagged('key')));
    }
  }
  if (type === 'user' || type === 'all') {
    lookups.push(
      findUser(fleet, q.includes('@') ? { email: q } : { userId: q }, options).then(tagged('user')),
    );
  }
  if (type === 'team' || type === 'all') {
    for (const teamQuery of [{ alias: q }, { teamId: q }]) {
      lookups.push(findTeam(fleet, teamQuery, options).then(tagged('team')));
    }
  }
  return lookups;
}

/**
 * Searches for one free-text term (key, token, alias, e-mail, user or team id) across the fleet: every
 * lookup it may stand for runs at once, matches found twice are kept once, and each worker that failed
 * is reported once.
 */
export async function searchFleet(
  fleet: Fleet,
  q: string,
  options: FleetSearchOptions = {},
): Promise<FleetSearchResult> {
  const { type = 'all', ...searchOptions } = options;
  const result: FleetSearchResult = { matches: [], failures: [] };
  const failed = new Set<string>();
  const seen = new Set<string>();
  for (const { type: kind, found } of await Promise.all(lookupsFor(fleet, q, type, searchOptions))) {
    for (const match of found.matches) {
      const identity = `${kind}:${match.workerId}:${JSON.stringify(match.item)}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      result.matches.push({ workerId: match.workerId, type: kind, item: match.item });
    }
    for (const failure of found.failures) {
      if (failed.has(failure.workerId)) continue;
      failed.add(failure.workerId);
      result.failures.push({ workerId: failure.workerId, error: serializeError(failure.error) });
    }
  }
  return result;
}
