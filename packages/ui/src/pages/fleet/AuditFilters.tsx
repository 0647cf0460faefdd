import { type FormEvent, useState } from 'react';
import type { AuditFilter, WorkerView } from '../../api/contract.js';
import { TextField, WorkerPicker } from '../../components/Fields.js';

/** The filter the API takes from the form's draft: the local date-times as UTC instants. */
export function auditFilterFromDraft(draft: AuditFilter): AuditFilter {
  const toIso = (value: string | undefined) => (value ? new Date(value).toISOString() : undefined);
  return { ...draft, since: toIso(draft.since), until: toIso(draft.until) };
}

/** The audit log's filter form: applies on submit, Reset clears it. */
export function AuditFilters({
  workers,
  onApply,
  onReset,
}: {
  workers: readonly WorkerView[];
  onApply(filter: AuditFilter): void;
  onReset(): void;
}) {
  const [draft, setDraft] = useState<AuditFilter>({});
  const field = (name: 'worker_id' | 'actor' | 'action' | 'status' | 'since' | 'until') => ({
    value: draft[name] ?? '',
    onChange: (value: string) => setDraft((current) => ({ ...current, [name]: value || undefined })),
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply(auditFilterFromDraft(draft));
  };

  return (
    <form className="cp-filters" onSubmit={apply} aria-label="Audit filters">
      <WorkerPicker
        inline={false}
        label="On worker"
        workers={workers}
        allowNone="Any"
        {...field('worker_id')}
      />
      <TextField label="Actor" data-search {...field('actor')} />
      <TextField label="Action" placeholder="key.generate" {...field('action')} />
      <TextField label="Status" placeholder="200" inputMode="numeric" {...field('status')} />
      <TextField label="Since" type="datetime-local" {...field('since')} />
      <TextField label="Until" type="datetime-local" {...field('until')} />
      <div className="cp-form-actions">
        <button type="submit" className="cp-button cp-button-primary">
          Apply filters
        </button>
        <button
          type="button"
          className="cp-button"
          onClick={() => {
            setDraft({});
            onReset();
          }}
        >
          Reset
        </button>
      </div>
    </form>
  );
}
