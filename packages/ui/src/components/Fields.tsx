import { type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, useId } from 'react';
import type { WorkerView } from '../api/contract.js';

type Option = { value: string; label: string };

/** The label, hint and layout every field shares. */
type FieldFrame = {
  label: ReactNode;
  hint?: ReactNode;
  /** Label beside the control, for toolbars and filter rows. */
  inline?: boolean;
  /** Takes the free width of a toolbar. */
  grow?: boolean;
};

/** Separates the frame's props from the control's. */
function splitFrame<Props extends FieldFrame>({
  label,
  hint,
  inline,
  grow,
  ...control
}: Props): [FieldFrame, Omit<Props, keyof FieldFrame>] {
  return [{ label, hint, inline, grow }, control];
}

/** The label, the control `children` renders with the ids it must carry, and the hint under it. */
function Field({
  frame,
  requiredMark,
  children,
}: {
  frame: FieldFrame;
  requiredMark?: boolean;
  children(ids: { id: string; describedBy: string | undefined }): ReactNode;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className={`cp-field${frame.inline ? ' cp-field-inline' : ''}${frame.grow ? ' cp-grow' : ''}`}>
      <label htmlFor={id}>
        {frame.label}
        {requiredMark ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children({ id, describedBy: frame.hint ? hintId : undefined })}
      {frame.hint ? (
        <p id={hintId} className="cp-hint">
          {frame.hint}
        </p>
      ) : null}
    </div>
  );
}

type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'children'>;

/**
 * A labelled text input. Any other input attribute (`type`, `autoComplete`, `data-search`, ...) passes
 * through. `autoFocus` marks the field for the dialog that opens it rather than stealing focus on render;
 * a required field shows `*` unless `requiredMark` is false.
 */
export function TextField(
  props: FieldFrame &
    InputAttributes & {
      value: string;
      onChange(value: string): void;
      requiredMark?: boolean;
      ref?: Ref<HTMLInputElement>;
    },
) {
  const [frame, { value, onChange, required, requiredMark = required, autoFocus, ref, ...input }] =
    splitFrame(props);
  return (
    <Field frame={frame} requiredMark={requiredMark}>
      {({ id, describedBy }) => (
        <input
          type="text"
          {...input}
          ref={ref}
          id={id}
          value={value}
          required={required}
          data-autofocus={autoFocus ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

type SelectAttributes = Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'id' | 'value' | 'onChange' | 'children' | 'multiple'
>;

/** A labelled select over `options`; other select attributes (`disabled`, ...) pass through. */
export function SelectField<Value extends string = string>(
  props: FieldFrame &
    SelectAttributes & {
      value: Value;
      onChange(value: NoInfer<Value>): void;
      options: readonly { value: Value; label: string }[];
    },
) {
  const [frame, { value, onChange, options, ...select }] = splitFrame(props);
  return (
    <Field frame={frame}>
      {({ id, describedBy }) => (
        <select
          {...select}
          id={id}
          value={value}
          aria-describedby={describedBy}
          // The options are the only values the select can take.
          onChange={(event) => onChange(event.target.value as Value)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A select of the fleet's workers by name; `allowNone` adds a first, empty choice with that label. */
export function WorkerPicker({
  label,
  workers,
  value,
  onChange,
  allowNone,
  inline = true,
}: {
  label: string;
  workers: readonly WorkerView[];
  value: string;
  onChange(workerId: string): void;
  allowNone?: string;
  inline?: boolean;
}) {
  const options: Option[] = workers.map((worker) => ({ value: worker.worker_id, label: worker.name }));
  return (
    <SelectField
      inline={inline}
      label={label}
      value={value}
      onChange={onChange}
      options={allowNone === undefined ? options : [{ value: '', label: allowNone }, ...options]}
    />
  );
}

/** A checkbox per item; `onChange` gets the checked items after a toggle, in the order they were checked. */
export function Checkboxes({
  items,
  checked,
  onChange,
}: {
  items: readonly string[];
  checked: readonly string[];
  onChange(checked: string[]): void;
}) {
  const toggle = (item: string) =>
    onChange(checked.includes(item) ? checked.filter((other) => other !== item) : [...checked, item]);
  return items.map((item) => (
    <label key={item} className="cp-checkbox">
      <input type="checkbox" checked={checked.includes(item)} onChange={() => toggle(item)} />
      {item}
    </label>
  ));
}
