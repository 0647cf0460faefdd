import { useId } from 'react';
import type { WorkerView } from '../../api/contract.js';
import type { ObjectKind } from '../../api/objects.js';
import { KIND_VIEWS, OBJECT_KINDS } from './kinds.js';

export function KindPicker({ value, onChange }: { value: ObjectKind; onChange(kind: ObjectKind): void }) {
  const id = useId();
  return (
    <div className="cp-field cp-field-inline">
      <label htmlFor={id}>Object type</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as ObjectKind)}>
        {OBJECT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {KIND_VIEWS[kind].plural}
          </option>
        ))}
      </select>
    </div>
  );
}

export function WorkerPicker({
  label,
  workers,
  value,
  onChange,
  allowNone,
}: {
  label: string;
  workers: WorkerView[];
  value: string;
  onChange(workerId: string): void;
  allowNone?: string;
}) {
  const id = useId();
  return (
    <div className="cp-field cp-field-inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {allowNone !== undefined ? <option value="">{allowNone}</option> : null}
        {workers.map((worker) => (
          <option key={worker.worker_id} value={worker.worker_id}>
            {worker.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function kindFromQuery(value: string | null): ObjectKind {
  return value !== null && value in KIND_VIEWS ? (value as ObjectKind) : 'guardrails';
}
