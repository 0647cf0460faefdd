import type { WorkerView } from '../api/contract.js';
import { CopyField } from './CopyField.js';
import { Dialog } from './Dialog.js';

/** A secret the worker returns once (a new or regenerated key); closing the dialog drops it from the page. */
export function ShowOnceDialog({
  title,
  label,
  secret,
  worker,
  onClose,
}: {
  title: string;
  label: string;
  secret: string;
  worker: WorkerView;
  onClose(): void;
}) {
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <button type="button" className="cp-button cp-button-primary" onClick={onClose}>
          Done
        </button>
      }
    >
      <p className="cp-notice" role="note">
        Copy this key now. It is shown <strong>only once</strong>; the worker stores only its hash.
      </p>
      <CopyField label={label} value={secret} />
      <p className="cp-hint">
        Worker: {worker.name}
        {worker.region ? ` (${worker.region})` : ''}
      </p>
    </Dialog>
  );
}
