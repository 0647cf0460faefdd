const money = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 2,
});
const smallMoney = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 4,
});
const integer = new Intl.NumberFormat('en-US');

export function formatMoney(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  return value !== 0 && Math.abs(value) < 1 ? smallMoney.format(value) : money.format(value);
}

export function formatInteger(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? integer.format(value) : '—';
}

export function formatDateTime(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

export function formatRelative(value: unknown, now = Date.now()): string {
  if (typeof value !== 'string' || value === '') return 'never';
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  const seconds = Math.round((now - time) / 1000);
  if (Math.abs(seconds) < 5) return 'just now';
  const future = seconds < 0;
  const absolute = Math.abs(seconds);
  const [amount, unit] =
    absolute < 60
      ? [absolute, 's']
      : absolute < 3600
        ? [Math.floor(absolute / 60), 'min']
        : absolute < 86_400
          ? [Math.floor(absolute / 3600), 'h']
          : [Math.floor(absolute / 86_400), 'd'];
  return future ? `in ${amount} ${unit}` : `${amount} ${unit} ago`;
}

export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `1 worker`, `3 workers`, `0 matches` (with `plural` for words that do not just take an s). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function daysAgo(days: number, now = new Date()): string {
  return isoDate(new Date(now.getTime() - days * 86_400_000));
}

/** An object's fields, or none when the value is not a plain object. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function asStringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
