import { z } from 'zod';
import type { AuditEntry } from './types.js';

/** One audit entry as the API answers it (JSON) and exports it (CSV), in the snake_case of the table. */
export const AuditRecordSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  worker_id: z.string().nullable(),
  action: z.string(),
  method: z.string().nullable(),
  path: z.string().nullable(),
  target: z.string().nullable(),
  status: z.number().int(),
  request_id: z.string(),
  correlation_id: z.string().nullable(),
  detail: z.unknown(),
});

export type AuditRecord = z.infer<typeof AuditRecordSchema>;

/** Column order of the CSV export: the fields of `AuditRecordSchema`, in its order. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'actor',
  'worker_id',
  'action',
  'method',
  'path',
  'target',
  'status',
  'request_id',
  'correlation_id',
  'detail',
] as const satisfies readonly (keyof AuditRecord)[];

export type AuditCsvOptions = {
  /** Include the header row (default true); false to append further pages to one file. */
  header?: boolean;
};

/**
 * RFC 4180 CSV (CRLF line ends, fields quoted when needed). Cells that a spreadsheet would run as a
 * formula are prefixed with a single quote, since actors, paths and targets come from API callers.
 */
export function auditToCsv(entries: readonly AuditEntry[], options: AuditCsvOptions = {}): string {
  const lines: string[] = [];
  if (options.header !== false) lines.push(AUDIT_CSV_COLUMNS.join(','));
  for (const entry of entries) {
    const record = auditToJson(entry);
    lines.push(AUDIT_CSV_COLUMNS.map((column) => csvCell(record[column])).join(','));
  }
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}

/** An entry in the API's snake_case JSON shape. */
export function auditToJson(entry: AuditEntry): AuditRecord {
  return {
    id: entry.id,
    at: entry.at,
    actor: entry.actor,
    worker_id: entry.workerId,
    action: entry.action,
    method: entry.method,
    path: entry.path,
    target: entry.target,
    status: entry.status,
    request_id: entry.requestId,
    correlation_id: entry.correlationId,
    detail: entry.detail,
  };
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
