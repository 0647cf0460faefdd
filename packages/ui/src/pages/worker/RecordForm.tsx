import { type FormEvent, useState } from 'react';
import type { WorkerView } from '../../api/contract.js';
import { type ApiError, toApiError } from '../../api/errors.js';
import type { WorkerApi } from '../../api/worker-api.js';
import { Dialog } from '../../components/Dialog.js';
import { SelectField, TextField } from '../../components/Fields.js';
import { ErrorState } from '../../components/States.js';
import { ModelPicker, useWorkerResource } from './shared.js';

export type FieldSpec = {
  name: string;
  label: string;
  kind: 'text' | 'number' | 'email' | 'select' | 'models';
  options?: { value: string; label: string }[];
  hint?: string;
  required?: boolean;
  placeholder?: string;
  /** Identifiers cannot change after creation. */
  createOnly?: boolean;
  /**
   * A `select` whose options also come from the worker (its teams, say), after the fixed `options`.
   * `key` names the cached list; `failedHint` replaces the hint when it cannot be loaded. The current
   * value stays selectable even when the worker no longer lists it.
   */
  loadOptions?: {
    key: string;
    load(admin: WorkerApi, signal: AbortSignal): Promise<SelectOption[]>;
    failedHint: string;
  };
};

type SelectOption = { value: string; label: string };

export type FormValues = Record<string, string | string[]>;

/** A create/edit dialog built from field specs; `submit` maps the values to the worker's request body. */
export function RecordFormDialog({
  title,
  worker,
  fields,
  initial,
  editing,
  availableModels = [],
  submitLabel,
  onClose,
  submit,
  admin,
}: {
  title: string;
  worker: WorkerView;
  /** Needed only by fields with `loadOptions`. */
  admin?: WorkerApi;
  fields: FieldSpec[];
  initial: FormValues;
  editing: boolean;
  availableModels?: string[];
  submitLabel: string;
  onClose(): void;
  submit(values: FormValues): Promise<void>;
}) {
  const [values, setValues] = useState<FormValues>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const set = (name: string, value: string | string[]) =>
    setValues((current) => ({ ...current, [name]: value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await submit(values);
      onClose();
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };

  const visible = fields.filter((field) => !(editing && field.createOnly));
  return (
    <Dialog
      title={title}
      wide
      onClose={onClose}
      description={
        <>
          On worker <strong>{worker.name}</strong>
          {worker.region ? ` (${worker.region})` : ''}
        </>
      }
    >
      <form className="cp-form" onSubmit={onSubmit}>
        <div className="cp-form-grid">
          {visible
            .filter((field) => field.kind !== 'models')
            .map((field, index) => {
              const value = values[field.name];
              const text = typeof value === 'string' ? value : '';
              if (field.kind === 'select' && field.loadOptions && admin) {
                return (
                  <LoadedSelectField
                    key={field.name}
                    field={field}
                    loadOptions={field.loadOptions}
                    worker={worker}
                    admin={admin}
                    value={text}
                    onChange={(next) => set(field.name, next)}
                  />
                );
              }
              if (field.kind === 'select') {
                return (
                  <SelectField
                    key={field.name}
                    label={field.label}
                    value={text}
                    onChange={(next) => set(field.name, next)}
                    options={field.options ?? []}
                    hint={field.hint}
                  />
                );
              }
              return (
                <TextField
                  key={field.name}
                  label={field.label}
                  value={text}
                  onChange={(next) => set(field.name, next)}
                  type={field.kind === 'number' ? 'number' : field.kind === 'email' ? 'email' : 'text'}
                  inputMode={field.kind === 'number' ? 'decimal' : undefined}
                  step={field.kind === 'number' ? 'any' : undefined}
                  min={field.kind === 'number' ? 0 : undefined}
                  required={field.required}
                  placeholder={field.placeholder}
                  hint={field.hint}
                  autoFocus={index === 0}
                />
              );
            })}
        </div>
        {visible
          .filter((field) => field.kind === 'models')
          .map((field) => (
            <ModelPicker
              key={field.name}
              label={field.label}
              available={availableModels}
              value={Array.isArray(values[field.name]) ? (values[field.name] as string[]) : []}
              onChange={(next) => set(field.name, next)}
            />
          ))}
        {error ? <ErrorState error={error} title={`${submitLabel} failed`} compact /> : null}
        <div className="cp-form-actions">
          <button type="button" className="cp-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="cp-button cp-button-primary" disabled={busy}>
            {busy ? 'Saving…' : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function LoadedSelectField({
  field,
  loadOptions,
  worker,
  admin,
  value,
  onChange,
}: {
  field: FieldSpec;
  loadOptions: NonNullable<FieldSpec['loadOptions']>;
  worker: WorkerView;
  admin: WorkerApi;
  value: string;
  onChange(value: string): void;
}) {
  const loaded = useWorkerResource(worker, loadOptions.key, (signal) => loadOptions.load(admin, signal));
  const options = [...(field.options ?? []), ...(loaded.data ?? [])];
  if (value && !options.some((option) => option.value === value)) options.push({ value, label: value });
  return (
    <SelectField
      label={field.label}
      value={value}
      onChange={onChange}
      options={options}
      hint={loaded.error ? loadOptions.failedHint : field.hint}
    />
  );
}

/** The budget and rate limits budgets and teams share, read from their form. */
export function limits(values: FormValues) {
  return {
    max_budget: number(values, 'max_budget'),
    budget_duration: text(values, 'budget_duration'),
    tpm_limit: number(values, 'tpm_limit'),
    rpm_limit: number(values, 'rpm_limit'),
  };
}

export function text(values: FormValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function number(values: FormValues, name: string): number | undefined {
  const value = text(values, name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

export function list(values: FormValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : [];
}

export function initialText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
