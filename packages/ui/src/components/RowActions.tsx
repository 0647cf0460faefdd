import type { ReactNode } from 'react';

/** One small button in a table row; the accessible name carries the row's label because every row repeats the visible text. */
export function RowActionButton({
  ariaLabel,
  onClick,
  danger,
  children,
}: {
  ariaLabel: string;
  onClick(): void;
  danger?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={danger ? 'cp-button cp-button-small cp-button-danger' : 'cp-button cp-button-small'}
      onClick={onClick}
      aria-label={ariaLabel}
    >
      {children}
    </button>
  );
}

/**
 * The Edit and Delete buttons most resource tables share. Extra buttons (`children`) come first so
 * the destructive action always stays last; leaving out both handlers renders only the extras, for
 * read-only sessions.
 */
export function RowActions({
  label,
  onEdit,
  onDelete,
  children,
  afterEdit,
}: {
  label: string;
  onEdit?: () => void;
  onDelete?: () => void;
  children?: ReactNode;
  /** Extra buttons between Edit and Delete. */
  afterEdit?: ReactNode;
}) {
  return (
    <span className="cp-row-actions">
      {children}
      {onEdit ? (
        <RowActionButton ariaLabel={`Edit ${label}`} onClick={onEdit}>
          Edit
        </RowActionButton>
      ) : null}
      {afterEdit}
      {onDelete ? (
        <RowActionButton ariaLabel={`Delete ${label}`} onClick={onDelete} danger>
          Delete
        </RowActionButton>
      ) : null}
    </span>
  );
}
