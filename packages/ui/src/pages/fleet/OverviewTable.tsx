import type { ReactNode } from 'react';
import type { OverviewWorker } from '../../api/contract.js';
import { formatInteger, formatMoney, formatRelative } from '../../app/format.js';
import { Link } from '../../app/router.js';
import { workerPath } from '../../app/routes.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { StatusBadge } from '../../components/States.js';

const SOURCE_LABELS: Record<NonNullable<OverviewWorker['source']>, string> = {
  probe: 'health probe',
  relay: 'relayed call',
  'fan-out': 'fleet call',
  overview: 'overview call',
};

/** Why a worker has its status: since when, by which signal, the reason, and whether its numbers are stale. */
function StatusCell({ worker }: { worker: OverviewWorker }) {
  return (
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
  );
}

function Stale({ stale, children }: { stale: boolean; children: ReactNode }) {
  return stale ? (
    <span className="cp-stale" title="Last known value; the worker did not answer">
      {children}
    </span>
  ) : (
    children
  );
}

/** A number column of last-known values: marked stale when the worker did not answer. */
function staleColumn(
  id: string,
  header: string,
  value: (worker: OverviewWorker) => string,
): Column<OverviewWorker> {
  return {
    id,
    header,
    align: 'num',
    cell: (worker) => <Stale stale={worker.stale}>{value(worker)}</Stale>,
  };
}

const COLUMNS: Column<OverviewWorker>[] = [
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
  { id: 'status', header: 'Status', cell: (worker) => <StatusCell worker={worker} /> },
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
  staleColumn('keys', 'Keys', (worker) => formatInteger(worker.counts?.keys)),
  staleColumn('teams', 'Teams', (worker) => formatInteger(worker.counts?.teams)),
  staleColumn('users', 'Users', (worker) => formatInteger(worker.counts?.users)),
  staleColumn('spend', 'Spend', (worker) => formatMoney(worker.spend)),
];

/** One row a worker; an unreachable one is marked down. */
export function OverviewTable({ rows }: { rows: OverviewWorker[] }) {
  return (
    <DataTable
      caption="Workers in the fleet"
      columns={COLUMNS}
      rows={rows}
      rowKey={(worker) => worker.worker_id}
      rowClassName={(worker) => (worker.status === 'unreachable' ? 'cp-row-down' : undefined)}
    />
  );
}
