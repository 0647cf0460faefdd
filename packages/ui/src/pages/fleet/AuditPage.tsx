import { useState } from 'react';
import type { AuditEntry, AuditFilter } from '../../api/contract.js';
import { useApp, useWorkerName } from '../../app/context.js';
import { formatDateTime } from '../../app/format.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/States.js';
import { AuditFilters } from './AuditFilters.js';
import { useAuditLog } from './useAuditLog.js';

export default function AuditPage() {
  const { api, workers } = useApp();
  const [filter, setFilter] = useState<AuditFilter>({});
  const log = useAuditLog(api, filter);
  const { entries, loading, error } = log;

  return (
    <section>
      <PageHeader
        title="Audit log"
        description="Every change made through the control plane, by whom, on which worker."
        actions={
          <>
            <a className="cp-button" href={api.auditExportUrl(filter, 'csv')} download="audit.csv">
              Export CSV
            </a>
            <a className="cp-button" href={api.auditExportUrl(filter, 'json')} download="audit.json">
              Export JSON
            </a>
          </>
        }
      />
      <AuditFilters
        workers={workers}
        onApply={setFilter}
        onReset={() => {
          setFilter({});
          log.reload();
        }}
      />
      {error ? <ErrorState error={error} title="Could not load the audit log" onRetry={log.reload} /> : null}
      {loading && entries.length === 0 ? <Loading label="Loading the audit log…" /> : null}
      {!loading && !error && entries.length === 0 ? <EmptyState title="No audit entries match" /> : null}
      {entries.length > 0 ? <AuditTable entries={entries} /> : null}
      {log.hasMore ? (
        <div className="cp-toolbar">
          <button type="button" className="cp-button" onClick={() => void log.loadMore()} disabled={loading}>
            {loading ? 'Loading…' : 'Load older entries'}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const workerName = useWorkerName();
  const columns: Column<AuditEntry>[] = [
    {
      id: 'at',
      header: 'Time',
      rowHeader: true,
      cell: (entry) => <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>,
    },
    { id: 'actor', header: 'Actor', cell: (entry) => entry.actor },
    {
      id: 'worker',
      header: 'Worker',
      cell: (entry) =>
        entry.worker_id ? workerName(entry.worker_id) : <span className="cp-muted">control plane</span>,
    },
    {
      id: 'action',
      header: 'Action',
      cell: (entry) => (
        <span className="cp-cell-stack">
          <span>{entry.action}</span>
          {entry.path ? (
            <span className="cp-muted cp-mono cp-small">
              {entry.method} {entry.path}
            </span>
          ) : null}
        </span>
      ),
    },
    { id: 'target', header: 'Target', cell: (entry) => entry.target ?? '—' },
    {
      id: 'status',
      header: 'Status',
      align: 'num',
      cell: (entry) => (
        <span className={entry.status >= 400 ? 'cp-badge cp-badge-unreachable' : 'cp-badge cp-badge-healthy'}>
          {entry.status}
        </span>
      ),
    },
    {
      id: 'request',
      header: 'Request id',
      cell: (entry) => <span className="cp-mono cp-small">{entry.request_id || '—'}</span>,
    },
  ];
  return (
    <DataTable caption="Audit log entries" columns={columns} rows={entries} rowKey={(entry) => entry.id} />
  );
}
