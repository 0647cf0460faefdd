import type { ReactNode } from 'react';
import type { WorkerApi, WorkerRecord } from '../api/worker-api.js';
import type { Column } from '../components/DataTable.js';
import type { FieldSpec, FormValues } from '../pages/worker/RecordForm.js';

/**
 * Everything that differs between two worker resource pages (budgets, organizations, …). A page is
 * `<ResourcePage config={…} />`; the component supplies loading, error and empty states, the table, the
 * create/edit dialog, the delete confirmation, announcements and the read-only mode.
 */
export type ResourceConfig<Row extends WorkerRecord> = {
  /** Singular, lower case, used in labels: "budget" → "Create budget", "Budget saved on …". */
  noun: string;
  /** Plural, lower case: "budgets" → "Loading budgets…", "No budgets on this worker yet". */
  plural: string;
  /** Loads every row (through core's typed resources). */
  load(admin: WorkerApi, signal: AbortSignal): Promise<Row[]>;
  rowKey(row: Row): string;
  /** How a row is named in buttons, titles and announcements. */
  label(row: Row): string;
  columns: Column<Row>[];
  fields: FieldSpec[];
  /** Form values for a new row (no argument) or for editing `row`. */
  initialValues(row?: Row): FormValues;
  create?(admin: WorkerApi, values: FormValues): Promise<unknown>;
  update?(admin: WorkerApi, row: Row, values: FormValues): Promise<unknown>;
  remove?(admin: WorkerApi, row: Row): Promise<unknown>;
  /** Dialog title when editing; default "Edit <label>". */
  editTitle?(row: Row): string;
  /** What the delete confirmation says after "Delete <label> on <worker>?". */
  deleteWarning?: ReactNode;
};
