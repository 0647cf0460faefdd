import type { ReactNode } from 'react';
import type { ApiError } from '../api/errors.js';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="cp-loading" role="status">
      <span className="cp-spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="cp-empty">
      <p className="cp-empty-title">{title}</p>
      {children ? <div className="cp-empty-body">{children}</div> : null}
    </div>
  );
}

/** Shows what failed, the server's message and its request id (what support asks for). */
export function ErrorState({
  error,
  title = 'Something went wrong',
  onRetry,
  compact,
}: {
  error: ApiError | Error;
  title?: string;
  onRetry?: () => void;
  compact?: boolean;
}) {
  const details = error as Partial<ApiError>;
  return (
    <div className={compact ? 'cp-error cp-error-compact' : 'cp-error'} role="alert">
      <p className="cp-error-title">{title}</p>
      <p className="cp-error-message">{error.message}</p>
      <p className="cp-error-meta">
        {details.code ? (
          <span>
            Code <code>{details.code}</code>
          </span>
        ) : null}
        {details.workerId ? (
          <span>
            Worker <code>{details.workerId}</code>
          </span>
        ) : null}
        {details.requestId ? (
          <span>
            Request id <code>{details.requestId}</code>
          </span>
        ) : null}
      </p>
      {onRetry ? (
        <button type="button" className="cp-button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const label =
    status === 'healthy'
      ? 'Healthy'
      : status === 'degraded'
        ? 'Degraded'
        : status === 'unreachable'
          ? 'Unreachable'
          : 'Unknown';
  return (
    <span className={`cp-badge cp-badge-${status}`}>
      <span className="cp-badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

export function PageHeader({
  title,
  description,
  descriptionId,
  actions,
}: {
  title: string;
  description?: ReactNode;
  /** For a page section named by its description (`aria-labelledby`). */
  descriptionId?: string;
  actions?: ReactNode;
}) {
  return (
    <div className="cp-page-header">
      <div>
        <h1 tabIndex={-1} data-page-title>
          {title}
        </h1>
        {description ? (
          <p className="cp-page-description" id={descriptionId}>
            {description}
          </p>
        ) : null}
      </div>
      {actions ? <div className="cp-page-actions">{actions}</div> : null}
    </div>
  );
}
