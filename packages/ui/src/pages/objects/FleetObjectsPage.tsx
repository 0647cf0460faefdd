import type { ObjectDrift, ObjectWorkerRow } from '../../api/objects.js';
import { useApp, useWorkerName } from '../../app/context.js';
import { capitalised } from '../../app/format.js';
import { Link } from '../../app/router.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/States.js';
import { useResource } from '../../hooks/useResource.js';
import { KIND_VIEWS } from './kinds.js';
import { unavailableText } from './shared.js';

/** What one worker's cell says about one object. */
function presence(object: ObjectDrift, row: ObjectWorkerRow): string {
  if (row.status === 'unavailable') return unavailableText(row);
  if (row.status === 'error') return `no answer: ${row.error?.message ?? 'error'}`;
  if (object.missingOn.includes(row.workerId)) return 'missing';
  if (object.differing.some((entry) => entry.workerId === row.workerId)) return 'differs';
  return object.reference === row.workerId ? 'present (reference)' : 'present';
}

/** "MCP servers across the fleet", "Guardrails across the fleet": one row per object, one column per worker. */
export default function FleetObjectsPage({ kind }: { kind: 'mcpServers' | 'guardrails' }) {
  const { api } = useApp();
  const view = KIND_VIEWS[kind];
  const workerName = useWorkerName();
  const report = useResource(`fleet-objects:${kind}`, (signal) => api.objects.drift(kind, {}, signal), {
    refreshMs: 30_000,
  });
  const title = `${capitalised(view.plural)} across the fleet`;
  const workers = report.data?.workers ?? [];
  const columns: Column<ObjectDrift>[] = [
    { id: 'name', header: 'Name', rowHeader: true, cell: (object) => object.name },
    { id: 'summary', header: 'Summary', cell: (object) => object.summary },
    ...workers.map((row) => ({
      id: row.workerId,
      header: workerName(row.workerId),
      cell: (object: ObjectDrift) => {
        const text = presence(object, row);
        return <span className={`cp-presence cp-presence-${text.split(/[ :(]/)[0]}`}>{text}</span>;
      },
    })),
  ];
  return (
    <section>
      <PageHeader
        title={title}
        description={
          <>
            Every {view.singular} on every worker. Differences are listed field by field in{' '}
            <Link to={`/fleet/object-drift?kind=${kind}`}>Object drift</Link>; copy one with{' '}
            <Link to={`/fleet/rollout?kind=${kind}`}>Roll out</Link>.
          </>
        }
      />
      {report.loading ? <Loading label={`Reading ${view.plural} from every worker…`} /> : null}
      {report.error ? (
        <ErrorState error={report.error} title={`Could not read ${view.plural}`} onRetry={report.reload} />
      ) : null}
      {report.data && report.data.objects.length === 0 ? (
        <EmptyState title={`No ${view.plural} on any worker`} />
      ) : null}
      {report.data && report.data.objects.length > 0 ? (
        <DataTable
          caption={title}
          columns={columns}
          rows={report.data.objects}
          rowKey={(object) => object.name}
        />
      ) : null}
    </section>
  );
}
