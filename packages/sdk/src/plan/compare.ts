import { REDACTED } from '@llm-control-plane/core';
import type { FieldDiff } from './types.js';

type JsonObject = Record<string, unknown>;

/** Provider secrets are write-only on LiteLLM (info routes strip them), so they can never be compared. */
const SECRET_PARAM = /api_key|secret|password|token|credential|private_key|access_key/i;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isSecretParam(name: string): boolean {
  return SECRET_PARAM.test(name);
}

function isEnvironmentReference(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('os.environ/');
}

/** Order of string lists (model names, ...) carries no meaning; missing and null are the same. */
export function normalise(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) {
    const items = value.map(normalise);
    return items.every((item) => typeof item === 'string') ? [...(items as string[])].sort() : items;
  }
  if (isObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => value[key] !== undefined)
        .sort()
        .map((key) => [key, normalise(value[key])]),
    );
  }
  return value;
}

function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(normalise(left)) === JSON.stringify(normalise(right));
}

export type DiffRules = {
  /** The identity field, never diffed. */
  identity: string;
  /** Object fields compared key by key, desired keys only (metadata, litellm_params, model_info). */
  nested?: string[];
};

function nestedSkipped(field: string, key: string, value: unknown): boolean {
  if (field === 'model_info' && key === 'id') return true;
  if (field === 'litellm_params') return isSecretParam(key) || isEnvironmentReference(value);
  return false;
}

/** Differences of the fields the desired object names; fields it leaves out are not managed. */
export function diffFields(
  desired: JsonObject,
  actual: JsonObject | undefined,
  rules: DiffRules,
): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const [field, wanted] of Object.entries(desired)) {
    if (field === rules.identity || wanted === undefined) continue;
    const current = actual?.[field];
    if (rules.nested?.includes(field) && isObject(wanted)) {
      const currentObject = isObject(current) ? current : {};
      for (const [key, wantedValue] of Object.entries(wanted)) {
        if (wantedValue === undefined || nestedSkipped(field, key, wantedValue)) continue;
        if (!sameValue(wantedValue, currentObject[key])) {
          diffs.push({
            field: `${field}.${key}`,
            from: normalise(currentObject[key]),
            to: normalise(wantedValue),
          });
        }
      }
      continue;
    }
    if (!sameValue(wanted, current)) diffs.push({ field, from: normalise(current), to: normalise(wanted) });
  }
  return diffs;
}

/** Symmetric comparison of two projections (drift against a baseline worker). */
export function diffProjections(baseline: JsonObject, actual: JsonObject): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  const fields = [...new Set([...Object.keys(baseline), ...Object.keys(actual)])].sort();
  for (const field of fields) {
    const wanted = baseline[field];
    const current = actual[field];
    if (isObject(wanted) || isObject(current)) {
      const wantedObject = isObject(wanted) ? wanted : {};
      const currentObject = isObject(current) ? current : {};
      const keys = [...new Set([...Object.keys(wantedObject), ...Object.keys(currentObject)])].sort();
      for (const key of keys) {
        if (!sameValue(wantedObject[key], currentObject[key])) {
          diffs.push({
            field: `${field}.${key}`,
            from: normalise(currentObject[key]),
            to: normalise(wantedObject[key]),
          });
        }
      }
      continue;
    }
    if (!sameValue(wanted, current)) diffs.push({ field, from: normalise(current), to: normalise(wanted) });
  }
  return diffs;
}

/** A copy fit for plans and reports: provider secrets inside litellm_params are masked. */
export function redact(value: JsonObject): JsonObject {
  const copy = normalise(value) as JsonObject;
  const params = copy.litellm_params;
  if (isObject(params)) {
    copy.litellm_params = Object.fromEntries(
      Object.entries(params).map(([key, inner]) => [
        key,
        isSecretParam(key) && !isEnvironmentReference(inner) && inner !== null ? REDACTED : inner,
      ]),
    );
  }
  return copy;
}

export function redactDiffs(diffs: FieldDiff[]): FieldDiff[] {
  return diffs.map((diff) => {
    const [, key] = diff.field.split('.', 2);
    if (diff.field.startsWith('litellm_params.') && key && isSecretParam(key)) {
      return { field: diff.field, from: diff.from === null ? null : REDACTED, to: REDACTED };
    }
    return diff;
  });
}

export function pick(source: JsonObject | undefined, fields: Iterable<string>): JsonObject {
  const picked: JsonObject = {};
  for (const field of fields) {
    if (source && source[field] !== undefined) picked[field] = source[field];
  }
  return picked;
}

export function topLevelFields(diffs: FieldDiff[]): string[] {
  return [...new Set(diffs.map((diff) => diff.field.split('.', 1)[0]!))];
}
