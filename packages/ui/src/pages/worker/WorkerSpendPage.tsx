import { useMemo, useState } from 'react';
import type { WorkerRecord } from '../../api/worker-api.js';
import {
  asNumber,
  asRecord,
  asString,
  daysAgo,
  formatDateTime,
  formatInteger,
  formatMoney,
  isoDate,
} from '../../app/format.js';
import { SpendOverTimeChart } from '../../components/Charts.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { DateRangeFields } from '../../components/DateRangeFields.js';
import { Pagination } from '../../components/Pagination.js';
import { EmptyState, Loading } from '../../components/States.js';
import { useWorkerResource, WorkerErrorState, type WorkerSectionProps } from './shared.js';

/** Every day of the range, so quiet days show as zero instead of disappearing from the chart. */
function fillDays(
  start: string,
  end: string,
  values: Map<string, number>,
): { label: string; value: number }[] {
  const points: { label: string; value: number }[] = [];
  const last = Date.parse(`${end}T00:00:00Z`);
  for (let time = Date.parse(`${start}T00:00:00Z`); time <= last && points.length < 400; time += 86_400_000) {
    const label = isoDate(new Date(time));
    points.push({ label, value: values.get(label) ?? 0 });
  }
  return points;
}

export default function WorkerSpendPage({ worker, admin }: WorkerSectionProps) {
  const [start, setStart] = useState(daysAgo(29));
  const [end, setEnd] = useState(isoDate(new Date()));
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(50);

  const activity = useWorkerResource(worker, `activity:${start}:${end}`, (signal) =>
    admin.spend.dailyActivity({ start_date: start, end_date: end, page_size: 1000 }, { signal }),
  );
  const logs = useWorkerResource(worker, `logs:${start}:${end}:${page}:${size}`, (signal) =>
    admin.spend.logs(
      { start_date: `${start} 00:00:00`, end_date: `${end} 23:59:59`, page, page_size: size },
      { signal },
    ),
  );

  const points = useMemo(() => {
    const values = new Map<string, number>();
    for (const result of activity.data?.results ?? []) {
      values.set(result.date, (values.get(result.date) ?? 0) + (result.metrics?.spend ?? 0));
    }
    return fillDays(start, end, values);
  }, [activity.data, start, end]);

  const columns: Column<WorkerRecord>[] = [
    { id: 'time', header: 'Time', rowHeader: true, cell: (log) => formatDateTime(log.startTime) },
    { id: 'model', header: 'Model', cell: (log) => asString(log.model) ?? '—' },
    {
      id: 'key',
      header: 'Key',
      cell: (log) => {
        const metadata = asRecord(log.metadata);
        return (
          asString(metadata.user_api_key_alias) ?? (
            <span className="cp-mono cp-small">{asString(log.api_key)?.slice(0, 10) ?? '—'}</span>
          )
        );
      },
    },
    {
      id: 'team',
      header: 'Team',
      cell: (log) => {
        const metadata = asRecord(log.metadata);
        return asString(metadata.user_api_key_team_alias) ?? asString(log.team_id) ?? '—';
      },
    },
    { id: 'tokens', header: 'Tokens', align: 'num', cell: (log) => formatInteger(log.total_tokens) },
    { id: 'spend', header: 'Cost', align: 'num', cell: (log) => formatMoney(asNumber(log.spend) ?? 0) },
    { id: 'status', header: 'Status', cell: (log) => asString(log.status) ?? 'success' },
  ];

  const total = activity.data?.metadata?.total_spend ?? points.reduce((sum, point) => sum + point.value, 0);
  const logRows = logs.data?.data ?? [];

  return (
    <>
      <div className="cp-toolbar">
        <DateRangeFields start={start} end={end} onStartChange={setStart} onEndChange={setEnd} />
      </div>
      <section className="cp-card" aria-labelledby="cp-worker-spend-chart">
        <h2 id="cp-worker-spend-chart">
          Daily spend <span className="cp-muted">· {formatMoney(total)} total</span>
        </h2>
        {activity.loading ? <Loading label="Loading activity…" /> : null}
        {activity.error ? (
          <WorkerErrorState
            error={activity.error}
            title="Could not load daily activity"
            onRetry={activity.reload}
            compact
          />
        ) : null}
        {activity.data ? (
          <SpendOverTimeChart points={points} title={`Daily spend on ${worker.name}`} />
        ) : null}
      </section>
      <section aria-labelledby="cp-worker-spend-logs">
        <h2 id="cp-worker-spend-logs">Request logs</h2>
        {logs.loading ? <Loading label="Loading logs…" /> : null}
        {logs.error ? (
          <WorkerErrorState
            error={logs.error}
            title="Could not load spend logs"
            onRetry={logs.reload}
            compact
          />
        ) : null}
        {logs.data ? (
          logRows.length === 0 ? (
            <EmptyState title="No requests in this period" />
          ) : (
            <>
              <DataTable
                caption={`Spend logs on ${worker.name}`}
                columns={columns}
                rows={logRows}
                rowKey={(log) => String(log.request_id)}
              />
              <Pagination
                label="Log pages"
                page={logs.data.page ?? page}
                totalPages={logs.data.total_pages ?? 1}
                totalCount={logs.data.total ?? undefined}
                pageSize={size}
                pageSizes={[25, 50, 100]}
                onPage={setPage}
                onPageSize={(value) => {
                  setSize(value);
                  setPage(1);
                }}
              />
            </>
          )
        ) : null}
      </section>
    </>
  );
}
