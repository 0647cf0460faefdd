import { useId, useMemo, useState } from 'react';
import type { FleetPlan, PlanChange, PlanRequest, PlanWorker } from '../../api/contract.js';
import { type ApiError, toApiError } from '../../api/errors.js';
import { canWrite, useApp } from '../../app/context.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/States.js';

const EXAMPLE = JSON.stringify(
  {
    teams: [{ team_alias: 'platform', models: ['gpt-4o-mini'], max_budget: 500, budget_duration: '30d' }],
    budgets: [{ budget_id: 'standard-monthly', max_budget: 100, budget_duration: '30d' }],
  },
  null,
  2,
);

function planWorkerId(worker: { workerId?: string; worker_id?: string }): string {
  return worker.workerId ?? worker.worker_id ?? 'unknown';
}

function errorText(error: unknown): string | undefined {
  if (!error) return undefined;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && 'message' in error)
    return String((error as { message: unknown }).message);
  return JSON.stringify(error);
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

type Outcome = {
  workerId: string;
  status: string;
  ok: boolean;
  detail: string | undefined;
  count: number | undefined;
};

/** Reads the per-worker outcome out of an apply result, whatever the exact field names. */
function outcomes(result: Record<string, unknown>): Outcome[] {
  const list = [result.workers, result.results, result.outcomes].find(Array.isArray) as
    | Record<string, unknown>[]
    | undefined;
  return (list ?? []).map((entry) => {
    const error = errorText(entry.error);
    const status =
      typeof entry.status === 'string'
        ? entry.status
        : entry.ok === false || error
          ? 'failed'
          : entry.skipped
            ? 'skipped'
            : 'applied';
    const changes = [entry.changes, entry.applied, entry.results].find(Array.isArray) as
      | Record<string, unknown>[]
      | undefined;
    const failedChange = changes?.find((change) => change.status === 'failed' && change.error);
    return {
      workerId: String(entry.workerId ?? entry.worker_id ?? 'unknown'),
      status,
      ok:
        !error && entry.ok !== false && ['applied', 'unchanged', 'skipped', 'ok', 'success'].includes(status),
      detail:
        error ?? (failedChange ? `${String(failedChange.id)}: ${errorText(failedChange.error)}` : undefined),
      count: changes?.filter((change) => change.status !== 'unchanged' && change.action !== 'noop').length,
    };
  });
}

export default function BulkPage() {
  const { api, workers, principal, announce } = useApp();
  const desiredId = useId();
  const [desiredText, setDesiredText] = useState(EXAMPLE);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [workerFilter, setWorkerFilter] = useState('');
  const [plan, setPlan] = useState<FleetPlan>();
  const [planning, setPlanning] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [showUnchanged, setShowUnchanged] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<Record<string, unknown>>();
  const writable = canWrite(principal);
  const nameOf = (workerId: string) =>
    workers.find((worker) => worker.worker_id === workerId)?.name ?? workerId;

  const parsed = useMemo(() => {
    try {
      const value: unknown = JSON.parse(desiredText);
      // Only the shape is checked here; the server validates the desired state and names what to fix.
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? { value: value as PlanRequest['desired'], error: undefined }
        : { value: undefined, error: 'The desired state must be a JSON object.' };
    } catch (caught) {
      return { value: undefined, error: caught instanceof Error ? caught.message : String(caught) };
    }
  }, [desiredText]);

  const visibleWorkers = workers.filter((worker) =>
    `${worker.name} ${worker.worker_id} ${worker.region ?? ''}`
      .toLowerCase()
      .includes(workerFilter.trim().toLowerCase()),
  );

  const preview = async () => {
    if (!parsed.value) return;
    setPlanning(true);
    setError(undefined);
    setPlan(undefined);
    setResult(undefined);
    try {
      const next = await api.plan({
        desired: parsed.value,
        workers: selected.size > 0 ? [...selected] : undefined,
      });
      setPlan(next);
      announce(`Plan ready for ${next.workers.length} workers.`);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setPlanning(false);
    }
  };

  const changeCount = (worker: PlanWorker) =>
    worker.changes.filter((change) => change.action !== 'noop').length;
  const totalChanges = plan ? plan.workers.reduce((sum, worker) => sum + changeCount(worker), 0) : 0;
  const changedWorkers = plan ? plan.workers.filter((worker) => changeCount(worker) > 0).length : 0;

  return (
    <section>
      <PageHeader
        title="Bulk changes"
        description="Describe the desired state once, preview the exact change on every worker, then apply."
      />
      <div className="cp-bulk-grid">
        <div className="cp-card">
          <h2>1. Desired state</h2>
          <div className="cp-field">
            <label htmlFor={desiredId}>Desired state (JSON: teams, models, budgets)</label>
            <textarea
              id={desiredId}
              className="cp-mono"
              rows={14}
              spellCheck={false}
              value={desiredText}
              aria-invalid={parsed.error ? true : undefined}
              onChange={(event) => setDesiredText(event.target.value)}
            />
            {parsed.error ? (
              <p className="cp-field-error" role="alert">
                {parsed.error}
              </p>
            ) : null}
          </div>
        </div>
        <div className="cp-card">
          <h2>2. Workers</h2>
          <p className="cp-hint">{selected.size === 0 ? 'All workers' : `${selected.size} selected`}</p>
          <div className="cp-toolbar">
            <input
              type="search"
              aria-label="Filter workers"
              placeholder="Filter workers"
              value={workerFilter}
              onChange={(event) => setWorkerFilter(event.target.value)}
            />
            <button
              type="button"
              className="cp-button cp-button-small"
              onClick={() => setSelected(new Set(visibleWorkers.map((worker) => worker.worker_id)))}
            >
              Select shown
            </button>
            <button
              type="button"
              className="cp-button cp-button-small"
              onClick={() => setSelected(new Set())}
            >
              All workers
            </button>
          </div>
          <fieldset className="cp-worker-picker">
            <legend className="cp-visually-hidden">Workers to change</legend>
            {visibleWorkers.map((worker) => (
              <label key={worker.worker_id} className="cp-checkbox">
                <input
                  type="checkbox"
                  checked={selected.has(worker.worker_id)}
                  onChange={() =>
                    setSelected((current) => {
                      const next = new Set(current);
                      if (next.has(worker.worker_id)) next.delete(worker.worker_id);
                      else next.add(worker.worker_id);
                      return next;
                    })
                  }
                />
                {worker.name} <span className="cp-muted">{worker.region ?? ''}</span>
              </label>
            ))}
          </fieldset>
        </div>
      </div>
      <div className="cp-toolbar">
        <button
          type="button"
          className="cp-button cp-button-primary"
          disabled={!parsed.value || planning}
          onClick={() => void preview()}
        >
          {planning ? 'Planning…' : 'Preview plan'}
        </button>
      </div>
      {planning ? <Loading label="Asking every worker what would change…" /> : null}
      {error ? <ErrorState error={error} title="Could not plan or apply" /> : null}
      {plan ? (
        <section aria-labelledby="cp-plan-title">
          <div className="cp-page-header">
            <h2 id="cp-plan-title">
              3. Plan: {totalChanges} change{totalChanges === 1 ? '' : 's'} on {changedWorkers} of{' '}
              {plan.workers.length} workers
            </h2>
            <div className="cp-page-actions">
              <label className="cp-checkbox">
                <input
                  type="checkbox"
                  checked={showUnchanged}
                  onChange={(event) => setShowUnchanged(event.target.checked)}
                />
                Show unchanged
              </label>
              {writable ? (
                <button
                  type="button"
                  className="cp-button cp-button-danger"
                  disabled={totalChanges === 0 || result !== undefined}
                  onClick={() => setConfirming(true)}
                >
                  Apply plan
                </button>
              ) : null}
            </div>
          </div>
          {plan.workers.length === 0 ? <EmptyState title="No worker selected" /> : null}
          {plan.workers.map((worker) => (
            <PlanWorkerCard
              key={planWorkerId(worker)}
              worker={worker}
              name={nameOf(planWorkerId(worker))}
              showUnchanged={showUnchanged}
            />
          ))}
        </section>
      ) : null}
      {result ? (
        <section aria-labelledby="cp-outcome-title" className="cp-card">
          <h2 id="cp-outcome-title">4. Outcome</h2>
          <table className="cp-table">
            <caption className="cp-visually-hidden">Outcome per worker</caption>
            <thead>
              <tr>
                <th scope="col">Worker</th>
                <th scope="col">Result</th>
                <th scope="col" className="cp-num">
                  Changes
                </th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {outcomes(result).map((outcome) => (
                <tr key={outcome.workerId}>
                  <th scope="row">{nameOf(outcome.workerId)}</th>
                  <td>
                    <span className={`cp-badge ${outcome.ok ? 'cp-badge-healthy' : 'cp-badge-unreachable'}`}>
                      {outcome.status}
                    </span>
                  </td>
                  <td className="cp-num">{outcome.count ?? '—'}</td>
                  <td>{outcome.detail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <details>
            <summary>Raw result</summary>
            <pre className="cp-pre">{JSON.stringify(result, null, 2)}</pre>
          </details>
        </section>
      ) : null}
      {confirming && plan ? (
        <ConfirmByName
          title="Apply plan"
          actionLabel="Apply"
          expected="apply"
          expectedLabel="the word apply"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const applied = await api.apply({ plan, on_failure: 'continue' });
            setResult(applied);
            const list = outcomes(applied);
            announce(
              `Plan applied: ${list.filter((item) => item.ok).length} of ${list.length} workers succeeded.`,
            );
          }}
        >
          <p>
            Apply {totalChanges} change{totalChanges === 1 ? '' : 's'} to {changedWorkers} worker
            {changedWorkers === 1 ? '' : 's'}:{' '}
            {plan.workers
              .filter((worker) => changeCount(worker) > 0)
              .map((worker) => nameOf(planWorkerId(worker)))
              .join(', ')}
            . Each worker is changed independently; a failing worker does not stop the others.
          </p>
        </ConfirmByName>
      ) : null}
    </section>
  );
}

function PlanWorkerCard({
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
          {changes.map((change: PlanChange) => (
            <li key={`${change.resource}:${change.id}`} className={`cp-diff cp-diff-${change.action}`}>
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
          ))}
        </ul>
      ) : null}
    </article>
  );
}
