import { useId, useMemo, useState } from 'react';
import type { FleetPlan, WorkerView } from '../../api/contract.js';
import { canWrite, useApp, useWorkerName } from '../../app/context.js';
import { countOf } from '../../app/format.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/States.js';
import { useAction } from '../../hooks/useAction.js';
import { outcomes, parseDesiredState, planTotals, planWorkerId } from './bulk-plan.js';
import { PlanWorkerCard } from './PlanWorkerCard.js';

const EXAMPLE = JSON.stringify(
  {
    teams: [{ team_alias: 'platform', models: ['gpt-4o-mini'], max_budget: 500, budget_duration: '30d' }],
    budgets: [{ budget_id: 'standard-monthly', max_budget: 100, budget_duration: '30d' }],
  },
  null,
  2,
);

type ApplyResult = Record<string, unknown>;

/** Desired state → plan on the chosen workers → confirm → per-worker outcome. */
export default function BulkPage() {
  const { api, workers, announce } = useApp();
  const [desiredText, setDesiredText] = useState(EXAMPLE);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [plan, setPlan] = useState<FleetPlan>();
  const [result, setResult] = useState<ApplyResult>();
  const [showUnchanged, setShowUnchanged] = useState(false);
  const planning = useAction();
  const parsed = useMemo(() => parseDesiredState(desiredText), [desiredText]);

  const preview = () =>
    planning.run(async () => {
      if (!parsed.value) return;
      setPlan(undefined);
      setResult(undefined);
      const next = await api.plan({
        desired: parsed.value,
        workers: selected.size > 0 ? [...selected] : undefined,
      });
      setPlan(next);
      announce(`Plan ready for ${next.workers.length} workers.`);
    });

  return (
    <section>
      <PageHeader
        title="Bulk changes"
        description="Describe the desired state once, preview the exact change on every worker, then apply."
      />
      <div className="cp-bulk-grid">
        <DesiredStateCard text={desiredText} error={parsed.error} onChange={setDesiredText} />
        <WorkerSelectionCard workers={workers} selected={selected} onChange={setSelected} />
      </div>
      <div className="cp-toolbar">
        <button
          type="button"
          className="cp-button cp-button-primary"
          disabled={!parsed.value || planning.busy}
          onClick={() => void preview()}
        >
          {planning.busy ? 'Planning…' : 'Preview plan'}
        </button>
      </div>
      {planning.busy ? <Loading label="Asking every worker what would change…" /> : null}
      {planning.error ? <ErrorState error={planning.error} title="Could not plan or apply" /> : null}
      {plan ? (
        <PlanSection
          plan={plan}
          applied={result !== undefined}
          onApplied={setResult}
          showUnchanged={showUnchanged}
          onShowUnchanged={setShowUnchanged}
        />
      ) : null}
      {result ? <OutcomeSection result={result} /> : null}
    </section>
  );
}

function DesiredStateCard({
  text,
  error,
  onChange,
}: {
  text: string;
  error: string | undefined;
  onChange(text: string): void;
}) {
  const id = useId();
  return (
    <div className="cp-card">
      <h2>1. Desired state</h2>
      <div className="cp-field">
        <label htmlFor={id}>Desired state (JSON: teams, models, budgets)</label>
        <textarea
          id={id}
          className="cp-mono"
          rows={14}
          spellCheck={false}
          value={text}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
        {error ? (
          <p className="cp-field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** Workers to plan for; none chosen means every worker. */
function WorkerSelectionCard({
  workers,
  selected,
  onChange,
}: {
  workers: readonly WorkerView[];
  selected: ReadonlySet<string>;
  onChange(selected: ReadonlySet<string>): void;
}) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const visible = workers.filter((worker) =>
    `${worker.name} ${worker.worker_id} ${worker.region ?? ''}`.toLowerCase().includes(needle),
  );
  const toggle = (workerId: string) => {
    const next = new Set(selected);
    if (next.has(workerId)) next.delete(workerId);
    else next.add(workerId);
    onChange(next);
  };
  return (
    <div className="cp-card">
      <h2>2. Workers</h2>
      <p className="cp-hint">{selected.size === 0 ? 'All workers' : `${selected.size} selected`}</p>
      <div className="cp-toolbar">
        <input
          type="search"
          aria-label="Filter workers"
          placeholder="Filter workers"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <button
          type="button"
          className="cp-button cp-button-small"
          onClick={() => onChange(new Set(visible.map((worker) => worker.worker_id)))}
        >
          Select shown
        </button>
        <button type="button" className="cp-button cp-button-small" onClick={() => onChange(new Set())}>
          All workers
        </button>
      </div>
      <fieldset className="cp-worker-picker">
        <legend className="cp-visually-hidden">Workers to change</legend>
        {visible.map((worker) => (
          <label key={worker.worker_id} className="cp-checkbox">
            <input
              type="checkbox"
              checked={selected.has(worker.worker_id)}
              onChange={() => toggle(worker.worker_id)}
            />
            {worker.name} <span className="cp-muted">{worker.region ?? ''}</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}

/** The plan per worker, and for a writer the Apply button with its confirmation. */
function PlanSection({
  plan,
  applied,
  onApplied,
  showUnchanged,
  onShowUnchanged,
}: {
  plan: FleetPlan;
  applied: boolean;
  onApplied(result: ApplyResult): void;
  /** Kept by the page, so a new plan keeps the choice. */
  showUnchanged: boolean;
  onShowUnchanged(show: boolean): void;
}) {
  const { api, principal, announce } = useApp();
  const workerName = useWorkerName();
  const [confirming, setConfirming] = useState(false);
  const totals = planTotals(plan);
  const summary = countOf(totals.changes, 'change');

  return (
    <section aria-labelledby="cp-plan-title">
      <div className="cp-page-header">
        <h2 id="cp-plan-title">
          3. Plan: {summary} on {totals.changedWorkers.length} of {plan.workers.length} workers
        </h2>
        <div className="cp-page-actions">
          <label className="cp-checkbox">
            <input
              type="checkbox"
              checked={showUnchanged}
              onChange={(event) => onShowUnchanged(event.target.checked)}
            />
            Show unchanged
          </label>
          {canWrite(principal) ? (
            <button
              type="button"
              className="cp-button cp-button-danger"
              disabled={totals.changes === 0 || applied}
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
          name={workerName(planWorkerId(worker))}
          showUnchanged={showUnchanged}
        />
      ))}
      {confirming ? (
        <ConfirmByName
          title="Apply plan"
          actionLabel="Apply"
          expected="apply"
          expectedLabel="the word apply"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const result = await api.apply({ plan, on_failure: 'continue' });
            onApplied(result);
            const list = outcomes(result);
            announce(
              `Plan applied: ${list.filter((item) => item.ok).length} of ${list.length} workers succeeded.`,
            );
          }}
        >
          <p>
            Apply {summary} to {countOf(totals.changedWorkers.length, 'worker')}:{' '}
            {totals.changedWorkers.map((worker) => workerName(planWorkerId(worker))).join(', ')}. Each worker
            is changed independently; a failing worker does not stop the others.
          </p>
        </ConfirmByName>
      ) : null}
    </section>
  );
}

function OutcomeSection({ result }: { result: ApplyResult }) {
  const workerName = useWorkerName();
  return (
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
              <th scope="row">{workerName(outcome.workerId)}</th>
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
  );
}
