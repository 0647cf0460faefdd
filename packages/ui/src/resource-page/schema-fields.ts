import { asStringArray } from '../app/format.js';
import type { FieldSpec, FormValues } from '../pages/worker/RecordForm.js';
import { initialText } from '../pages/worker/RecordForm.js';

/** The part of a zod (v4) object schema read here: its shape, whose entries carry `def`. */
export type ObjectSchemaLike = { shape: Record<string, unknown> };

/** A field as a config states it: `kind` may be left to the schema; everything else is the config's. */
export type FieldOverride = Omit<FieldSpec, 'kind'> & { kind?: FieldSpec['kind'] };

type SchemaDef = {
  type?: string;
  innerType?: unknown;
  element?: unknown;
  entries?: Record<string, string>;
  format?: string;
};

function defOf(node: unknown): SchemaDef {
  return (node as { def?: SchemaDef } | undefined)?.def ?? {};
}

/** Peels optional, nullable and default wrappers; reports whether any made the field optional. */
function unwrap(node: unknown): { node: unknown; optional: boolean } {
  let current = node;
  let optional = false;
  for (let def = defOf(current); def.innerType !== undefined; def = defOf(current)) {
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') optional = true;
    current = def.innerType;
  }
  return { node: current, optional };
}

function inferred(node: unknown): Pick<FieldSpec, 'kind' | 'options'> | undefined {
  const def = defOf(node);
  const format = def.format ?? (node as { format?: string | null }).format ?? undefined;
  if (def.type === 'number' || def.type === 'int') return { kind: 'number' };
  if (def.type === 'string') return { kind: format === 'email' ? 'email' : 'text' };
  if (def.type === 'enum' && def.entries) {
    return { kind: 'select', options: Object.values(def.entries).map((value) => ({ value, label: value })) };
  }
  if (def.type === 'array' && defOf(def.element).type === 'string') return { kind: 'models' };
  return undefined;
}

/**
 * Form fields from the object schema core validates the worker's rows with: each field's kind (text,
 * number, e-mail, select over an enum, a list of names) and, for a non-optional schema field,
 * `required`, come from the schema; the override states the label and anything it wants to decide
 * itself (a `kind` or `options` given there wins). A name the schema lacks, or whose type has no
 * field kind, needs an explicit `kind`, or this throws: a config error, found by its first render.
 */
export function fieldsFromSchema(schema: ObjectSchemaLike, fields: FieldOverride[]): FieldSpec[] {
  return fields.map((field) => {
    const entry = schema.shape[field.name];
    const { node, optional } = unwrap(entry);
    const fromSchema = entry === undefined ? undefined : inferred(node);
    const kind = field.kind ?? fromSchema?.kind;
    if (kind === undefined) {
      throw new Error(`Field "${field.name}": the schema gives no field kind for it; state "kind".`);
    }
    const options = field.options ?? (kind === fromSchema?.kind ? fromSchema.options : undefined);
    const required = field.required ?? (entry !== undefined && !optional ? true : undefined);
    return { ...field, kind, ...(options ? { options } : {}), ...(required ? { required } : {}) };
  });
}

/** A form's starting values: empty for a new row, else the row's values for each field (lists as lists). */
export function formValuesFrom(fields: FieldSpec[], row?: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = row?.[field.name];
    values[field.name] = field.kind === 'models' ? asStringArray(value) : initialText(value);
  }
  return values;
}
