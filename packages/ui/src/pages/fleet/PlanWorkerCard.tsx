import type { PlanChange, PlanWorker } from '../../api/contract.js';
import { errorText } from './bulk-plan.js';

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What the plan does on one worker: a count per action, then each change with its field diff. */
export function PlanWorkerCard({
  worker,
  name,
  showUnchanged,
}: {
  worker: PlanWorker;
  name: string;
  showUnchanged: boolean;
}) {
  const changes = worker.changes.filter((change) => showUnchanged || change.action !== 'noop');
  const error = errorText(worker.error);
  const counts = worker.changes.reduce<Record<string, number>>((result, change) => {
    result[change.action] = (result[change.action] ?? 0) + 1;
    return result;
  }, {});
  return (
    <article className="cp-card cp-plan-worker" aria-label={`Plan for ${name}`}>
      <header className="cp-plan-worker-header">
        <h3>{name}</h3>
        <span className="cp-muted">
          {Object.entries(counts)
            .map(([action, count]) => `${count} ${action}`)
            .join(' · ') || 'nothing to do'}
        </span>
      </header>
      {error ? (
        <p className="cp-field-error" role="status">
          Could not plan: {error}
        </p>
      ) : null}
      {changes.length === 0 && !error ? <p className="cp-hint">Already matches the desired state.</p> : null}
      {changes.length > 0 ? (
        <ul className="cp-diff-list">
          {changes.map((change) => (
            <PlanChangeItem key={`${change.resource}:${change.id}`} change={change} />
          ))}
        </ul>
      ) : null}
    </article>
  );
}

function PlanChangeItem({ change }: { change: PlanChange }) {
  return (
    <li className={`cp-diff cp-diff-${change.action}`}>
      <span className={`cp-diff-action cp-diff-action-${change.action}`}>{change.action}</span>{' '}
      <strong>{change.resource}</strong> <code>{change.id}</code>
      {change.note ? <span className="cp-muted"> · {change.note}</span> : null}
      {change.diff && change.diff.length > 0 ? (
        <table className="cp-table cp-diff-table">
          <caption className="cp-visually-hidden">
            Field changes for {change.resource} {change.id}
          </caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Now</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {change.diff.map((diff) => (
              <tr key={diff.field}>
                <th scope="row">{diff.field}</th>
                <td>
                  <del>{show(diff.from)}</del>
                </td>
                <td>
                  <ins>{show(diff.to)}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : change.action === 'create' && change.after !== undefined ? (
        <pre className="cp-pre cp-pre-small">{JSON.stringify(change.after, null, 2)}</pre>
      ) : null}
    </li>
  );
}
