import { type ReactNode, useEffect, useId, useRef } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: focus moves in, Tab stays inside, Escape closes, focus returns to the opener.
 * Hand-rolled rather than `<dialog>` so it behaves the same in every embedding host and in tests.
 */
export function Dialog({
  title,
  description,
  onClose,
  children,
  footer,
  wide,
}: {
  title: string;
  description?: ReactNode;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  const titleId = useId();
  const descriptionId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first =
      panel.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      panel.current?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? panel.current)?.focus();
    return () => opener?.focus();
  }, []);

  const onKeyDown = (event: React.KeyboardEvent) => {
    // A nested dialog (a confirmation over a form) handles its own keys first.
    if (event.defaultPrevented) return;
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const focusable = Array.from(panel.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="cp-dialog-backdrop">
      <div
        ref={panel}
        className={wide ? 'cp-dialog cp-dialog-wide' : 'cp-dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header className="cp-dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button
            type="button"
            className="cp-icon-button"
            aria-label="Close"
            onClick={() => onCloseRef.current()}
          >
            ×
          </button>
        </header>
        {description ? (
          <div id={descriptionId} className="cp-dialog-description">
            {description}
          </div>
        ) : null}
        <div className="cp-dialog-body">{children}</div>
        {footer ? <footer className="cp-dialog-footer">{footer}</footer> : null}
      </div>
    </div>
  );
}
