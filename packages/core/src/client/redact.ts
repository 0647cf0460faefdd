/** Replaces every occurrence of the worker credential, so it cannot leak through echoed text. */
export type Redactor = {
  text(value: string): string;
  value<T>(value: T): T;
};

const REDACTED = '[redacted]';

export function createRedactor(secret: string | undefined): Redactor {
  // Very short strings would redact ordinary words; real credentials are far longer.
  const active = typeof secret === 'string' && secret.length >= 4;
  const text = (value: string): string =>
    active && value.includes(secret as string) ? value.split(secret as string).join(REDACTED) : value;
  const deep = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value);
    if (!active || depth > 32 || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => deep(item, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) copy[text(name)] = deep(item, depth + 1);
    return copy;
  };
  return { text, value: <T>(value: T): T => deep(value, 0) as T };
}
