import type { ObjectFieldDiff, ObjectWorkerRow } from '../../api/objects.js';
import { featureUnavailableMessage } from '../../api/worker-api.js';
import { useWorkerName } from '../../app/context.js';
import { type Column, DataTable } from '../../components/DataTable.js';

/** Lists, booleans and objects as short text; secrets already arrive redacted. */
export function showValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(showValue).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** "not available on this worker (LiteLLM 1.66.0)": a missing feature is a fact about the worker, not an error. */
export function unavailableText(row: Pick<ObjectWorkerRow, 'litellmVersion' | 'reason'>): string {
  return featureUnavailableMessage(row.litellmVersion, row.reason);
}

type DiffRow = ObjectFieldDiff & { workerId?: string };

/** Per-field differences: what the worker has, and what the reference has. */
export function DiffTable({
  caption,
  rows,
  workerLabel,
  referenceLabel,
}: {
  caption: string;
  rows: DiffRow[];
  workerLabel: string;
  referenceLabel: string;
}) {
  const workerName = useWorkerName();
  const columns: Column<DiffRow>[] = [
    ...(rows.some((row) => row.workerId)
      ? [{ id: 'worker', header: 'Worker', cell: (row: DiffRow) => workerName(row.workerId ?? '') }]
      : []),
    { id: 'field', header: 'Field', rowHeader: true, cell: (row) => <code>{row.field}</code> },
    { id: 'from', header: workerLabel, cell: (row) => showValue(row.from) },
    { id: 'to', header: referenceLabel, cell: (row) => showValue(row.to) },
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={rows}
      rowKey={(row) => `${row.workerId ?? ''}:${row.field}`}
    />
  );
}
