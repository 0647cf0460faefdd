import { useState } from 'react';
import type { WorkerView } from '../../api/contract.js';
import { useApp, useWorkerName } from '../../app/context.js';
import { Checkboxes, WorkerPicker } from '../../components/Fields.js';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/States.js';
import { useResource } from '../../hooks/useResource.js';
import { type DriftEntry, type DriftRow, driftBadge, driftKind, driftWorkers, show } from './drift-report.js';

const RESOURCES = ['models', 'teams', 'budgets', 'organizations', 'keyPolicies'] as const;
type DriftRequest = { baseline: string; resources: string[] };

export default function DriftPage() {
  const { api, workers } = useApp();
  const [requested, setRequested] = useState<DriftRequest>();
  const report = useResource(
    requested ? `drift:${requested.baseline}:${requested.resources.join(',')}` : null,
    (signal) =>
      requested
        ? api.drift({ baseline: requested.baseline, resources: requested.resources.join(',') }, signal)
        : Promise.resolve(undefined),
  );
  const rows = report.data ? driftWorkers(report.data) : [];

  return (
    <section>
      <PageHeader
        title="Drift"
        description="Compare every worker with a baseline worker: what is missing, extra or different."
      />
      <DriftForm workers={workers} onCompare={setRequested} />
      {!requested ? <EmptyState title="Pick a baseline and compare" /> : null}
      {report.loading ? <Loading label="Comparing workers…" /> : null}
      {report.error ? (
        <ErrorState error={report.error} title="Could not compute drift" onRetry={report.reload} />
      ) : null}
      {report.data && rows.length === 0 ? <EmptyState title="No other workers to compare" /> : null}
      {rows.map((row) => (
        <DriftWorkerCard key={row.workerId} row={row} />
      ))}
      {report.data ? (
        <details>
          <summary>Raw report</summary>
          <pre className="cp-pre">{JSON.stringify(report.data, null, 2)}</pre>
        </details>
      ) : null}
    </section>
  );
}

/** The baseline worker (the first one until another is picked) and the resources to compare. */
function DriftForm({
  workers,
  onCompare,
}: {
  workers: readonly WorkerView[];
  onCompare(request: DriftRequest): void;
}) {
  const [baseline, setBaseline] = useState('');
  const [resources, setResources] = useState<string[]>(['models', 'teams', 'budgets']);
  const effectiveBaseline = baseline || workers[0]?.worker_id || '';
  return (
    <form
      className="cp-toolbar"
      onSubmit={(event) => {
        event.preventDefault();
        if (effectiveBaseline) onCompare({ baseline: effectiveBaseline, resources });
      }}
    >
      <WorkerPicker
        label="Baseline worker"
        workers={workers}
        value={effectiveBaseline}
        onChange={setBaseline}
      />
      <fieldset className="cp-inline-fieldset">
        <legend>Compare</legend>
        <Checkboxes items={RESOURCES} checked={resources} onChange={setResources} />
      </fieldset>
      <button
        type="submit"
        className="cp-button cp-button-primary"
        disabled={!effectiveBaseline || resources.length === 0}
      >
        Compare
      </button>
    </form>
  );
}

function DriftWorkerCard({ row }: { row: DriftRow }) {
  const name = useWorkerName()(row.workerId);
  const badge = driftBadge(row);
  return (
    <article className="cp-card" aria-label={`Drift of ${name}`}>
      <header className="cp-plan-worker-header">
        <h2>{name}</h2>
        <span className={`cp-badge cp-badge-${badge.tone}`}>{badge.label}</span>
      </header>
      {row.error ? <p className="cp-field-error">{row.error}</p> : null}
      {row.items.length > 0 ? (
        <table className="cp-table">
          <caption className="cp-visually-hidden">Differences on {name}</caption>
          <thead>
            <tr>
              <th scope="col">Resource</th>
              <th scope="col">Item</th>
              <th scope="col">Difference</th>
              <th scope="col">Fields (baseline → this worker)</th>
            </tr>
          </thead>
          <tbody>
            {row.items.map((item) => (
              <tr key={`${show(item.resource)}:${show(item.id)}:${show(item.kind)}`}>
                <td>{show(item.resource)}</td>
                <th scope="row">{show(item.id ?? item.name)}</th>
                <td>
                  <span className={`cp-diff-action cp-drift-${show(item.kind)}`}>{driftKind(item.kind)}</span>
                </td>
                <td>
                  <FieldChanges fields={item.fields} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </article>
  );
}

function FieldChanges({ fields }: { fields: unknown }) {
  if (!Array.isArray(fields) || fields.length === 0) return '—';
  return (
    <ul className="cp-plain-list">
      {(fields as DriftEntry[]).map((field) => (
        <li key={show(field.field)}>
          <code>{show(field.field)}</code>: <del>{show(field.from)}</del> → <ins>{show(field.to)}</ins>
        </li>
      ))}
    </ul>
  );
}
