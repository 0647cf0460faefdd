import type { z } from 'zod';
import { WorkerResponseError } from '../errors/worker-errors.js';

/** `keys[0].spend` style path of a zod issue. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') result += `[${segment}]`;
    else result += result.length === 0 ? String(segment) : `.${String(segment)}`;
  }
  return result;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map(String).join(', ')}`;
  return issue.message;
}

export type ResponseContext = {
  /** A function when building the label costs something: it is only needed for an error. */
  label: string | (() => string);
  status: number;
  workerId?: string | undefined;
  contentType?: string | undefined;
};

/** Parses a successful body as JSON and validates it; both failures become WorkerResponseError. */
export function parseResponseBody<Schema extends z.ZodType>(
  schema: Schema,
  bodyText: string,
  context: ResponseContext,
): z.output<Schema> {
  const label = () => (typeof context.label === 'string' ? context.label : context.label());
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch (cause) {
    const type = context.contentType ? `, content-type ${context.contentType}` : '';
    throw new WorkerResponseError(
      `${label()} returned a body that is not JSON (status ${context.status}${type})`,
      { workerId: context.workerId, status: context.status, cause },
    );
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue === undefined ? '' : formatIssuePath(issue.path);
  const description = issue === undefined ? 'invalid' : describeIssue(issue);
  const where = field.length > 0 ? field : 'response body';
  throw new WorkerResponseError(`${label()} returned an invalid response: ${where}: ${description}`, {
    workerId: context.workerId,
    status: context.status,
    field: field.length > 0 ? field : undefined,
  });
}
