import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Environment, resolveEnvironmentReferences } from '../config/env.js';
import { ConfigError, type ConfigIssue } from '../config/errors.js';
import { describeReadFailure } from '../config/include.js';
import { describeSchemaIssue } from '../config/parse.js';
import { CONFIG_MAX_BYTES, formatPath, locate, type PathSegment, parseYamlSource } from '../config/source.js';
import { type FleetFile, FleetFileSchema } from './schema.js';

const WHAT = 'fleet file';

/** Parses `fleet.yaml`: YAML, `os.environ/NAME` resolved from `env`, then the schema. Throws a ConfigError. */
export function parseFleetFile(
  text: string,
  options: { env?: Environment; filename?: string } = {},
): FleetFile {
  const file = options.filename;
  const parsed = parseYamlSource(text, file);
  if (!parsed.ok) throw new ConfigError(parsed.issues, file, WHAT);
  const at = (path: PathSegment[], message: string): ConfigIssue => ({
    path: formatPath(path),
    message,
    ...locate(parsed.source, path),
  });
  if (parsed.empty) throw new ConfigError([at([], 'the file is empty')], file, WHAT);
  const resolution = resolveEnvironmentReferences(parsed.value, options.env ?? process.env);
  const issues: ConfigIssue[] = resolution.unset.map((reference) =>
    at(reference.path, `environment variable ${reference.name} is not set`),
  );
  for (const path of resolution.circular)
    issues.push(at(path, 'YAML alias refers to a node that contains it'));
  const result = FleetFileSchema.safeParse(resolution.value, { error: describeSchemaIssue });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
      issues.push(at(path, issue.message));
    }
  }
  if (result.success) checkDuplicates(result.data, at, issues);
  if (issues.length > 0 || !result.success) throw new ConfigError(issues, file, WHAT);
  return result.data;
}

const IDENTITY = {
  teams: 'team_alias',
  models: 'model_name',
  budgets: 'budget_id',
  key_policies: 'key_alias',
};

function checkDuplicates(
  fleet: FleetFile,
  at: (path: PathSegment[], message: string) => ConfigIssue,
  issues: ConfigIssue[],
): void {
  fleet.targets.forEach((target, targetIndex) => {
    for (const [resource, field] of Object.entries(IDENTITY)) {
      const items = (target as Record<string, unknown>)[resource] as Record<string, unknown>[] | undefined;
      const seen = new Map<unknown, number>();
      items?.forEach((item, index) => {
        const first = seen.get(item[field]);
        if (first === undefined) seen.set(item[field], index);
        else
          issues.push(
            at(
              ['targets', targetIndex, resource, index, field],
              `duplicate ${field} "${String(item[field])}" (already declared at ${resource}[${first}])`,
            ),
          );
      });
    }
  });
}

/** Reads and parses a fleet file; see `parseFleetFile`. */
export async function loadFleetFile(path: string, options: { env?: Environment } = {}): Promise<FleetFile> {
  const file = resolve(path);
  let text: string;
  try {
    const stats = await stat(file);
    if (!stats.isFile())
      throw new ConfigError([{ path: '', message: `${file} is not a regular file` }], file, WHAT);
    if (stats.size > CONFIG_MAX_BYTES)
      throw new ConfigError(
        [{ path: '', message: `the file is larger than ${CONFIG_MAX_BYTES} bytes` }],
        file,
        WHAT,
      );
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (ConfigError.isInstance(error)) throw error;
    throw new ConfigError([{ path: '', message: describeReadFailure(error, file, WHAT) }], file, WHAT);
  }
  return parseFleetFile(text, { ...(options.env === undefined ? {} : { env: options.env }), filename: file });
}
