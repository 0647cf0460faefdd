import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { type Environment, environmentWithConfigDefaults, resolveEnvironmentReferences } from './env.js';
import { ConfigError, type ConfigIssue } from './errors.js';
import { applyIncludes, describeReadFailure, directoryOf, type Origin, positionOf } from './include.js';
import { type ControlPlaneConfig, ControlPlaneConfigSchema, WORKER_ENTRY_FIELDS } from './schema.js';
import {
  CONFIG_MAX_BYTES,
  formatPath,
  locateRoot,
  type PathSegment,
  parseYamlSource,
  tooLargeMessage,
} from './source.js';

export type ParseConfigOptions = {
  /** Where `os.environ/NAME` values are read from. @default process.env */
  env?: Environment;
  /** Shown in messages; `include:` paths are resolved against its directory (else the working directory). */
  filename?: string;
};

export type LoadConfigOptions = {
  /** Where `os.environ/NAME` values are read from. @default process.env */
  env?: Environment;
};

export type ParsedConfig = {
  config: ControlPlaneConfig;
  /** Problems that do not stop the control plane: unknown worker fields, unset variables it does not use. */
  warnings: ConfigIssue[];
  file?: string;
};

/** Sections the control plane itself reads; an unset variable there is an error, elsewhere a warning. */
const SECTIONS_USED = new Set(['worker_registry', 'general_settings']);

function describeValueType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

const EXPECTED_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'a boolean',
};

/** Wording for zod's built-in issues; it names types only, never the value, which may be a secret. */
export const describeSchemaIssue: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'required field is missing';
    const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
    return `expected ${expected}, got ${describeValueType(issue.input)}`;
  }
  return undefined;
};

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWithin(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return (
    prefix.length <= path.length && prefix.every((segment, index) => String(path[index]) === String(segment))
  );
}

function issueAt(origin: Origin, path: PathSegment[], message: string): ConfigIssue {
  return { path: formatPath(path), message, ...positionOf(origin, path) };
}

/** Checks that need the whole registry or the raw entries: duplicates and fields the schema drops. */
function checkWorkerEntries(
  registry: unknown,
  origin: Origin,
  issues: ConfigIssue[],
  warnings: ConfigIssue[],
): void {
  if (!Array.isArray(registry)) return;
  const known = new Set<string>(WORKER_ENTRY_FIELDS);
  const firstIndexById = new Map<string, number>();
  registry.forEach((entry: unknown, index) => {
    if (!isPlainMap(entry)) return;
    for (const field of Object.keys(entry)) {
      if (known.has(field)) continue;
      warnings.push(
        issueAt(
          origin,
          ['worker_registry', index, field],
          `unknown field "${field}" is ignored (known fields: ${WORKER_ENTRY_FIELDS.join(', ')})`,
        ),
      );
    }
    if ('ui_username' in entry !== 'ui_password' in entry) {
      const missing = 'ui_username' in entry ? 'ui_password' : 'ui_username';
      issues.push(
        issueAt(
          origin,
          ['worker_registry', index, missing],
          `${missing} is required with ${missing === 'ui_password' ? 'ui_username' : 'ui_password'} (the worker's UI login)`,
        ),
      );
    }
    const workerId = entry.worker_id;
    if (typeof workerId !== 'string') return;
    const first = firstIndexById.get(workerId);
    if (first === undefined) {
      firstIndexById.set(workerId, index);
      return;
    }
    issues.push(
      issueAt(
        origin,
        ['worker_registry', index, 'worker_id'],
        `duplicate worker_id "${workerId}" (already used by worker_registry[${first}])`,
      ),
    );
  });
}

function sortIssues(issues: ConfigIssue[], mainFile: string | undefined): ConfigIssue[] {
  const rank = (issue: ConfigIssue) => (issue.file === mainFile ? 0 : 1);
  return [...issues].sort((left, right) => rank(left) - rank(right) || (left.line ?? 0) - (right.line ?? 0));
}

/**
 * Parses a control-plane config: a LiteLLM proxy config whose `worker_registry` lists the workers.
 * Follows `include:`, resolves `os.environ/NAME` values and validates the sections the control plane uses,
 * keeping every other section as written. Throws a ConfigError listing every issue found.
 */
export function parseConfig(text: string, options: ParseConfigOptions = {}): ParsedConfig {
  const file = options.filename;
  const parsed = parseYamlSource(text, file);
  if (!parsed.ok) throw new ConfigError(parsed.issues, file);
  const fileField = file === undefined ? {} : { file };
  if (parsed.empty) {
    throw new ConfigError([{ path: '', message: 'config file is empty', ...fileField }], file);
  }
  if (!isPlainMap(parsed.value)) {
    const message = `config must be a mapping of sections (worker_registry, general_settings, ...), got ${describeValueType(parsed.value)}`;
    throw new ConfigError([{ path: '', message, ...locateRoot(parsed.source), ...fileField }], file);
  }

  const merged = applyIncludes(
    parsed.value,
    parsed.source,
    directoryOf(file),
    Buffer.byteLength(text, 'utf8'),
  );
  const issues = [...merged.issues];
  const warnings = [...merged.warnings];
  const { origin } = merged;

  const environment = environmentWithConfigDefaults(options.env ?? process.env, merged.config);
  const resolution = resolveEnvironmentReferences(merged.config, environment);
  const skipped: PathSegment[][] = [];
  const knownWorkerFields = new Set<string>(WORKER_ENTRY_FIELDS);
  for (const reference of resolution.unset) {
    const [section, , field] = reference.path;
    // An unknown worker field is dropped, so its variable is not needed either.
    const used =
      SECTIONS_USED.has(String(section)) &&
      !(section === 'worker_registry' && field !== undefined && !knownWorkerFields.has(String(field)));
    if (used) {
      issues.push(issueAt(origin, reference.path, `environment variable ${reference.name} is not set`));
      skipped.push(reference.path);
    } else {
      warnings.push(
        issueAt(
          origin,
          reference.path,
          `environment variable ${reference.name} is not set; the value is left as os.environ/${reference.name}`,
        ),
      );
    }
  }
  for (const path of resolution.circular) {
    issues.push(issueAt(origin, path, 'YAML alias refers to a node that contains it (circular)'));
    skipped.push(path);
  }

  const result = ControlPlaneConfigSchema.safeParse(resolution.value, { error: describeSchemaIssue });
  if (!result.success) {
    for (const schemaIssue of result.error.issues) {
      const path = schemaIssue.path.map((segment) =>
        typeof segment === 'number' ? segment : String(segment),
      );
      // An unset variable already explains why this value is wrong.
      if (skipped.some((skippedPath) => isWithin(path, skippedPath))) continue;
      issues.push(issueAt(origin, path, schemaIssue.message));
    }
  }
  if (isPlainMap(resolution.value)) {
    checkWorkerEntries(resolution.value.worker_registry, origin, issues, warnings);
  }

  if (issues.length > 0 || !result.success) throw new ConfigError(sortIssues(issues, file), file);
  return { config: result.data, warnings: sortIssues(warnings, file), ...fileField };
}

/**
 * Reads and parses a config file; see `parseConfig`. The path is resolved against the working directory
 * and a file over 10 MB is refused before it is read.
 */
export async function loadConfig(path: string, options: LoadConfigOptions = {}): Promise<ParsedConfig> {
  const file = resolve(path);
  let text: string;
  try {
    const stats = await stat(file);
    // Devices and pipes (/dev/zero, /dev/stdin) report size 0 and would be read forever.
    if (!stats.isFile())
      throw new ConfigError([{ path: '', message: `${file} is not a regular file`, file }], file);
    if (stats.size > CONFIG_MAX_BYTES)
      throw new ConfigError([{ path: '', message: tooLargeMessage(stats.size), file }], file);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (ConfigError.isInstance(error)) throw error;
    throw new ConfigError(
      [{ path: '', message: describeReadFailure(error, file, 'config file'), file }],
      file,
    );
  }
  return parseConfig(text, { ...(options.env === undefined ? {} : { env: options.env }), filename: file });
}
