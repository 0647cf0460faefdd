import { type FormEvent, useId, useState } from 'react';
import { toApiError } from '../../api/errors.js';
import type { ObjectApplyResult, ObjectApplyRow, ObjectPlan, ObjectPlanRow } from '../../api/objects.js';
import { canWrite, useApp, useWorkerName } from '../../app/context.js';
import { useRouter } from '../../app/router.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { WorkerPicker } from '../../components/Fields.js';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/States.js';
import { useResource } from '../../hooks/useResource.js';
import { KindPicker, kindFromQuery } from './KindPicker.js';
import { KIND_VIEWS, nameOf } from './kinds.js';
import { showValue, unavailableText } from './shared.js';

/** `env=prod, region=eu` → `{ env: 'prod', region: 'eu' }`; undefined when a pair has no `=`. */
function parseLabels(text: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const pair of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) return undefined;
    labels[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return labels;
}

function planText(row: ObjectPlanRow): string {
  if (row.action === 'unavailable') return unavailableText(row);
  if (row.action === 'error') return `cannot plan: ${row.error?.message ?? 'no answer'}`;
  if (row.action === 'noop') return row.note ?? 'already as wanted';
  if (row.action === 'create') return 'will be created';
  return (row.diff ?? [])
    .map((diff) => `${diff.field}: ${showValue(diff.from)} → ${showValue(diff.to)}`)
    .join('; ');
}

function outcomeText(row: ObjectApplyRow): string {
  if (row.status === 'unavailable') return unavailableText(row);
  if (row.status === 'failed') return `failed: ${row.error?.message ?? 'no answer'}`;
  return row.note ? `${row.status} (${row.note})` : row.status;
}

/** Pick an object on one worker, preview what putting it on the selected workers changes, apply, see outcomes. */
export default function RolloutPage() {
  const { api, workers, principal, announce } = useApp();
  const router = useRouter();
  const workerName = useWorkerName();
  const objectId = useId();
  const labelsId = useId();
  const [kind, setKind] = useState(kindFromQuery(router.search.get('kind')));
  const [source, setSource] = useState(router.search.get('worker') ?? workers[0]?.worker_id ?? '');
  const [name, setName] = useState(router.search.get('name') ?? '');
  const [labelText, setLabelText] = useState('env=prod');
  const [plan, setPlan] = useState<ObjectPlan>();
  const [result, setResult] = useState<ObjectApplyResult>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error>();
  const view = KIND_VIEWS[kind];
  const sourceId = source || workers[0]?.worker_id || '';
  const listed = useResource(sourceId ? `rollout-source:${kind}:${sourceId}` : null, (signal) =>
    api.objects.list(kind, { workers: [sourceId] }, signal),
  );
  const sourceRow = listed.data?.workers[0];
  const items = sourceRow?.items ?? [];
  const chosen = items.find((item) => nameOf(view, item) === name) ?? items[0];
  const labels = parseLabels(labelText);
  const reset = () => {
    setPlan(undefined);
    setResult(undefined);
    setFailure(undefined);
  };

  async function preview(event: FormEvent) {
    event.preventDefault();
    if (!chosen || !labels) return;
    reset();
    setBusy(true);
    try {
      setPlan(await api.objects.plan(kind, chosen, { labels }));
    } catch (error) {
      setFailure(toApiError(error));
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!plan) return;
    setBusy(true);
    try {
      const applied = await api.objects.apply(plan);
      setResult(applied);
      announce(`Roll-out of ${plan.name}: ${applied.status}`);
    } catch (error) {
      setFailure(toApiError(error));
    } finally {
      setBusy(false);
    }
  }

  const planColumns: Column<ObjectPlanRow>[] = [
    { id: 'worker', header: 'Worker', rowHeader: true, cell: (row) => workerName(row.workerId) },
    { id: 'action', header: 'Action', cell: (row) => row.action },
    { id: 'changes', header: 'Changes', cell: planText },
  ];
  const resultColumns: Column<ObjectApplyRow>[] = [
    { id: 'worker', header: 'Worker', rowHeader: true, cell: (row) => workerName(row.workerId) },
    { id: 'outcome', header: 'Outcome', cell: outcomeText },
  ];
  const changes = plan
    ? plan.workers.filter((row) => row.action === 'create' || row.action === 'update').length
    : 0;

  return (
    <section>
      <PageHeader
        title="Roll out"
        description="Copy an object from one worker to every worker matching a label selector. Secrets are never copied."
      />
      <form className="cp-toolbar" onSubmit={preview}>
        <KindPicker
          value={kind}
          onChange={(next) => {
            setKind(next);
            setName('');
            reset();
          }}
        />
        <WorkerPicker
          label="From worker"
          workers={workers}
          value={sourceId}
          onChange={(next) => {
            setSource(next);
            setName('');
            reset();
          }}
        />
        <div className="cp-field cp-field-inline">
          <label htmlFor={objectId}>{view.singular[0]?.toUpperCase() + view.singular.slice(1)}</label>
          <select
            id={objectId}
            value={chosen ? nameOf(view, chosen) : ''}
            onChange={(event) => {
              setName(event.target.value);
              reset();
            }}
            disabled={items.length === 0}
          >
            {items.map((item) => (
              <option key={nameOf(view, item)} value={nameOf(view, item)}>
                {nameOf(view, item)}
              </option>
            ))}
          </select>
        </div>
        <div className="cp-field cp-field-inline">
          <label htmlFor={labelsId}>To workers labelled</label>
          <input
            id={labelsId}
            value={labelText}
            onChange={(event) => {
              setLabelText(event.target.value);
              reset();
            }}
            aria-invalid={labels === undefined}
          />
        </div>
        <button type="submit" className="cp-button cp-button-primary" disabled={!chosen || !labels || busy}>
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
      {failure ? <ErrorState error={failure} title="The roll-out could not continue" /> : null}
      {plan ? (
        <article className="cp-card" aria-label="Plan">
          <h2 className="cp-card-title">
            Plan for {view.singular} {plan.name}
          </h2>
          {plan.secretFields.length > 0 ? (
            <p className="cp-hint">
              Not copied (secret): {plan.secretFields.join(', ')}. Each worker keeps its own value.
            </p>
          ) : null}
          <DataTable
            caption="Plan per worker"
            columns={planColumns}
            rows={plan.workers}
            rowKey={(row) => row.workerId}
          />
          {result ? null : (
            <button
              type="button"
              className="cp-button cp-button-primary"
              disabled={busy || changes === 0 || !canWrite(principal)}
              onClick={() => void apply()}
            >
              {changes === 0 ? 'Nothing to apply' : `Apply to ${changes} worker${changes === 1 ? '' : 's'}`}
            </button>
          )}
        </article>
      ) : null}
      {result ? (
        <article className="cp-card" aria-label="Outcome">
          <h2 className="cp-card-title">Outcome: {result.status}</h2>
          <DataTable
            caption="Outcome per worker"
            columns={resultColumns}
            rows={result.workers}
            rowKey={(row) => row.workerId}
          />
        </article>
      ) : null}
    </section>
  );
}
