import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { OverviewWorker } from '../../api/contract.js';
import { useApp } from '../../app/context.js';
import { formatInteger, formatMoney, formatRelative } from '../../app/format.js';
import { Link } from '../../app/router.js';
import { workerPath } from '../../app/routes.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { EmptyState, ErrorState, Loading, PageHeader, StatusBadge } from '../../components/States.js';
import { useResource } from '../../hooks/useResource.js';

const REFRESH_MS = 5_000;
const SOURCE_LABELS: Record<NonNullable<OverviewWorker['source']>, string> = {
  probe: 'health probe',
  relay: 'relayed call',
  'fan-out': 'fleet call',
  overview: 'overview call',
};
type StatusFilter = 'all' | 'healthy' | 'degraded' | 'unreachable';

export default function OverviewPage() {
  const { api, announce } = useApp();
  const [live, setLive] = useState(true);
  const [filter, setFilter] = useState('');
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('all');
  const filterId = useId();
  const statusId = useId();
  const overview = useResource('overview', (signal) => api.overview(signal), {
    refreshMs: live ? REFRESH_MS : undefined,
  });
  const workers = overview.data?.workers ?? [];

  // Announce status transitions (not every refresh) so screen-reader users hear a worker go down.
  const previousStatuses = useRef(new Map<string, string>());
  useEffect(() => {
    const data = overview.data;
    if (!data) return;
    const changes: string[] = [];
    for (const worker of data.workers) {
      const before = previousStatuses.current.get(worker.worker_id);
      if (before && before !== worker.status) changes.push(`${worker.name} is now ${worker.status}`);
      previousStatuses.current.set(worker.worker_id, worker.status);
    }
    if (changes.length > 0) announce(`${changes.slice(0, 3).join('. ')}.`);
  }, [overview.data, announce]);

  // The summary counts the very statuses the rows show, so the two can never disagree.
  const counts = useMemo(() => {
    const result = { healthy: 0, degraded: 0, unreachable: 0, unknown: 0, spend: 0, keys: 0 };
    for (const worker of workers) {
      if (worker.status in result) result[worker.status as 'healthy']++;
      else result.unknown++;
      result.spend += worker.spend ?? 0;
      result.keys += worker.counts?.keys ?? 0;
    }
    return result;
  }, [workers]);

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return workers.filter((worker) => {
      if (statusFilter !== 'all' && worker.status !== statusFilter) return false;
      if (needle === '') return true;
      return [
        worker.name,
        worker.worker_id,
        worker.region ?? '',
        worker.version ?? '',
        ...Object.values(worker.labels ?? {}),
      ]
        .join(' ')
        .toLowerCase()
        .includes(needle);
    });
  }, [workers, filter, statusFilter]);

  const columns: Column<OverviewWorker>[] = [
    {
      id: 'worker',
      header: 'Worker',
      rowHeader: true,
      cell: (worker) => (
        <span className="cp-cell-stack">
          <Link to={workerPath(worker.worker_id)}>{worker.name}</Link>
          <span className="cp-muted cp-mono">{worker.worker_id}</span>
        </span>
      ),
    },
    { id: 'region', header: 'Region', cell: (worker) => worker.region ?? '—' },
    {
      id: 'status',
      header: 'Status',
      cell: (worker) => (
        <span className="cp-cell-stack">
          <StatusBadge status={worker.status} />
          {worker.status !== 'healthy' && worker.since ? (
            <span className="cp-muted cp-small">
              since{' '}
              <time dateTime={worker.since} title={worker.since}>
                {formatRelative(worker.since)}
              </time>
              {worker.source ? ` · ${SOURCE_LABELS[worker.source]}` : ''}
            </span>
          ) : null}
          {worker.reason || worker.error ? (
            <span className="cp-muted cp-small">{worker.reason ?? worker.error?.message}</span>
          ) : null}
          {worker.stale ? <span className="cp-muted cp-small">counts and spend are stale</span> : null}
          {!worker.has_credential ? <span className="cp-muted cp-small">browser login</span> : null}
        </span>
      ),
    },
    {
      id: 'latency',
      header: 'Latency',
      align: 'num',
      cell: (worker) => (worker.latency_ms === null ? '—' : `${Math.round(worker.latency_ms)} ms`),
    },
    { id: 'version', header: 'Version', cell: (worker) => worker.version ?? '—' },
    {
      id: 'seen',
      header: 'Last seen',
      cell: (worker) => (
        <time dateTime={worker.last_seen_at ?? undefined} title={worker.last_seen_at ?? undefined}>
          {formatRelative(worker.last_seen_at)}
        </time>
      ),
    },
    {
      id: 'keys',
      header: 'Keys',
      align: 'num',
      cell: (worker) => <Stale stale={worker.stale}>{formatInteger(worker.counts?.keys)}</Stale>,
    },
    {
      id: 'teams',
      header: 'Teams',
      align: 'num',
      cell: (worker) => <Stale stale={worker.stale}>{formatInteger(worker.counts?.teams)}</Stale>,
    },
    {
      id: 'users',
      header: 'Users',
      align: 'num',
      cell: (worker) => <Stale stale={worker.stale}>{formatInteger(worker.counts?.users)}</Stale>,
    },
    {
      id: 'spend',
      header: 'Spend',
      align: 'num',
      cell: (worker) => <Stale stale={worker.stale}>{formatMoney(worker.spend)}</Stale>,
    },
  ];

  return (
    <section aria-labelledby="cp-overview-title">
      <PageHeader
        title="Fleet overview"
        description={
          <span id="cp-overview-title">
            {workers.length} worker{workers.length === 1 ? '' : 's'}
            {overview.data ? ` · updated ${formatRelative(overview.data.generated_at)}` : ''}
          </span>
        }
        actions={
          <>
            <span className={live ? 'cp-live cp-live-on' : 'cp-live'} aria-hidden="true">
              {live ? 'Live' : 'Paused'}
            </span>
            <button
              type="button"
              className="cp-button"
              aria-pressed={!live}
              onClick={() => setLive((value) => !value)}
            >
              {live ? 'Pause refresh' : 'Resume refresh'}
            </button>
            <button type="button" className="cp-button" onClick={overview.reload}>
              Refresh now
            </button>
          </>
        }
      />
      {overview.error && overview.data ? (
        <ErrorState
          error={overview.error}
          title={`Refresh failed; showing data from ${formatRelative(overview.data.generated_at)}`}
          compact
        />
      ) : null}
      {overview.loading ? <Loading label="Loading the fleet…" /> : null}
      {overview.error && !overview.data ? (
        <ErrorState
          error={overview.error}
          title="Could not load the fleet overview"
          onRetry={overview.reload}
        />
      ) : null}
      {overview.data ? (
        <>
          <ul className="cp-stats" aria-label="Fleet summary">
            <li>
              <span className="cp-stat-value">{workers.length}</span>
              <span className="cp-stat-label">Workers</span>
            </li>
            <li className="cp-stat-healthy">
              <span className="cp-stat-value">{counts.healthy}</span>
              <span className="cp-stat-label">Healthy</span>
            </li>
            <li className="cp-stat-degraded">
              <span className="cp-stat-value">{counts.degraded}</span>
              <span className="cp-stat-label">Degraded</span>
            </li>
            <li className="cp-stat-unreachable">
              <span className="cp-stat-value">{counts.unreachable}</span>
              <span className="cp-stat-label">Unreachable</span>
            </li>
            <li>
              <span className="cp-stat-value">{formatInteger(counts.keys)}</span>
              <span className="cp-stat-label">Keys</span>
            </li>
            <li>
              <span className="cp-stat-value">{formatMoney(counts.spend)}</span>
              <span className="cp-stat-label">Spend</span>
            </li>
          </ul>
          <div className="cp-toolbar">
            <div className="cp-field cp-field-inline">
              <label htmlFor={filterId}>Filter workers</label>
              <input
                id={filterId}
                type="search"
                data-search
                placeholder="Name, id, region, label, version"
                value={filter}
                onChange={(event) => setFilter(event.target.value)}
              />
            </div>
            <div className="cp-field cp-field-inline">
              <label htmlFor={statusId}>Status</label>
              <select
                id={statusId}
                value={statusFilter}
                onChange={(event) => setStatusFilter(event.target.value as StatusFilter)}
              >
                <option value="all">All</option>
                <option value="healthy">Healthy</option>
                <option value="degraded">Degraded</option>
                <option value="unreachable">Unreachable</option>
              </select>
            </div>
          </div>
          {workers.length === 0 ? (
            <EmptyState title="No workers registered">
              Add workers under <code>worker_registry</code> in the control plane's config, or through the
              API.
            </EmptyState>
          ) : rows.length === 0 ? (
            <EmptyState title="No worker matches the filter" />
          ) : (
            <DataTable
              caption="Workers in the fleet"
              columns={columns}
              rows={rows}
              rowKey={(worker) => worker.worker_id}
              rowClassName={(worker) => (worker.status === 'unreachable' ? 'cp-row-down' : undefined)}
            />
          )}
        </>
      ) : null}
    </section>
  );
}

function Stale({ stale, children }: { stale: boolean; children: React.ReactNode }) {
  return stale ? (
    <span className="cp-stale" title="Last known value; the worker did not answer">
      {children}
    </span>
  ) : (
    children
  );
}
