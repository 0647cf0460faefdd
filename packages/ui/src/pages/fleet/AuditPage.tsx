import { type FormEvent, useEffect, useId, useState } from 'react';
import type { AuditEntry, AuditFilter } from '../../api/contract.js';
import { type ApiError, toApiError } from '../../api/errors.js';
import { useApp } from '../../app/context.js';
import { formatDateTime } from '../../app/format.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/States.js';

const PAGE_SIZE = 100;

export default function AuditPage() {
  const { api, workers } = useApp();
  const ids = {
    worker: useId(),
    actor: useId(),
    action: useId(),
    status: useId(),
    since: useId(),
    until: useId(),
  };
  const [draft, setDraft] = useState<AuditFilter>({});
  const [filter, setFilter] = useState<AuditFilter>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [generation, setGeneration] = useState(0);
  const nameOf = (workerId: string) =>
    workers.find((worker) => worker.worker_id === workerId)?.name ?? workerId;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` reloads after Reset or Retry
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api
      .audit({ ...filter, limit: PAGE_SIZE }, controller.signal)
      .then((page) => {
        setEntries(page.entries);
        setCursor(page.next_cursor);
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setError(toApiError(caught));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [api, filter, generation]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await api.audit({ ...filter, limit: PAGE_SIZE, cursor });
      setEntries((current) => [...current, ...page.entries]);
      setCursor(page.next_cursor);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setLoading(false);
    }
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const toIso = (value: string | undefined) => (value ? new Date(value).toISOString() : undefined);
    setFilter({ ...draft, since: toIso(draft.since), until: toIso(draft.until) });
  };
  const set = (name: keyof AuditFilter) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [name]: event.target.value || undefined }));

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
      cell: (entry) => {
        const workerId = entry.worker_id;
        return workerId ? nameOf(workerId) : <span className="cp-muted">control plane</span>;
      },
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
      <form className="cp-filters" onSubmit={apply} aria-label="Audit filters">
        <div className="cp-field">
          <label htmlFor={ids.worker}>On worker</label>
          <select id={ids.worker} value={draft.worker_id ?? ''} onChange={set('worker_id')}>
            <option value="">Any</option>
            {workers.map((worker) => (
              <option key={worker.worker_id} value={worker.worker_id}>
                {worker.name}
              </option>
            ))}
          </select>
        </div>
        <div className="cp-field">
          <label htmlFor={ids.actor}>Actor</label>
          <input id={ids.actor} value={draft.actor ?? ''} onChange={set('actor')} data-search />
        </div>
        <div className="cp-field">
          <label htmlFor={ids.action}>Action</label>
          <input
            id={ids.action}
            value={draft.action ?? ''}
            onChange={set('action')}
            placeholder="key.generate"
          />
        </div>
        <div className="cp-field">
          <label htmlFor={ids.status}>Status</label>
          <input
            id={ids.status}
            value={draft.status ?? ''}
            onChange={set('status')}
            placeholder="200"
            inputMode="numeric"
          />
        </div>
        <div className="cp-field">
          <label htmlFor={ids.since}>Since</label>
          <input id={ids.since} type="datetime-local" value={draft.since ?? ''} onChange={set('since')} />
        </div>
        <div className="cp-field">
          <label htmlFor={ids.until}>Until</label>
          <input id={ids.until} type="datetime-local" value={draft.until ?? ''} onChange={set('until')} />
        </div>
        <div className="cp-form-actions">
          <button type="submit" className="cp-button cp-button-primary">
            Apply filters
          </button>
          <button
            type="button"
            className="cp-button"
            onClick={() => {
              setDraft({});
              setFilter({});
              setGeneration((value) => value + 1);
            }}
          >
            Reset
          </button>
        </div>
      </form>
      {error ? (
        <ErrorState
          error={error}
          title="Could not load the audit log"
          onRetry={() => setGeneration((value) => value + 1)}
        />
      ) : null}
      {loading && entries.length === 0 ? <Loading label="Loading the audit log…" /> : null}
      {!loading && !error && entries.length === 0 ? <EmptyState title="No audit entries match" /> : null}
      {entries.length > 0 ? (
        <DataTable
          caption="Audit log entries"
          columns={columns}
          rows={entries}
          rowKey={(entry) => entry.id}
        />
      ) : null}
      {cursor ? (
        <div className="cp-toolbar">
          <button type="button" className="cp-button" onClick={() => void loadMore()} disabled={loading}>
            {loading ? 'Loading…' : 'Load older entries'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
