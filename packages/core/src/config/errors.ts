/** One problem found in a config file, located by its YAML path and, when known, its source position. */
export type ConfigIssue = {
  /** YAML path such as `worker_registry[1].url`; an empty string means the document as a whole. */
  path: string;
  message: string;
  /** 1-based line in `file`. */
  line?: number;
  /** 1-based column in `file`. */
  column?: number;
  /** File the issue was found in: the config file itself or one of its `include:` files. */
  file?: string;
};

const CONFIG_ERROR_MARKER = Symbol.for('@llm-control-plane/core.ConfigError');

/** Describes the place of an issue, e.g. `worker_registry[1].url (line 12, column 10)`. */
export function formatConfigIssue(issue: ConfigIssue, mainFile?: string): string {
  const position: string[] = [];
  if (issue.file !== undefined && issue.file !== mainFile) position.push(issue.file);
  if (issue.line !== undefined) {
    position.push(
      issue.column === undefined ? `line ${issue.line}` : `line ${issue.line}, column ${issue.column}`,
    );
  }
  const place = issue.path === '' ? '(root)' : issue.path;
  const suffix = position.length > 0 ? ` (${position.join(', ')})` : '';
  return `${place}${suffix}: ${issue.message}`;
}

function formatMessage(issues: readonly ConfigIssue[], file: string | undefined, what: string): string {
  const heading = file === undefined ? `Invalid ${what}:` : `Invalid ${what} in ${file}:`;
  return [heading, ...issues.map((issue) => `  ${formatConfigIssue(issue, file)}`)].join('\n');
}

/**
 * Thrown by `parseConfig` and `loadConfig` with every issue found, not only the first.
 * Messages never contain credential values: they name paths, variables and URL schemes only.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: ConfigIssue[];
  readonly file: string | undefined;

  /** `what` names the kind of file in the message. @default 'control-plane config' */
  constructor(issues: ConfigIssue[], file?: string, what = 'control-plane config') {
    super(formatMessage(issues, file, what));
    this.issues = issues;
    this.file = file;
    Object.defineProperty(this, CONFIG_ERROR_MARKER, { value: true });
  }

  /** Recognises a ConfigError even when several copies of this package are loaded. */
  static isInstance(value: unknown): value is ConfigError {
    return typeof value === 'object' && value !== null && CONFIG_ERROR_MARKER in value;
  }
}
