import { useState } from 'react';
import type { LoginLockout } from '../../api/contract.js';
import { useApp } from '../../app/context.js';
import { formatDateTime, formatRelative } from '../../app/format.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/States.js';
import { useAction } from '../../hooks/useAction.js';
import { useResource } from '../../hooks/useResource.js';

/** Usernames locked out of sign-in after repeated failures; an admin lifts a lock here (audited). */
export default function LockoutsPage() {
  const { api, announce } = useApp();
  const lockouts = useResource('lockouts', (signal) => api.lockouts(signal));
  const [lifting, setLifting] = useState<string>();
  const lifted = useAction();

  const lift = async (username: string) => {
    setLifting(username);
    await lifted.run(async () => {
      await api.liftLockout(username);
      announce(`Sign-in lock-out of ${username} lifted`);
      lockouts.reload();
    });
    setLifting(undefined);
  };

  const columns: Column<LoginLockout>[] = [
    { id: 'username', header: 'Username', rowHeader: true, cell: (lockout) => lockout.username },
    {
      id: 'address',
      header: 'From address',
      cell: (lockout) => <span className="cp-mono">{lockout.address}</span>,
    },
    { id: 'failures', header: 'Failed attempts', align: 'num', cell: (lockout) => lockout.failures },
    {
      id: 'locked',
      header: 'Locked',
      cell: (lockout) => <time dateTime={lockout.locked_at}>{formatDateTime(lockout.locked_at)}</time>,
    },
    {
      id: 'until',
      header: 'Ends',
      cell: (lockout) => (
        <time dateTime={lockout.locked_until} title={lockout.locked_until}>
          {formatRelative(lockout.locked_until)}
        </time>
      ),
    },
    {
      id: 'actions',
      header: 'Actions',
      cell: (lockout) => (
        <button
          type="button"
          className="cp-button"
          disabled={lifting !== undefined}
          onClick={() => void lift(lockout.username)}
        >
          {lifting === lockout.username ? 'Lifting…' : `Lift lock-out of ${lockout.username}`}
        </button>
      ),
    },
  ];

  const rows = lockouts.data?.lockouts ?? [];
  return (
    <section aria-labelledby="cp-lockouts-title">
      <PageHeader
        title="Sign-in lock-outs"
        descriptionId="cp-lockouts-title"
        description="Usernames locked after repeated failed sign-ins from one address. A lock ends by itself; lifting it lets the user sign in at once. Every lift is audited."
      />
      {lifted.error ? <ErrorState error={lifted.error} title="Could not lift the lock-out" compact /> : null}
      {lockouts.loading ? <Loading label="Loading lock-outs…" /> : null}
      {lockouts.error ? (
        <ErrorState error={lockouts.error} title="Could not load the lock-outs" onRetry={lockouts.reload} />
      ) : null}
      {lockouts.data ? (
        rows.length === 0 ? (
          <EmptyState title="No username is locked out" />
        ) : (
          <DataTable
            caption="Locked usernames"
            columns={columns}
            rows={rows}
            rowKey={(lockout) => lockout.username}
          />
        )
      ) : null}
    </section>
  );
}
