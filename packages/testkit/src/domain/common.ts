import type { RequestContext } from '../http/context.js';
import { proxyError } from '../http/errors.js';
import { parseDuration } from '../store/identifiers.js';

/** Actor recorded on writes: the audit header when sent, else the caller's user id. */
export function actorOf(context: RequestContext): string {
  const header = context.headers['litellm-changed-by'];
  const changedBy = Array.isArray(header) ? header[0] : header;
  return changedBy || context.principal.userId || 'default_user_id';
}

export function isoTime(milliseconds: number): string {
  return new Date(milliseconds).toISOString();
}

/** Milliseconds of a duration string, or a 400 like LiteLLM's duration parser raises. */
export function durationMilliseconds(duration: string, field: string): number {
  const milliseconds = parseDuration(duration);
  if (milliseconds === null) {
    throw proxyError(
      400,
      `Invalid ${field} format: '${duration}'. Use an integer followed by s, m, h, d, w or mo (e.g. '30d').`,
      'bad_request_error',
      field,
    );
  }
  return milliseconds;
}

/** `budget_reset_at` for a `budget_duration`, null when there is none. */
export function budgetResetAt(budgetDuration: string | null | undefined, now: number): string | null {
  if (!budgetDuration) return null;
  return isoTime(now + durationMilliseconds(budgetDuration, 'budget_duration'));
}

/** Copies the defined (non-undefined) entries; used to echo request bodies. */
export function definedEntries(source: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(source)) if (value !== undefined) result[field] = value;
  return result;
}

function compareValues(left: unknown, right: unknown): number {
  if (left === right) return 0;
  if (left === null || left === undefined) return -1;
  if (right === null || right === undefined) return 1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return String(left) < String(right) ? -1 : 1;
}

export function sortRows<T extends Record<string, unknown>>(
  rows: T[],
  field: string,
  order: 'asc' | 'desc',
): T[] {
  const direction = order === 'asc' ? 1 : -1;
  return rows.sort((left, right) => direction * compareValues(left[field], right[field]));
}

export function sortOrderParameter(query: URLSearchParams, fallback: 'asc' | 'desc'): 'asc' | 'desc' {
  const value = query.get('sort_order') ?? query.get('sortOrder');
  if (value === null || value === '') return fallback;
  const lowered = value.toLowerCase();
  if (lowered !== 'asc' && lowered !== 'desc') {
    throw proxyError(
      400,
      `Invalid sort_order: ${value}. Must be 'asc' or 'desc'.`,
      'bad_request_error',
      'sort_order',
    );
  }
  return lowered;
}
