import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { ApiError } from '../api/errors.js';
import { toApiError } from '../api/errors.js';
import { Dialog } from './Dialog.js';
import { ErrorState } from './States.js';

/**
 * Destructive actions name the worker they hit: the button stays disabled until the exact worker
 * name is typed, so nobody deletes on the wrong worker after a quick switch.
 */
export function ConfirmByName({
  title,
  expected,
  expectedLabel = 'the worker name',
  actionLabel,
  children,
  onConfirm,
  onClose,
}: {
  title: string;
  expected: string;
  expectedLabel?: string;
  actionLabel: string;
  children: ReactNode;
  onConfirm(): Promise<void>;
  onClose(): void;
}) {
  const inputId = useId();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const matches = typed.trim() === expected;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!matches || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog title={title} onClose={onClose} description={children}>
      <form onSubmit={submit} className="cp-form">
        <div className="cp-field">
          <label htmlFor={inputId}>
            Type <strong className="cp-confirm-name">{expected}</strong> to confirm ({expectedLabel})
          </label>
          <input
            id={inputId}
            data-autofocus
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        {error ? <ErrorState error={error} title={`${actionLabel} failed`} compact /> : null}
        <div className="cp-form-actions">
          <button type="button" className="cp-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="cp-button cp-button-danger" disabled={!matches || busy}>
            {busy ? `${actionLabel}…` : actionLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
