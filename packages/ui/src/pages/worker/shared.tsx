import { type ReactNode, useEffect, useId } from 'react';
import type { WorkerView } from '../../api/contract.js';
import type { ApiError } from '../../api/errors.js';
import { isFeatureUnavailable, type WorkerApi } from '../../api/worker-api.js';
import { useApp } from '../../app/context.js';
import { asNumber, asStringArray, capitalised, formatMoney } from '../../app/format.js';
import { Checkboxes, TextField } from '../../components/Fields.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { type Resource, useResource } from '../../hooks/useResource.js';

export type WorkerSectionProps = { worker: WorkerView; admin: WorkerApi; writable: boolean };

/** Keys data by worker and browser session, so switching workers never shows the previous worker's rows. */
export function useWorkerResource<T>(
  worker: WorkerView,
  name: string,
  load: (signal: AbortSignal) => Promise<T>,
  enabled = true,
): Resource<T> {
  const { workerSessionsVersion } = useApp();
  return useResource(enabled ? `${worker.worker_id}\u0000${workerSessionsVersion}\u0000${name}` : null, load);
}

export function WorkerErrorState({
  error,
  title,
  onRetry,
  compact,
}: {
  error: ApiError;
  title: string;
  onRetry?: () => void;
  compact?: boolean;
}) {
  const { onWorkerSessionChange } = useApp();
  const loginRequired = error.code === 'worker_login_required';
  useEffect(() => {
    if (loginRequired) onWorkerSessionChange();
  }, [loginRequired, onWorkerSessionChange]);
  // A feature the worker's LiteLLM lacks (older release, community edition) is a fact about it, not a failure.
  if (isFeatureUnavailable(error)) {
    return (
      <EmptyState title={capitalised(error.message)}>
        <p>Other workers are not affected.</p>
      </EmptyState>
    );
  }
  return <ErrorState error={error} title={title} onRetry={onRetry} compact={compact} />;
}

/**
 * The loading, error and empty blocks every worker list shows around its table. `children` is a
 * function so the table is only built once data has arrived (it may read fields of `data`).
 */
export function WorkerResourceList<T>({
  resource,
  loadingLabel,
  errorTitle,
  compactError,
  isEmpty,
  emptyTitle,
  emptyDetail,
  children,
}: {
  resource: Resource<T>;
  loadingLabel: string;
  errorTitle: string;
  compactError?: boolean;
  isEmpty: boolean;
  emptyTitle: string;
  emptyDetail?: ReactNode;
  children(data: T): ReactNode;
}) {
  return (
    <>
      {resource.loading ? <Loading label={loadingLabel} /> : null}
      {resource.error ? (
        <WorkerErrorState
          error={resource.error}
          title={errorTitle}
          onRetry={resource.reload}
          compact={compactError}
        />
      ) : null}
      {resource.data ? (
        isEmpty ? (
          <EmptyState title={emptyTitle}>{emptyDetail}</EmptyState>
        ) : (
          children(resource.data)
        )
      ) : null}
    </>
  );
}

export const BUDGET_DURATIONS = [
  { value: '', label: 'No reset' },
  { value: '1d', label: 'Daily' },
  { value: '7d', label: 'Weekly' },
  { value: '30d', label: 'Monthly (30 days)' },
];

export const EXPIRY_DURATIONS = [
  { value: '', label: 'Never expires' },
  { value: '1h', label: '1 hour' },
  { value: '1d', label: '1 day' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: '90d', label: '90 days' },
  { value: '365d', label: '1 year' },
];

/** Models a worker offers (`GET /models`), for pickers; failure just means free-text entry. */
export function useWorkerModels(worker: WorkerView, admin: WorkerApi, enabled = true): string[] {
  const models = useWorkerResource(
    worker,
    'model-names',
    (signal) => admin.models.list({}, { signal }),
    enabled,
  );
  return (models.data?.data ?? []).map((model) => model.id).filter((id) => typeof id === 'string');
}

export function ModelPicker({
  available,
  value,
  onChange,
  label = 'Models',
}: {
  available: string[];
  value: string[];
  onChange(value: string[]): void;
  label?: string;
}) {
  const id = useId();
  if (available.length === 0 || available.length > 40) {
    return (
      <TextField
        label={label}
        value={value.join(', ')}
        onChange={(text) =>
          onChange(
            text
              .split(',')
              .map((item) => item.trim())
              .filter(Boolean),
          )
        }
        hint="Comma-separated model names. Empty means every model the owner may use."
      />
    );
  }
  return (
    <fieldset className="cp-fieldset">
      <legend id={id}>{label}</legend>
      <p className="cp-hint">None selected means every model the owner may use.</p>
      <div className="cp-checkbox-grid">
        <Checkboxes items={available} checked={value} onChange={onChange} />
      </div>
    </fieldset>
  );
}

/** "$12.00 / $50.00", or "/ ∞" without a budget: the spend column of keys, teams and users. */
export function spendOfBudget(row: { spend?: unknown; max_budget?: unknown }): string {
  const max = asNumber(row.max_budget);
  return `${formatMoney(asNumber(row.spend) ?? 0)} / ${max === undefined ? '∞' : formatMoney(max)}`;
}

/** The Models column: the names, or "all" when the row is not limited to some. */
export function ModelsCell(row: { models?: unknown }) {
  const names = asStringArray(row.models);
  return names.length === 0 ? <span className="cp-muted">all</span> : names.join(', ');
}

/** The State column of keys and teams. */
export function StateBadge(row: { blocked?: unknown }) {
  return row.blocked === true ? (
    <span className="cp-badge cp-badge-unreachable">Blocked</span>
  ) : (
    <span className="cp-badge cp-badge-healthy">Active</span>
  );
}
