import { useId, useState } from 'react';
import { useApp } from '../../app/context.js';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/States.js';
import { useResource } from '../../hooks/useResource.js';

const RESOURCES = ['models', 'teams', 'budgets', 'organizations', 'keyPolicies'] as const;
type Entry = Record<string, unknown>;

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function driftKind(kind: unknown): string {
  if (kind === 'missing') return 'missing here';
  if (kind === 'extra') return 'only here';
  if (kind === 'changed') return 'different';
  return show(kind);
}

/** Finds the per-worker list and each worker's differences, tolerating camelCase or snake_case. */
function driftWorkers(report: Entry): { workerId: string; items: Entry[]; error: string | undefined }[] {
  const workers = [report.workers, report.results].find(Array.isArray) as Entry[] | undefined;
  return (workers ?? []).map((worker) => {
    const items = [worker.differences, worker.drift, worker.items, worker.changes].find(Array.isArray) as
      | Entry[]
      | undefined;
    const error = worker.error;
    return {
      workerId: String(worker.workerId ?? worker.worker_id ?? 'unknown'),
      items: items ?? [],
      error: error
        ? typeof error === 'object' && error !== null && 'message' in error
          ? String((error as Entry).message)
          : show(error)
        : undefined,
    };
  });
}

export default function DriftPage() {
  const { api, workers } = useApp();
  const baselineId = useId();
  const [baseline, setBaseline] = useState('');
  const [resources, setResources] = useState<string[]>(['models', 'teams', 'budgets']);
  const [requested, setRequested] = useState<{ baseline: string; resources: string[] }>();
  const report = useResource(
    requested ? `drift:${requested.baseline}:${requested.resources.join(',')}` : null,
    (signal) =>
      requested
        ? api.drift({ baseline: requested.baseline, resources: requested.resources.join(',') }, signal)
        : Promise.resolve(undefined),
  );
  const nameOf = (workerId: string) =>
    workers.find((worker) => worker.worker_id === workerId)?.name ?? workerId;
  const effectiveBaseline = baseline || workers[0]?.worker_id || '';
  const rows = report.data ? driftWorkers(report.data) : [];

  return (
    <section>
      <PageHeader
        title="Drift"
        description="Compare every worker with a baseline worker: what is missing, extra or different."
      />
      <form
        className="cp-toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          if (effectiveBaseline) setRequested({ baseline: effectiveBaseline, resources });
        }}
      >
        <div className="cp-field cp-field-inline">
          <label htmlFor={baselineId}>Baseline worker</label>
          <select
            id={baselineId}
            value={effectiveBaseline}
            onChange={(event) => setBaseline(event.target.value)}
          >
            {workers.map((worker) => (
              <option key={worker.worker_id} value={worker.worker_id}>
                {worker.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="cp-inline-fieldset">
          <legend>Compare</legend>
          {RESOURCES.map((resource) => (
            <label key={resource} className="cp-checkbox">
              <input
                type="checkbox"
                checked={resources.includes(resource)}
                onChange={() =>
                  setResources((current) =>
                    current.includes(resource)
                      ? current.filter((item) => item !== resource)
                      : [...current, resource],
                  )
                }
              />
              {resource}
            </label>
          ))}
        </fieldset>
        <button
          type="submit"
          className="cp-button cp-button-primary"
          disabled={!effectiveBaseline || resources.length === 0}
        >
          Compare
        </button>
      </form>
      {!requested ? <EmptyState title="Pick a baseline and compare" /> : null}
      {report.loading ? <Loading label="Comparing workers…" /> : null}
      {report.error ? (
        <ErrorState error={report.error} title="Could not compute drift" onRetry={report.reload} />
      ) : null}
      {report.data ? (
        rows.length === 0 ? (
          <EmptyState title="No other workers to compare" />
        ) : (
          rows.map((row) => (
            <article key={row.workerId} className="cp-card" aria-label={`Drift of ${nameOf(row.workerId)}`}>
              <header className="cp-plan-worker-header">
                <h2>{nameOf(row.workerId)}</h2>
                <span
                  className={
                    row.error
                      ? 'cp-badge cp-badge-unreachable'
                      : row.items.length === 0
                        ? 'cp-badge cp-badge-healthy'
                        : 'cp-badge cp-badge-degraded'
                  }
                >
                  {row.error
                    ? 'not compared'
                    : row.items.length === 0
                      ? 'in sync'
                      : `${row.items.length} difference${row.items.length === 1 ? '' : 's'}`}
                </span>
              </header>
              {row.error ? <p className="cp-field-error">{row.error}</p> : null}
              {row.items.length > 0 ? (
                <table className="cp-table">
                  <caption className="cp-visually-hidden">Differences on {nameOf(row.workerId)}</caption>
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
                          <span className={`cp-diff-action cp-drift-${show(item.kind)}`}>
                            {driftKind(item.kind)}
                          </span>
                        </td>
                        <td>
                          {Array.isArray(item.fields) && item.fields.length > 0 ? (
                            <ul className="cp-plain-list">
                              {(item.fields as Entry[]).map((field) => (
                                <li key={show(field.field)}>
                                  <code>{show(field.field)}</code>: <del>{show(field.from)}</del> →{' '}
                                  <ins>{show(field.to)}</ins>
                                </li>
                              ))}
                            </ul>
                          ) : (
                            '—'
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </article>
          ))
        )
      ) : null}
      {report.data ? (
        <details>
          <summary>Raw report</summary>
          <pre className="cp-pre">{JSON.stringify(report.data, null, 2)}</pre>
        </details>
      ) : null}
    </section>
  );
}
