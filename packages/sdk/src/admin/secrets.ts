import { isObject, isSecretParam } from '../plan/compare.js';
import type { FieldDiff } from '../plan/types.js';
import type { KindDescriptor } from './kinds.js';

type JsonObject = Record<string, unknown>;

export const REDACTED = '[redacted]';

function isEnvironmentReference(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('os.environ/');
}

/** A value LiteLLM masked (`sk-1****cdef`) or this package redacted: it can never be written back. */
export function isMaskedValue(value: unknown): boolean {
  return value === REDACTED || (typeof value === 'string' && /\*{3,}/.test(value));
}

/** Fields whose names look secret but that only name or describe a credential. */
const NOT_SECRET = new Set(['credential_name', 'credential_info', 'litellm_credential_name']);

function isSecretPath(descriptor: KindDescriptor, path: string[]): boolean {
  if (path.length > 1 && descriptor.secretContainers?.includes(path[0]!)) return true;
  return path.some((segment) => isSecretParam(segment) && !NOT_SECRET.has(segment));
}

/**
 * A copy fit for plans and reports: every secret-named field (at any depth) and every entry of a secret
 * container reads `[redacted]`; environment references (`os.environ/X`) name no secret and stay.
 */
export function redactObject(
  descriptor: KindDescriptor,
  object: JsonObject,
): { object: JsonObject; secretFields: string[] } {
  const secretFields: string[] = [];
  const walk = (value: unknown, path: string[]): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item, path));
    if (isObject(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) => [key, walk(inner, [...path, key])]),
      );
    }
    if (
      path.length > 0 &&
      isSecretPath(descriptor, path) &&
      value !== null &&
      !isEnvironmentReference(value)
    ) {
      secretFields.push(path.join('.'));
      return REDACTED;
    }
    return value;
  };
  return { object: walk(object, []) as JsonObject, secretFields };
}

/** What may be sent to a worker: masked and redacted values are dropped, never written as text. */
export function writableObject(object: JsonObject): JsonObject {
  const walk = (value: JsonObject): JsonObject => {
    const copy: JsonObject = {};
    for (const [key, inner] of Object.entries(value)) {
      if (isMaskedValue(inner)) continue;
      copy[key] = isObject(inner) ? walk(inner) : inner;
    }
    return copy;
  };
  return walk(object);
}

/** Differences with secret values hidden: the report says the field differs, not what it holds. */
export function redactFieldDiffs(descriptor: KindDescriptor, diffs: FieldDiff[]): FieldDiff[] {
  return diffs.map((diff) =>
    isSecretPath(descriptor, diff.field.split('.'))
      ? {
          field: diff.field,
          from: diff.from === null || isEnvironmentReference(diff.from) ? diff.from : REDACTED,
          to: diff.to === null || isEnvironmentReference(diff.to) ? diff.to : REDACTED,
        }
      : diff,
  );
}
