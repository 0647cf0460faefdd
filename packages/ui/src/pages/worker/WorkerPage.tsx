import { lazy, Suspense, useMemo } from 'react';
import type { WorkerView } from '../../api/contract.js';
import { createWorkerApi } from '../../api/worker-api.js';
import {
  clearWorkerSession,
  loginToWorker,
  readWorkerSession,
  saveWorkerSession,
} from '../../api/worker-sessions.js';
import { canWrite, useApp } from '../../app/context.js';
import { formatRelative } from '../../app/format.js';
import { Link } from '../../app/router.js';
import {
  isObjectSection,
  OBJECT_SECTION_KINDS,
  type ObjectSection,
  WORKER_SECTION_LABELS,
  WORKER_SECTIONS,
  type WorkerSection,
  workerPath,
} from '../../app/routes.js';
import { SignInForm } from '../../components/SignInForm.js';
import { EmptyState, Loading, StatusBadge } from '../../components/States.js';

const SECTIONS = {
  keys: lazy(() => import('./KeysPage.js')),
  teams: lazy(() => import('./TeamsPage.js')),
  users: lazy(() => import('./UsersPage.js')),
  models: lazy(() => import('./ModelsPage.js')),
  budgets: lazy(() => import('./BudgetsPage.js')),
  organizations: lazy(() => import('./OrganizationsPage.js')),
  spend: lazy(() => import('./WorkerSpendPage.js')),
} satisfies Record<Exclude<WorkerSection, ObjectSection>, unknown>;
const ObjectResourcePage = lazy(() => import('../objects/ObjectResourcePage.js'));

export default function WorkerPage({
  workerId,
  section,
  workersLoading,
}: {
  workerId: string;
  section: WorkerSection;
  workersLoading: boolean;
}) {
  const { workers, api, principal, workerSessionsVersion, onWorkerSessionChange } = useApp();
  const worker = workers.find((candidate) => candidate.worker_id === workerId);
  // biome-ignore lint/correctness/useExhaustiveDependencies: workerSessionsVersion re-reads sessionStorage after a login or logout
  const session = useMemo(
    () => (worker && !worker.has_credential ? readWorkerSession(worker.worker_id) : null),
    [worker, workerSessionsVersion],
  );
  const admin = useMemo(() => (worker ? createWorkerApi(worker, api) : undefined), [api, worker]);

  if (!worker) {
    if (workersLoading) return <Loading label="Loading workers…" />;
    return (
      <EmptyState title={`No worker with id “${workerId}”`}>
        <p>
          It may have been removed from the registry. <Link to="/">Go to the fleet overview</Link>.
        </p>
      </EmptyState>
    );
  }

  const Section = isObjectSection(section) ? undefined : SECTIONS[section];
  const status = worker.health?.status ?? 'unknown';
  const needsLogin = !worker.has_credential && session === null;

  return (
    <section aria-labelledby="cp-worker-title">
      <div className="cp-page-header cp-worker-header">
        <div>
          <h1 id="cp-worker-title" tabIndex={-1} data-page-title>
            {WORKER_SECTION_LABELS[section]} <span className="cp-muted">on</span> {worker.name}
          </h1>
          <p className="cp-page-description">
            <span className="cp-mono">{worker.worker_id}</span>
            {' · '}
            {worker.region ?? 'no region'}
            {' · '}
            <StatusBadge status={status} />
            {worker.health?.version ? ` · LiteLLM ${worker.health.version}` : ''}
            {worker.health?.last_seen_at ? ` · seen ${formatRelative(worker.health.last_seen_at)}` : ''}
          </p>
        </div>
        {!worker.has_credential && session ? (
          <div className="cp-page-actions">
            <span className="cp-hint">Browser session{session.subject ? ` as ${session.subject}` : ''}</span>
            <button
              type="button"
              className="cp-button"
              onClick={() => {
                clearWorkerSession(worker.worker_id);
                onWorkerSessionChange();
              }}
            >
              Log out of {worker.name}
            </button>
          </div>
        ) : null}
      </div>
      {status === 'unreachable' ? (
        <p className="cp-notice cp-notice-warning" role="status">
          {worker.name} is not answering{worker.health?.error ? ` (${worker.health.error.message})` : ''}.
          Reads may fail; other workers are not affected.
        </p>
      ) : null}
      <nav className="cp-tabs" aria-label={`${worker.name} sections`}>
        {WORKER_SECTIONS.map((candidate) => (
          <Link
            key={candidate}
            to={workerPath(worker.worker_id, candidate)}
            aria-current={candidate === section ? 'page' : undefined}
          >
            {WORKER_SECTION_LABELS[candidate]}
          </Link>
        ))}
      </nav>
      {needsLogin ? (
        <WorkerLogin worker={worker} onLoggedIn={onWorkerSessionChange} />
      ) : admin ? (
        <Suspense fallback={<Loading />}>
          {Section ? (
            <Section
              key={worker.worker_id}
              worker={worker}
              admin={admin}
              writable={canWrite(principal, worker.worker_id)}
            />
          ) : (
            <ObjectResourcePage
              key={`${worker.worker_id}:${section}`}
              kind={OBJECT_SECTION_KINDS[section as ObjectSection]}
              worker={worker}
              admin={admin}
              writable={canWrite(principal, worker.worker_id)}
            />
          )}
        </Suspense>
      ) : null}
    </section>
  );
}

/** LiteLLM's own login against a worker the control plane has no credential for. */
function WorkerLogin({ worker, onLoggedIn }: { worker: WorkerView; onLoggedIn(): void }) {
  const { api } = useApp();
  if (worker.browser_login?.possible === false) {
    return (
      <div className="cp-card cp-worker-login">
        <h2>{worker.name} needs a credential held by the control plane</h2>
        <p className="cp-notice cp-notice-warning" role="status">
          {worker.browser_login.note}
        </p>
      </div>
    );
  }

  return (
    <div className="cp-card cp-worker-login">
      <h2>Log in to {worker.name}</h2>
      <p className="cp-hint">
        The control plane holds no credential for this worker, so your browser signs in to it directly at{' '}
        <code>{worker.url}</code>. The session lasts for this tab only and is kept apart from other workers.
        {worker.browser_login?.note ? ` Note: ${worker.browser_login.note}.` : ''}
      </p>
      <SignInForm
        initialUsername="admin"
        onSignIn={async ({ username, password }) => {
          const session = await loginToWorker({
            fetch: api.fetch,
            workerUrl: worker.url,
            username,
            password,
          });
          saveWorkerSession(worker.worker_id, session);
          onLoggedIn();
        }}
        errorTitle={() => `Could not log in to ${worker.name}`}
        submitLabel={`Log in to ${worker.name}`}
        busyLabel="Logging in…"
      />
    </div>
  );
}
