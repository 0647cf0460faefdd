import { useState } from 'react';
import { useApp, useWorkerName } from '../../app/context.js';
import { useRouter } from '../../app/router.js';
import { WorkerPicker } from '../../components/Fields.js';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/States.js';
import { useResource } from '../../hooks/useResource.js';
import { KindPicker, kindFromQuery } from './KindPicker.js';
import { KIND_VIEWS } from './kinds.js';
import { DiffTable, unavailableText } from './shared.js';

/** Per object: on which workers it is, and each differing worker's fields next to the reference's. */
export default function ObjectDriftPage() {
  const { api, workers } = useApp();
  const router = useRouter();
  const workerName = useWorkerName();
  const [kind, setKind] = useState(kindFromQuery(router.search.get('kind')));
  const [baseline, setBaseline] = useState('');
  const view = KIND_VIEWS[kind];
  const report = useResource(`object-drift:${kind}:${baseline}`, (signal) =>
    api.objects.drift(kind, baseline ? { baseline } : {}, signal),
  );
  const unavailable = (report.data?.workers ?? []).filter((row) => row.status !== 'ok');
  return (
    <section>
      <PageHeader
        title="Object drift"
        description="Which workers have each object, and how its settings differ, field by field. Secret values are never shown."
      />
      <div className="cp-toolbar">
        <KindPicker value={kind} onChange={setKind} />
        <WorkerPicker
          label="Compare with"
          workers={workers}
          value={baseline}
          onChange={setBaseline}
          allowNone="its most common form"
        />
      </div>
      {report.loading ? <Loading label="Comparing workers…" /> : null}
      {report.error ? (
        <ErrorState error={report.error} title="Could not compute drift" onRetry={report.reload} />
      ) : null}
      {unavailable.length > 0 ? (
        <ul className="cp-hint-list" aria-label="Workers not compared">
          {unavailable.map((row) => (
            <li key={row.workerId}>
              {workerName(row.workerId)}:{' '}
              {row.status === 'unavailable'
                ? unavailableText(row)
                : `no answer (${row.error?.message ?? 'error'})`}
            </li>
          ))}
        </ul>
      ) : null}
      {report.data && report.data.objects.length === 0 ? (
        <EmptyState title={`No ${view.plural} on any worker`} />
      ) : null}
      {report.data?.objects.map((object) => (
        <article key={object.name} className="cp-card" aria-label={`Drift of ${object.name}`}>
          <h2 className="cp-card-title">
            {object.name} {object.inSync ? <span className="cp-badge cp-badge-healthy">in sync</span> : null}
          </h2>
          <p>{object.summary}</p>
          {object.missingOn.length > 0 ? (
            <p>Missing on: {object.missingOn.map(workerName).join(', ')}</p>
          ) : null}
          {object.differing.length > 0 ? (
            <DiffTable
              caption={`Differences of ${object.name}`}
              rows={object.differing.flatMap((entry) =>
                entry.fields.map((field) => ({ ...field, workerId: entry.workerId })),
              )}
              workerLabel="On that worker"
              referenceLabel={`On ${workerName(object.reference)}`}
            />
          ) : null}
        </article>
      ))}
    </section>
  );
}
