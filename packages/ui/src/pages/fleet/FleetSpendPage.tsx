import { useState } from 'react';
import type { FleetSpendReport, SpendGroupBy } from '../../api/contract.js';
import { useApp, useWorkerName } from '../../app/context.js';
import { daysAgo, formatMoney, isoDate } from '../../app/format.js';
import { Link } from '../../app/router.js';
import { workerPath } from '../../app/routes.js';
import { BarList } from '../../components/Charts.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { DateRangeFields } from '../../components/DateRangeFields.js';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/States.js';
import { useResource } from '../../hooks/useResource.js';

type Row = FleetSpendReport['rows'][number];
const GROUPS: { value: SpendGroupBy; label: string }[] = [
  { value: 'worker', label: 'Worker' },
  { value: 'team', label: 'Team' },
  { value: 'model', label: 'Model' },
];

export default function FleetSpendPage() {
  const { api } = useApp();
  const [start, setStart] = useState(daysAgo(29));
  const [end, setEnd] = useState(isoDate(new Date()));
  const [groupBy, setGroupBy] = useState<SpendGroupBy>('worker');
  const report = useResource(`spend:${start}:${end}:${groupBy}`, (signal) =>
    api.spend({ start, end, group_by: groupBy }, signal),
  );
  const nameOf = useWorkerName();
  const rows = report.data?.rows ?? [];
  const missing = report.data?.missing ?? [];

  const columns: Column<Row>[] = [
    {
      id: 'label',
      header: GROUPS.find((group) => group.value === groupBy)?.label ?? 'Group',
      rowHeader: true,
      cell: (row) =>
        groupBy === 'worker' ? <Link to={workerPath(row.key, 'spend')}>{nameOf(row.key)}</Link> : row.label,
    },
    { id: 'spend', header: 'Spend', align: 'num', cell: (row) => formatMoney(row.spend) },
    {
      id: 'share',
      header: 'Share',
      align: 'num',
      cell: (row) =>
        report.data && report.data.total > 0 ? `${((row.spend / report.data.total) * 100).toFixed(1)}%` : '—',
    },
    {
      id: 'workers',
      header: 'Workers',
      cell: (row) => (row.worker_ids ?? []).map(nameOf).join(', '),
    },
  ];

  return (
    <section>
      <PageHeader title="Fleet spend" description="Spend summed across every worker that answered." />
      <div className="cp-toolbar">
        <DateRangeFields start={start} end={end} onStartChange={setStart} onEndChange={setEnd} />
        <fieldset className="cp-segmented">
          <legend>Group by</legend>
          {GROUPS.map((group) => (
            <label
              key={group.value}
              className={groupBy === group.value ? 'cp-segment cp-segment-on' : 'cp-segment'}
            >
              <input
                type="radio"
                name="cp-spend-group"
                value={group.value}
                checked={groupBy === group.value}
                onChange={() => setGroupBy(group.value)}
              />
              {group.label}
            </label>
          ))}
        </fieldset>
      </div>
      {report.loading ? <Loading label="Adding up spend across the fleet…" /> : null}
      {report.error ? (
        <ErrorState error={report.error} title="Could not load fleet spend" onRetry={report.reload} />
      ) : null}
      {missing.length > 0 ? (
        <div className="cp-notice cp-notice-warning" role="status">
          <p>
            <strong>Not in the totals:</strong> {missing.length} worker{missing.length === 1 ? '' : 's'} did
            not answer.
          </p>
          <ul>
            {missing.map((entry) => (
              <li key={entry.worker_id}>
                <strong>{nameOf(entry.worker_id)}</strong>: {entry.error.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.data ? (
        <>
          <ul className="cp-stats" aria-label="Spend summary">
            <li>
              <span className="cp-stat-value">{formatMoney(report.data.total)}</span>
              <span className="cp-stat-label">Total ({report.data.currency ?? 'USD'})</span>
            </li>
            <li>
              <span className="cp-stat-value">{report.data.workers?.length ?? 0}</span>
              <span className="cp-stat-label">Workers counted</span>
            </li>
            <li className={missing.length > 0 ? 'cp-stat-unreachable' : undefined}>
              <span className="cp-stat-value">{missing.length}</span>
              <span className="cp-stat-label">Workers missing</span>
            </li>
          </ul>
          {rows.length === 0 ? (
            <EmptyState title="No spend in this period" />
          ) : (
            <>
              <section className="cp-card" aria-label="Spend chart">
                <BarList
                  title={`Spend by ${groupBy}`}
                  points={rows.map((row) => ({
                    label: groupBy === 'worker' ? nameOf(row.key) : row.label,
                    value: row.spend,
                  }))}
                />
              </section>
              <DataTable
                caption={`Spend by ${groupBy}`}
                columns={columns}
                rows={rows}
                rowKey={(row) => row.key}
              />
            </>
          )}
        </>
      ) : null}
    </section>
  );
}
