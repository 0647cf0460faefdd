import type { AdminItem, ObjectKind } from '../../api/objects.js';
import type { WorkerView } from '../../api/types.js';
import { useApp } from '../../app/context.js';
import { Link } from '../../app/router.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { useResource } from '../../hooks/useResource.js';
import { KIND_VIEWS, nameOf } from './kinds.js';
import { showValue, unavailableText } from './shared.js';

/**
 * One worker's objects of one kind (MCP servers, guardrails, ...): every object page of a worker is this
 * component with another `kind`. A worker without the feature shows why, not an error.
 */
export default function ObjectsPage({
  kind,
  worker,
  writable,
}: {
  kind: ObjectKind;
  worker: WorkerView;
  writable: boolean;
}) {
  const { api } = useApp();
  const view = KIND_VIEWS[kind];
  const listed = useResource(`objects:${kind}:${worker.worker_id}`, (signal) =>
    api.objects.list(kind, { workers: [worker.worker_id] }, signal),
  );
  const row = listed.data?.workers.find((candidate) => candidate.workerId === worker.worker_id);
  const caption = `${view.plural[0]?.toUpperCase()}${view.plural.slice(1)} on ${worker.name}`;
  const columns: Column<AdminItem>[] = [
    { id: 'name', header: 'Name', rowHeader: true, cell: (item) => nameOf(view, item) },
    ...view.columns.map((column) => ({
      id: column.header,
      header: column.header,
      cell: (item: AdminItem) => showValue(column.value(item)),
    })),
    ...(writable
      ? [
          {
            id: 'actions',
            header: 'Actions',
            cell: (item: AdminItem) => (
              <Link
                to={`/fleet/rollout?kind=${kind}&worker=${encodeURIComponent(worker.worker_id)}&name=${encodeURIComponent(nameOf(view, item))}`}
              >
                Roll out…
              </Link>
            ),
          },
        ]
      : []),
  ];

  if (listed.loading) return <Loading label={`Loading ${view.plural}…`} />;
  if (listed.error && !listed.data) {
    return (
      <ErrorState error={listed.error} title={`Could not load ${view.plural}`} onRetry={listed.reload} />
    );
  }
  if (!row) return <EmptyState title={`No answer from ${worker.name}`} />;
  if (row.status === 'unavailable') {
    return (
      <EmptyState title={`${caption.split(' on ')[0]}: ${unavailableText(row)}`}>
        <p>This worker's LiteLLM does not offer {view.plural}. Other workers are not affected.</p>
      </EmptyState>
    );
  }
  if (row.status === 'error') {
    return (
      <ErrorState
        error={new Error(row.error?.message ?? 'The worker did not answer')}
        title={`Could not load ${view.plural} from ${worker.name}`}
        onRetry={listed.reload}
      />
    );
  }
  const items = (row.items ?? []) as AdminItem[];
  if (items.length === 0) return <EmptyState title={`No ${view.plural} on ${worker.name}`} />;
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={items}
      rowKey={(item) => nameOf(view, item) || JSON.stringify(item)}
    />
  );
}
