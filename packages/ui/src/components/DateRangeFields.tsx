import { useId } from 'react';

/** "From" and "To" date inputs that keep the range ordered; an emptied field keeps its previous value. */
export function DateRangeFields(props: {
  start: string;
  end: string;
  onStartChange: (value: string) => void;
  onEndChange: (value: string) => void;
}) {
  const startId = useId();
  const endId = useId();
  return (
    <>
      <div className="cp-field cp-field-inline">
        <label htmlFor={startId}>From</label>
        <input
          id={startId}
          type="date"
          value={props.start}
          max={props.end}
          onChange={(event) => event.target.value && props.onStartChange(event.target.value)}
        />
      </div>
      <div className="cp-field cp-field-inline">
        <label htmlFor={endId}>To</label>
        <input
          id={endId}
          type="date"
          value={props.end}
          min={props.start}
          onChange={(event) => event.target.value && props.onEndChange(event.target.value)}
        />
      </div>
    </>
  );
}
