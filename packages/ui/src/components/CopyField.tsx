import { useId, useRef, useState } from 'react';

/** A read-only secret with a copy button; the value exists only while this component is mounted. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      // Clipboard access can be denied (insecure origin, embedded iframe): select for a manual copy.
      input.current?.select();
      setCopied('failed');
    }
  };

  return (
    <div className="cp-field">
      <label htmlFor={id}>{label}</label>
      <div className="cp-copy-row">
        <input
          id={id}
          ref={input}
          readOnly
          value={value}
          className="cp-mono"
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="cp-button cp-button-primary" onClick={copy}>
          {copied === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="cp-hint" aria-live="polite">
        {copied === 'copied'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'Copy was blocked by the browser; the key is selected, press Ctrl+C.'
            : ''}
      </p>
    </div>
  );
}
