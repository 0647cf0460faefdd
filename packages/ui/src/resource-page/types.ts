import type { ReactNode } from 'react';
import type { WorkerView } from '../api/contract.js';
import type { WorkerApi, WorkerRecord } from '../api/worker-api.js';
import type { Column } from '../components/DataTable.js';
import type { FieldSpec, FormValues } from '../pages/worker/RecordForm.js';
import type { WorkerSectionProps } from '../pages/worker/shared.js';

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
  /** Loads every row (through core's typed resources). A config gives `load` or `loadPage`. */
  load?(admin: WorkerApi, signal: AbortSignal): Promise<Row[]>;
  /** Loads one page on the worker's side (search and paging done by the worker); adds a pager. */
  loadPage?(admin: WorkerApi, query: PageQuery, signal: AbortSignal): Promise<RowPage<Row>>;
  /**
   * A search box above the table. With `loadPage` the text goes to the worker; with `load`, rows are
   * kept when `matches` says so (default: the row's label contains the text, ignoring case).
   */
  search?: {
    label: string;
    placeholder?: string;
    /** Empty state when nothing matches; default "No <noun> matches the search". */
    noMatchTitle?: string;
    matches?(row: Row, search: string): boolean;
  };
  /** Extra buttons per row (block, regenerate, members, …). */
  rowActions?: RowAction<Row>[];
  /** Whether a row may be edited / deleted (default: all); e.g. config-file models cannot. */
  canUpdate?(row: Row): boolean;
  canRemove?(row: Row): boolean;
  /** Shown in the actions cell of a row that has no button (e.g. "edit in config"). */
  noActions?: ReactNode;
  rowKey(row: Row): string;
  /** How a row is named in buttons, titles and announcements. */
  label(row: Row): string;
  columns: Column<Row>[];
  fields: FieldSpec[];
  /** The form's fields for a new row (no argument) or for `row`, when they depend on it; overrides `fields`. */
  formFields?(row?: Row): FieldSpec[];
  /** Form values for a new row (no argument) or for editing `row`. */
  initialValues(row?: Row): FormValues;
  create?(admin: WorkerApi, values: FormValues): Promise<unknown>;
  update?(admin: WorkerApi, row: Row, values: FormValues): Promise<unknown>;
  remove?(admin: WorkerApi, row: Row): Promise<unknown>;
  /** A secret in `create`'s result to show once (a new key). */
  createdSecret?(result: unknown): ShowOnce | undefined;
  /** Button and dialog title for creating; default "Create <noun>". */
  createLabel?: string;
  /** Announced after saving; default "<Noun> saved on <worker>." */
  savedMessage?(kind: 'create' | 'edit', values: FormValues, worker: WorkerView): string;
  /** Announced after deleting; default "<Noun> deleted on <worker>." */
  deletedMessage?(row: Row, worker: WorkerView): string;
  /** The empty state's title and detail when the worker has none (not when a search matches none). */
  emptyTitle?: string;
  emptyDetail?: ReactNode;
  /** Rows per page offered by the pager (default 25, 50, 100). */
  pageSizes?: number[];
  /** Dialog title when editing; default "Edit <label>". */
  editTitle?(row: Row): string;
  /** What the delete confirmation says after "Delete <label> on <worker>?". */
  deleteWarning?: ReactNode;
};

/** What a paged `loadPage` call asks for: the debounced search text, the 1-based page and its size. */
type PageQuery = { search: string; page: number; size: number };

/** One page of rows as the worker reports it; missing totals mean "one page". */
export type RowPage<Row> = { rows: Row[]; page?: number; totalPages?: number; totalCount?: number };

/** A value shown once (a new or regenerated key): the dialog says so and the page never keeps it. */
export type ShowOnce = { title: string; secret: string; label?: string };

/** What a row action's dialog receives: the row, the page's worker context and a way to close it. */
type RowActionDialogProps<Row> = WorkerSectionProps & { row: Row; onClose(): void };

/**
 * A button in a row besides Edit and Delete. Exactly one of `run` (act at once: block, unblock),
 * `confirm` (act after typing the worker's name: regenerate) or `dialog` (open a page-specific
 * dialog: team members) says what it does. `run` and `confirm.run` may return a `ShowOnce`.
 */
export type RowAction<Row> = {
  /** Visible text; the accessible name is "<label> <row label>" unless `ariaLabel` says otherwise. */
  label(row: Row): string;
  ariaLabel?(row: Row): string;
  danger?: boolean;
  /** Offered to read-only sessions too (only `dialog` actions should be). */
  readOnly?: boolean;
  /** Rendered after Edit instead of before it. */
  afterEdit?: boolean;
  run?(admin: WorkerApi, row: Row): Promise<ShowOnce | undefined>;
  confirm?: {
    title: string;
    actionLabel: string;
    body(row: Row, worker: WorkerView): ReactNode;
    run(admin: WorkerApi, row: Row): Promise<ShowOnce | undefined>;
  };
  dialog?(props: RowActionDialogProps<Row>): ReactNode;
  /** Announced after `run` or `confirm` succeeds. */
  done?(row: Row, worker: WorkerView): string;
};
