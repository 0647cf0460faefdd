import { TextField } from './Fields.js';

/** "From" and "To" date inputs that keep the range ordered; an emptied field keeps its previous value. */
export function DateRangeFields(props: {
  start: string;
  end: string;
  onStartChange: (value: string) => void;
  onEndChange: (value: string) => void;
}) {
  return (
    <>
      <DateField label="From" value={props.start} max={props.end} onChange={props.onStartChange} />
      <DateField label="To" value={props.end} min={props.start} onChange={props.onEndChange} />
    </>
  );
}

function DateField({
  onChange,
  ...field
}: {
  label: string;
  value: string;
  min?: string;
  max?: string;
  onChange(value: string): void;
}) {
  return <TextField inline type="date" {...field} onChange={(value) => value && onChange(value)} />;
}
