import { type FormEvent, useState } from 'react';
import type { ObjectApplyResult, ObjectKind, ObjectPlan } from '../../api/objects.js';
import { canWrite, useApp, useWorkerName } from '../../app/context.js';
import { capitalised, countOf } from '../../app/format.js';
import { useRouter } from '../../app/router.js';
import { DataTable } from '../../components/DataTable.js';
import { SelectField, TextField, WorkerPicker } from '../../components/Fields.js';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/States.js';
import { useResource } from '../../hooks/useResource.js';
import { KindPicker, kindFromQuery } from './KindPicker.js';
import { KIND_VIEWS, nameOf } from './kinds.js';
import { outcomeText, parseLabels, planText, useRollout, workersToChange } from './rollout.js';
import { unavailableText } from './shared.js';

/** Pick an object on one worker, preview what putting it on the selected workers changes, apply, see outcomes. */
export default function RolloutPage() {
  const { api, workers, announce } = useApp();
  const router = useRouter();
  const workerName = useWorkerName();
  const [kind, setKind] = useState(kindFromQuery(router.search.get('kind')));
  const [source, setSource] = useState(router.search.get('worker') ?? workers[0]?.worker_id ?? '');
  const [name, setName] = useState(router.search.get('name') ?? '');
  const [labelText, setLabelText] = useState('env=prod');
  const rollout = useRollout(api, announce);
  const view = KIND_VIEWS[kind];
  const sourceId = source || workers[0]?.worker_id || '';
  const listed = useResource(sourceId ? `rollout-source:${kind}:${sourceId}` : null, (signal) =>
    api.objects.list(kind, { workers: [sourceId] }, signal),
  );
  const sourceRow = listed.data?.workers[0];
  const items = sourceRow?.items ?? [];
  const chosen = items.find((item) => nameOf(view, item) === name) ?? items[0];
  const labels = parseLabels(labelText);
  /** Any change to the form makes the plan on screen stale; a new kind or source also forgets the object. */
  function changed<Value>(set: (value: Value) => void, clearName = false) {
    return (value: Value) => {
      set(value);
      if (clearName) setName('');
      rollout.reset();
    };
  }

  const preview = (event: FormEvent) => {
    event.preventDefault();
    if (chosen && labels) void rollout.preview(kind, chosen, labels);
  };

  return (
    <section>
      <PageHeader
        title="Roll out"
        description="Copy an object from one worker to every worker matching a label selector. Secrets are never copied."
      />
      <form className="cp-toolbar" onSubmit={preview}>
        <KindPicker value={kind} onChange={changed<ObjectKind>(setKind, true)} />
        <WorkerPicker
          label="From worker"
          workers={workers}
          value={sourceId}
          onChange={changed(setSource, true)}
        />
        <SelectField
          inline
          label={capitalised(view.singular)}
          value={chosen ? nameOf(view, chosen) : ''}
          onChange={changed(setName)}
          options={items.map((item) => ({ value: nameOf(view, item), label: nameOf(view, item) }))}
          disabled={items.length === 0}
        />
        <TextField
          inline
          label="To workers labelled"
          value={labelText}
          onChange={changed(setLabelText)}
          aria-invalid={labels === undefined}
        />
        <button
          type="submit"
          className="cp-button cp-button-primary"
          disabled={!chosen || !labels || rollout.busy}
        >
          Preview plan
        </button>
      </form>
      {labels === undefined ? (
        <p className="cp-field-error" role="alert">
          Labels are name=value pairs separated by commas.
        </p>
      ) : null}
      {listed.loading ? <Loading label={`Loading ${view.plural} of ${workerName(sourceId)}…`} /> : null}
      {sourceRow?.status === 'unavailable' ? (
        <EmptyState title={`${workerName(sourceId)}: ${unavailableText(sourceRow)}`} />
      ) : null}
      {sourceRow?.status === 'ok' && items.length === 0 ? (
        <EmptyState title={`No ${view.plural} on ${workerName(sourceId)}`} />
      ) : null}
      {rollout.failure ? (
        <ErrorState error={rollout.failure} title="The roll-out could not continue" />
      ) : null}
      {rollout.plan ? (
        <RolloutPlanCard
          plan={rollout.plan}
          singular={view.singular}
          applied={rollout.result !== undefined}
          busy={rollout.busy}
          onApply={() => void rollout.apply()}
        />
      ) : null}
      {rollout.result ? <RolloutOutcomeCard result={rollout.result} /> : null}
    </section>
  );
}

function RolloutPlanCard({
  plan,
  singular,
  applied,
  busy,
  onApply,
}: {
  plan: ObjectPlan;
  singular: string;
  applied: boolean;
  busy: boolean;
  onApply(): void;
}) {
  const { principal } = useApp();
  const workerName = useWorkerName();
  const changes = workersToChange(plan);
  return (
    <article className="cp-card" aria-label="Plan">
      <h2 className="cp-card-title">
        Plan for {singular} {plan.name}
      </h2>
      {plan.secretFields.length > 0 ? (
        <p className="cp-hint">
          Not copied (secret): {plan.secretFields.join(', ')}. Each worker keeps its own value.
        </p>
      ) : null}
      <DataTable
        caption="Plan per worker"
        columns={[
          { id: 'worker', header: 'Worker', rowHeader: true, cell: (row) => workerName(row.workerId) },
          { id: 'action', header: 'Action', cell: (row) => row.action },
          { id: 'changes', header: 'Changes', cell: planText },
        ]}
        rows={plan.workers}
        rowKey={(row) => row.workerId}
      />
      {applied ? null : (
        <button
          type="button"
          className="cp-button cp-button-primary"
          disabled={busy || changes === 0 || !canWrite(principal)}
          onClick={onApply}
        >
          {changes === 0 ? 'Nothing to apply' : `Apply to ${countOf(changes, 'worker')}`}
        </button>
      )}
    </article>
  );
}

function RolloutOutcomeCard({ result }: { result: ObjectApplyResult }) {
  const workerName = useWorkerName();
  return (
    <article className="cp-card" aria-label="Outcome">
      <h2 className="cp-card-title">Outcome: {result.status}</h2>
      <DataTable
        caption="Outcome per worker"
        columns={[
          { id: 'worker', header: 'Worker', rowHeader: true, cell: (row) => workerName(row.workerId) },
          { id: 'outcome', header: 'Outcome', cell: outcomeText },
        ]}
        rows={result.workers}
        rowKey={(row) => row.workerId}
      />
    </article>
  );
}
