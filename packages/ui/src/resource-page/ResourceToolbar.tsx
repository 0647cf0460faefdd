import { useId } from 'react';
import type { WorkerRecord } from '../api/worker-api.js';
import type { ResourceConfig } from './types.js';
import type { ResourceRows } from './useResourceRows.js';

/** The search box (when configured) and the create button (when allowed) above a resource table. */
export function ResourceToolbar<Row extends WorkerRecord>({
  config,
  rows,
  createLabel,
  onCreate,
}: {
  config: ResourceConfig<Row>;
  rows: ResourceRows<Row>;
  createLabel: string;
  onCreate: (() => void) | undefined;
}) {
  const searchId = useId();
  if (!config.search && !onCreate) return null;
  const create = onCreate ? (
    <button type="button" className="cp-button cp-button-primary" onClick={onCreate}>
      {createLabel}
    </button>
  ) : null;
  if (!config.search) return <div className="cp-toolbar cp-toolbar-end">{create}</div>;
  return (
    <div className="cp-toolbar">
      <div className="cp-field cp-field-inline cp-grow">
        <label htmlFor={searchId}>{config.search.label}</label>
        <input
          id={searchId}
          type="search"
          data-search
          placeholder={config.search.placeholder}
          value={rows.search}
          onChange={(event) => rows.setSearch(event.target.value)}
        />
      </div>
      {create}
    </div>
  );
}
