import { useMemo, useState } from 'react';
import { useApp } from '../../app/context.js';
import { countOf, formatInteger, formatMoney, formatRelative } from '../../app/format.js';
import { SelectField, TextField } from '../../components/Fields.js';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/States.js';
import { useResource } from '../../hooks/useResource.js';
import { OverviewTable } from './OverviewTable.js';
import {
  type FleetCounts,
  filterWorkers,
  fleetCounts,
  STATUS_FILTERS,
  type StatusFilter,
  useStatusAnnouncements,
} from './overview-model.js';

const REFRESH_MS = 5_000;

export default function OverviewPage() {
  const { api, announce } = useApp();
  const [live, setLive] = useState(true);
  const [filter, setFilter] = useState('');
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('all');
  const overview = useResource('overview', (signal) => api.overview(signal), {
    refreshMs: live ? REFRESH_MS : undefined,
  });
  const workers = overview.data?.workers ?? [];
  useStatusAnnouncements(overview.data, announce);
  const counts = useMemo(() => fleetCounts(workers), [workers]);
  const rows = useMemo(() => filterWorkers(workers, filter, statusFilter), [workers, filter, statusFilter]);

  const updated = overview.data ? ` · updated ${formatRelative(overview.data.generated_at)}` : '';

  return (
    <section aria-labelledby="cp-overview-title">
      <PageHeader
        title="Fleet overview"
        descriptionId="cp-overview-title"
        description={countOf(workers.length, 'worker') + updated}
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
          <FleetSummary workers={workers.length} counts={counts} />
          <div className="cp-toolbar">
            <TextField
              inline
              data-search
              type="search"
              label="Filter workers"
              placeholder="Name, id, region, label, version"
              value={filter}
              onChange={setFilter}
            />
            <SelectField
              inline
              label="Status"
              value={statusFilter}
              onChange={setStatusFilter}
              options={STATUS_FILTERS}
            />
          </div>
          {workers.length === 0 ? (
            <EmptyState title="No workers registered">
              Add workers under <code>worker_registry</code> in the control plane's config, or through the
              API.
            </EmptyState>
          ) : rows.length === 0 ? (
            <EmptyState title="No worker matches the filter" />
          ) : (
            <OverviewTable rows={rows} />
          )}
        </>
      ) : null}
    </section>
  );
}

function FleetSummary({ workers, counts }: { workers: number; counts: FleetCounts }) {
  const stats: { label: string; value: string | number; className?: string }[] = [
    { label: 'Workers', value: workers },
    { label: 'Healthy', value: counts.healthy, className: 'cp-stat-healthy' },
    { label: 'Degraded', value: counts.degraded, className: 'cp-stat-degraded' },
    { label: 'Unreachable', value: counts.unreachable, className: 'cp-stat-unreachable' },
    { label: 'Keys', value: formatInteger(counts.keys) },
    { label: 'Spend', value: formatMoney(counts.spend) },
  ];
  return (
    <ul className="cp-stats" aria-label="Fleet summary">
      {stats.map((stat) => (
        <li key={stat.label} className={stat.className}>
          <span className="cp-stat-value">{stat.value}</span>
          <span className="cp-stat-label">{stat.label}</span>
        </li>
      ))}
    </ul>
  );
}
