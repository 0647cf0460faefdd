/** Replaces every occurrence of the worker credential, so it cannot leak through echoed text. */
export type Redactor = {
  text(value: string): string;
  value<T>(value: T): T;
  /** Also redacts `secret` from now on (a session key obtained after the client was built). */
  add(secret: string): void;
};

export const REDACTED = '[redacted]';

export function createRedactor(secret: string | undefined): Redactor {
  // Very short strings would redact ordinary words; real credentials are far longer.
  const secrets = new Set<string>();
  const add = (value: string | undefined) => {
    if (typeof value === 'string' && value.length >= 4) secrets.add(value);
  };
  add(secret);
  const text = (value: string): string => {
    let result = value;
    for (const current of secrets) {
      if (result.includes(current)) result = result.split(current).join(REDACTED);
    }
    return result;
  };
  const deep = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value);
    if (secrets.size === 0 || depth > 32 || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => deep(item, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) copy[text(name)] = deep(item, depth + 1);
    return copy;
  };
  return { text, value: <T>(value: T): T => deep(value, 0) as T, add };
}
