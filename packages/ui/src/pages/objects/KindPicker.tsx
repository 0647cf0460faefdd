import type { ObjectKind } from '../../api/objects.js';
import { SelectField } from '../../components/Fields.js';
import { KIND_VIEWS, OBJECT_KINDS } from './kinds.js';

const KIND_OPTIONS = OBJECT_KINDS.map((kind) => ({ value: kind, label: KIND_VIEWS[kind].plural }));

export function KindPicker({ value, onChange }: { value: ObjectKind; onChange(kind: ObjectKind): void }) {
  return <SelectField inline label="Object type" value={value} onChange={onChange} options={KIND_OPTIONS} />;
}

export function kindFromQuery(value: string | null): ObjectKind {
  return value !== null && value in KIND_VIEWS ? (value as ObjectKind) : 'guardrails';
}
