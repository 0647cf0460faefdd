import type { PathSegment } from './source.js';

/** LiteLLM's syntax for "read this value from the environment": the whole string is `os.environ/NAME`. */
export const ENV_REFERENCE_PREFIX = 'os.environ/';

export type Environment = Record<string, string | undefined>;

type UnsetReference = { path: PathSegment[]; name: string };

export type EnvironmentResolution = {
  value: unknown;
  unset: UnsetReference[];
  /** Paths where a YAML alias refers to one of its own ancestors. */
  circular: PathSegment[][];
};

/** The variable named by `value` when it is an `os.environ/NAME` reference. */
function environmentReferenceName(value: string): string | undefined {
  return value.startsWith(ENV_REFERENCE_PREFIX) ? value.slice(ENV_REFERENCE_PREFIX.length) : undefined;
}

/**
 * LiteLLM copies the config's `environment_variables` section into the process environment when it starts
 * (keeping variables that are already set), so references may name variables defined there.
 */
export function environmentWithConfigDefaults(
  environment: Environment,
  config: Record<string, unknown>,
): Environment {
  const section = config.environment_variables;
  if (typeof section !== 'object' || section === null || Array.isArray(section)) return environment;
  const defaults: Environment = {};
  for (const [name, value] of Object.entries(section)) {
    if (typeof value === 'string' && environmentReferenceName(value) === undefined) defaults[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') defaults[name] = String(value);
  }
  return { ...defaults, ...definedOnly(environment) };
}

function definedOnly(environment: Environment): Environment {
  const result: Environment = {};
  for (const [name, value] of Object.entries(environment)) if (value !== undefined) result[name] = value;
  return result;
}

/**
 * Returns a copy of `value` with every `os.environ/NAME` string value replaced by the variable's value.
 * References to unset variables are left as written and reported; mapping keys are never resolved.
 */
export function resolveEnvironmentReferences(
  value: unknown,
  environment: Environment,
): EnvironmentResolution {
  const unset: UnsetReference[] = [];
  const circular: PathSegment[][] = [];
  const ancestors = new Set<object>();

  const visit = (current: unknown, path: PathSegment[]): unknown => {
    if (typeof current === 'string') {
      const name = environmentReferenceName(current);
      if (name === undefined) return current;
      const resolved = Object.hasOwn(environment, name) ? environment[name] : undefined;
      if (resolved === undefined) {
        unset.push({ path, name });
        return current;
      }
      return resolved;
    }
    if (typeof current !== 'object' || current === null) return current;
    if (ancestors.has(current)) {
      circular.push(path);
      return null;
    }
    ancestors.add(current);
    try {
      if (Array.isArray(current)) return current.map((item, index) => visit(item, [...path, index]));
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(current))
        setOwnProperty(copy, key, visit(item, [...path, key]));
      return copy;
    } finally {
      ancestors.delete(current);
    }
  };

  return { value: visit(value, []), unset, circular };
}

/** Assigns without invoking setters, so a `__proto__` key in YAML stays data and never changes a prototype. */
export function setOwnProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
