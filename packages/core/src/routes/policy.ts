/**
 * The route policy compiled from `LITELLM_ROUTE_ROWS`: a segment trie built once at module load, so a lookup
 * is a handful of map reads per path segment and no regular expressions.
 */

import { LITELLM_ROUTE_ROWS, type RouteRow, type RouteVerdict } from './litellm-routes.js';
import { routePathReadings, unsafeEncodedSegment } from './path-safety.js';

type Action = { readonly suffix: string; readonly row: RouteRow };

type TrieNode = {
  readonly children: Map<string, TrieNode>;
  param: TrieNode | undefined;
  /** The row for exactly this path. */
  exact: RouteRow | undefined;
  /** The row for anything strictly below this path (`/**`). */
  below: RouteRow | undefined;
  /** Google-style `{model:path}:verb` rows rooted here. */
  readonly actions: Action[];
};

const newNode = (): TrieNode => ({
  children: new Map(),
  param: undefined,
  exact: undefined,
  below: undefined,
  actions: [],
});

/** Keeps the stricter row when two rows claim the same slot. */
function stricter(current: RouteRow | undefined, candidate: RouteRow): RouteRow {
  return current?.verdict === 'spends' ? current : candidate;
}

function compile(rows: readonly RouteRow[]): TrieNode {
  const root = newNode();
  for (const row of rows) {
    const segments = row.pattern.toLowerCase().split('/').slice(1);
    let node = root;
    for (let index = 0; index < segments.length; index += 1) {
      const segment = segments[index] ?? '';
      const last = index === segments.length - 1;
      const action = /^\{[^}]+:path\}(:.+)$/.exec(segment);
      if (action?.[1] !== undefined && last) {
        node.actions.push({ suffix: action[1], row });
        break;
      }
      if (segment === '**' && last) {
        node.exact = stricter(node.exact, row);
        node.below = stricter(node.below, row);
        break;
      }
      let next: TrieNode | undefined;
      if (segment.startsWith('{')) {
        next = node.param ?? newNode();
        node.param = next;
      } else {
        next = node.children.get(segment) ?? newNode();
        node.children.set(segment, next);
      }
      node = next;
      if (last) node.exact = stricter(node.exact, row);
    }
  }
  return root;
}

const ROOT = compile(LITELLM_ROUTE_ROWS);

/** The stricter of two matches: any `spends` row wins; between equals the later (deeper, more specific) one. */
function pick(current: RouteRow | undefined, candidate: RouteRow | undefined): RouteRow | undefined {
  if (candidate === undefined) return current;
  if (current?.verdict === 'spends' && candidate.verdict !== 'spends') return current;
  return candidate;
}

function walk(node: TrieNode, segments: readonly string[], index: number): RouteRow | undefined {
  let found: RouteRow | undefined;
  if (index < segments.length) {
    if (node.below !== undefined) found = pick(found, node.below);
    for (const action of node.actions) {
      // Anywhere in the remainder, not only at its end: a suffix after the verb must not hide the action.
      if (segments.slice(index).join('/').includes(action.suffix)) found = pick(found, action.row);
    }
    const child = node.children.get(segments[index] ?? '');
    if (child !== undefined) found = pick(found, walk(child, segments, index + 1));
    if (node.param !== undefined) found = pick(found, walk(node.param, segments, index + 1));
  } else {
    found = pick(found, node.exact);
  }
  return found;
}

/** The row for an already normalised path (lower case, single slashes, no trailing slash), if any. */
function matchNormalised(path: string): RouteRow | undefined {
  return walk(ROOT, path === '/' ? [] : path.slice(1).split('/'), 0);
}

const VERSION_PREFIX = /^\/v\d+[a-z0-9]*(?=\/)/;

/**
 * Spending routes under another version prefix (`/v2/chat/completions`, `/messages`): no row names them,
 * but they are refused as spending rather than as unknown.
 */
function spendsInAnotherVersion(path: string): RouteRow | undefined {
  const bare = path.replace(VERSION_PREFIX, '');
  for (const candidate of bare === path ? [`/v1${path}`] : [bare, `/v1${bare}`]) {
    const row = matchNormalised(candidate);
    if (row?.verdict === 'spends') return row;
  }
  return undefined;
}

export type RouteClassification =
  | { readonly verdict: RouteVerdict; readonly row: RouteRow }
  | { readonly verdict: 'unknown'; readonly row: undefined };

const UNKNOWN: RouteClassification = Object.freeze({ verdict: 'unknown', row: undefined });

/**
 * Classifies a worker path in any spelling (case, repeated or trailing slashes, percent-encoding including
 * encoded slashes and colons, dot segments, `;` parameters, query strings). A path is `spends` when any
 * reading of it is a spending route, `admin` when the reading LiteLLM's router takes is an admin route, and
 * `unknown` otherwise (undecodable paths are `unknown`).
 */
export function classifyRoute(path: string): RouteClassification {
  const readings = routePathReadings(path);
  if (readings === null) return UNKNOWN;
  let admin: RouteRow | undefined;
  for (const [index, reading] of readings.entries()) {
    const row = matchNormalised(reading);
    if (row?.verdict === 'spends') return { verdict: 'spends', row };
    if (index === 0 && row !== undefined) admin = row;
  }
  // A row that names the path itself wins over the version fallback: /v1/agents is admin, /agents spends.
  if (admin !== undefined) return { verdict: 'admin', row: admin };
  for (const reading of readings) {
    const row = spendsInAnotherVersion(reading);
    if (row !== undefined) return { verdict: 'spends', row };
  }
  return UNKNOWN;
}

/** True for routes that call a model, a tool, an agent or a provider, in any spelling. */
export function isLlmPath(path: string): boolean {
  return classifyRoute(path).verdict === 'spends';
}

/** True only for admin routes whose every reading is safe to forward (no dot segments or encoded slashes). */
export function isManagementPath(path: string): boolean {
  return decideRelay(path).allowed;
}

export type RelayRefusalCode = 'invalid_path' | 'llm_route_refused' | 'not_a_management_route';

export type RelayDecision =
  | { readonly allowed: true; readonly target: string; readonly row: RouteRow }
  | { readonly allowed: false; readonly code: RelayRefusalCode; readonly message: string };

const refuse = (code: RelayRefusalCode, message: string): RelayDecision => ({
  allowed: false,
  code,
  message,
});

function describeRow(row: RouteRow): string {
  return `${row.pattern} (${row.sources.join(', ')})`;
}

/**
 * Decides whether a caller's path (still percent-encoded, as it arrived) may be relayed to a worker, and the
 * path to send: each segment decoded once and re-encoded, so the worker sees exactly the route classified.
 * Spending routes are refused first, in every spelling; then unsafe segments; then anything not admin.
 */
export function decideRelay(rawPath: string): RelayDecision {
  if (typeof rawPath !== 'string' || rawPath === '' || rawPath === '/') {
    return refuse('invalid_path', 'Name a management path, e.g. /key/list');
  }
  const classification = classifyRoute(rawPath);
  if (classification.verdict === 'spends') {
    return refuse(
      'llm_route_refused',
      `Refused by route rule ${describeRow(classification.row)}: it calls a model, a tool, an agent or a provider. ` +
        'The control plane carries management traffic only; call the worker directly.',
    );
  }
  const query = rawPath.search(/[?#]/);
  const pathOnly = query === -1 ? rawPath : rawPath.slice(0, query);
  const segments: string[] = [];
  for (const rawSegment of pathOnly.split('/')) {
    if (rawSegment === '') continue;
    let decoded = rawSegment;
    if (rawSegment.includes('%')) {
      try {
        decoded = decodeURIComponent(rawSegment);
      } catch {
        return refuse('invalid_path', 'The path contains an invalid percent-encoding');
      }
    }
    const unsafe = unsafeEncodedSegment(decoded);
    if (unsafe === 'control characters')
      return refuse('invalid_path', 'The path must not contain control characters');
    if (unsafe !== null) {
      return refuse('invalid_path', 'The path must not contain dot segments, encoded slashes or backslashes');
    }
    segments.push(encodeURIComponent(decoded));
  }
  if (classification.verdict !== 'admin') {
    return refuse(
      'not_a_management_route',
      'No route rule matches this path, and unknown paths are not relayed: only LiteLLM management routes ' +
        '(keys, teams, users, models, budgets, spend, health, MCP servers, guardrails, ...) are.',
    );
  }
  return { allowed: true, target: `/${segments.join('/')}`, row: classification.row };
}
