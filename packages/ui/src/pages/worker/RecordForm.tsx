import { type FormEvent, useState } from 'react';
import type { WorkerView } from '../../api/contract.js';
import { type ApiError, toApiError } from '../../api/errors.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorState } from '../../components/States.js';
import { ModelPicker, SelectField, TextField } from './shared.js';

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
};

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
}: {
  title: string;
  worker: WorkerView;
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
