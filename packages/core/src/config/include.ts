import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setOwnProperty } from './env.js';
import type { ConfigIssue } from './errors.js';
import {
  CONFIG_MAX_BYTES,
  type ConfigSource,
  locate,
  type PathSegment,
  parseYamlSource,
  type SourcePosition,
  tooLargeMessage,
} from './source.js';

type SourceRoot = { source: ConfigSource; base: PathSegment[] };

/**
 * Where each part of the merged config came from, so an issue found after merging `include:` files
 * still points at the right file and line.
 */
export type Origin =
  | { kind: 'source'; root: SourceRoot }
  | { kind: 'list'; parts: (SourceRoot & { start: number; count: number })[] }
  | { kind: 'map'; root: SourceRoot; children: Map<string, Origin> };

function resolveOrigin(
  origin: Origin,
  path: readonly PathSegment[],
): { root: SourceRoot; rest: PathSegment[] } {
  const [head, ...rest] = path;
  switch (origin.kind) {
    case 'source':
      return { root: origin.root, rest: [...path] };
    case 'list': {
      const part =
        typeof head === 'number'
          ? origin.parts.find(
              (candidate) => head >= candidate.start && head < candidate.start + candidate.count,
            )
          : undefined;
      if (part === undefined || typeof head !== 'number') return { root: origin.parts[0]!, rest: [] };
      return { root: part, rest: [head - part.start, ...rest] };
    }
    case 'map': {
      const child = head === undefined ? undefined : origin.children.get(String(head));
      if (child === undefined) return { root: origin.root, rest: [...path] };
      return resolveOrigin(child, rest);
    }
  }
}

/** Source file, line and column of a path in the merged config. */
export function positionOf(origin: Origin, path: readonly PathSegment[]): SourcePosition {
  const { root, rest } = resolveOrigin(origin, path);
  return locate(root.source, [...root.base, ...rest]);
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function countOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function issueAt(origin: Origin, path: PathSegment[], formatted: string, message: string): ConfigIssue {
  return { path: formatted, message, ...positionOf(origin, path) };
}

export type MergeResult = {
  config: Record<string, unknown>;
  origin: Origin;
  issues: ConfigIssue[];
  warnings: ConfigIssue[];
};

/**
 * Applies `include:` the way LiteLLM does: each listed file (relative to the including file's directory)
 * is read in order; a list present in both is appended to, a mapping present in both is merged key by key
 * (the included file's keys win), anything else is replaced by the included value.
 * Included files' own `include:` keys are not followed, as in LiteLLM.
 */
export function applyIncludes(
  config: Record<string, unknown>,
  main: ConfigSource,
  baseDirectory: string,
  mainBytes: number,
): MergeResult {
  const mainRoot: SourceRoot = { source: main, base: [] };
  const children = new Map<string, Origin>();
  for (const key of Object.keys(config))
    children.set(key, { kind: 'source', root: { source: main, base: [key] } });
  const origin: Origin = { kind: 'map', root: mainRoot, children };
  const issues: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const includeList = config.include;
  if (includeList === undefined || includeList === null) return { config, origin, issues, warnings };
  if (!Array.isArray(includeList)) {
    issues.push(issueAt(origin, ['include'], 'include', 'expected a list of file paths'));
    return { config, origin, issues, warnings };
  }

  const merged: Record<string, unknown> = { ...config };
  let totalBytes = mainBytes;
  includeList.forEach((entry: unknown, index) => {
    const path = `include[${index}]`;
    if (typeof entry !== 'string' || entry === '') {
      issues.push(issueAt(origin, ['include', index], path, 'expected a file path'));
      return;
    }
    const file = resolve(baseDirectory, entry);
    const text = readIncluded(file);
    if (typeof text !== 'string') {
      issues.push(issueAt(origin, ['include', index], path, text.message));
      return;
    }
    // The size limit covers the config as a whole, so listing one file many times cannot get around it.
    totalBytes += Buffer.byteLength(text, 'utf8');
    if (totalBytes > CONFIG_MAX_BYTES) {
      const message = `config and its included files are too large together (more than ${CONFIG_MAX_BYTES} bytes, 10 MB)`;
      issues.push(issueAt(origin, ['include', index], path, message));
      return;
    }
    const parsed = parseYamlSource(text, file);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      return;
    }
    if (parsed.empty || !isPlainMap(parsed.value)) {
      const what = parsed.empty ? 'is empty' : 'must contain a mapping of sections';
      issues.push(issueAt(origin, ['include', index], path, `included file ${file} ${what}`));
      return;
    }
    for (const [key, value] of Object.entries(parsed.value)) {
      const included: SourceRoot = { source: parsed.source, base: [key] };
      const existing = Object.hasOwn(merged, key) ? merged[key] : undefined;
      const existingOrigin = children.get(key);
      if (key === 'include') {
        warnings.push({
          path: 'include',
          message: 'include inside an included file is not followed',
          ...locate(parsed.source, ['include']),
        });
        continue;
      }
      if (Array.isArray(existing) && Array.isArray(value) && existingOrigin !== undefined) {
        const parts =
          existingOrigin.kind === 'list'
            ? existingOrigin.parts
            : [{ ...rootOf(existingOrigin), start: 0, count: countOf(existing) }];
        parts.push({ ...included, start: existing.length, count: value.length });
        setOwnProperty(merged, key, [...existing, ...value]);
        children.set(key, { kind: 'list', parts });
      } else if (isPlainMap(existing) && isPlainMap(value) && existingOrigin !== undefined) {
        const mapOrigin: Origin =
          existingOrigin.kind === 'map'
            ? existingOrigin
            : { kind: 'map', root: rootOf(existingOrigin), children: new Map() };
        for (const subkey of Object.keys(value)) {
          mapOrigin.children.set(subkey, {
            kind: 'source',
            root: { source: parsed.source, base: [key, subkey] },
          });
        }
        setOwnProperty(merged, key, { ...existing, ...value });
        children.set(key, mapOrigin);
      } else {
        if (existing !== undefined && existing !== null) {
          warnings.push({
            path: key,
            message: `section replaced by the one in included file ${file}`,
            ...locate(parsed.source, [key]),
          });
        }
        setOwnProperty(merged, key, value);
        children.set(key, { kind: 'source', root: included });
      }
    }
  });
  return { config: merged, origin, issues, warnings };
}

function rootOf(origin: Origin): SourceRoot {
  return origin.kind === 'list' ? origin.parts[0]! : origin.root;
}

function readIncluded(file: string): string | { message: string } {
  try {
    const stats = statSync(file);
    // Devices and pipes (/dev/zero, /dev/stdin) report size 0 and would be read forever.
    if (!stats.isFile()) return { message: `included file ${file} is not a regular file` };
    if (stats.size > CONFIG_MAX_BYTES)
      return { message: `included file ${file}: ${tooLargeMessage(stats.size)}` };
    return readFileSync(file, 'utf8');
  } catch (error) {
    return { message: describeReadFailure(error, file, 'included file') };
  }
}

/** Message for a file that cannot be read, chosen by error code. */
export function describeReadFailure(error: unknown, file: string, what: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `${what} not found: ${file}`;
    case 'EISDIR':
      return `${what} is a directory, not a file: ${file}`;
    case 'EACCES':
    case 'EPERM':
      return `${what} cannot be read (permission denied): ${file}`;
    default:
      return `${what} cannot be read (${code ?? 'unknown error'}): ${file}`;
  }
}

export function directoryOf(file: string | undefined): string {
  return file === undefined ? process.cwd() : dirname(resolve(file));
}
