import { act, cleanup, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../src/api/client.js';
import type { AuditFilter, FleetOverview } from '../src/api/contract.js';
import { ApiError } from '../src/api/errors.js';
import { SelectField, TextField } from '../src/components/Fields.js';
import { SignInForm } from '../src/components/SignInForm.js';
import { useAction } from '../src/hooks/useAction.js';
import { useStatusAnnouncements } from '../src/pages/fleet/overview-model.js';
import { useAuditLog } from '../src/pages/fleet/useAuditLog.js';
import { type FixtureServer, startFixtureServer } from './support/fixture-server.js';
import { OVERVIEW } from './support/fleet-fixtures.js';

afterEach(cleanup);

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('useAction', () => {
  it('is busy while the work runs, keeps its failure, and clears it on the next run', async () => {
    const { result } = renderHook(() => useAction());
    const first = deferred();
    let outcome: Promise<boolean> | undefined;
    act(() => {
      outcome = result.current.run(() => first.promise);
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      first.reject(new ApiError({ status: 409, code: 'conflict', message: 'already exists' }));
      expect(await outcome).toBe(false);
    });
    expect(result.current.busy).toBe(false);
    expect(result.current.error?.code).toBe('conflict');

    const second = deferred();
    act(() => {
      outcome = result.current.run(() => second.promise);
    });
    expect(result.current.error).toBeUndefined();
    await act(async () => {
      second.resolve();
      expect(await outcome).toBe(true);
    });
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBeUndefined();
  });
});

describe('useStatusAnnouncements', () => {
  const withStatuses = (statuses: FleetOverview['workers'][number]['status'][]): FleetOverview => ({
    ...OVERVIEW,
    workers: OVERVIEW.workers.map((worker, index) => ({
      ...worker,
      status: statuses[index] ?? worker.status,
    })),
  });

  it('announces status transitions only, not the first load or an unchanged refresh', () => {
    const announced: string[] = [];
    const { rerender } = renderHook(
      ({ overview }: { overview: FleetOverview | undefined }) =>
        useStatusAnnouncements(overview, (message) => announced.push(message)),
      { initialProps: { overview: undefined as FleetOverview | undefined } },
    );
    rerender({ overview: withStatuses(['healthy', 'degraded', 'unreachable']) });
    rerender({ overview: withStatuses(['healthy', 'degraded', 'unreachable']) });
    expect(announced).toEqual([]);
    rerender({ overview: withStatuses(['unreachable', 'degraded', 'healthy']) });
    expect(announced).toEqual(['US East is now unreachable. AP South is now healthy.']);
  });
});

describe('useAuditLog', () => {
  let server: FixtureServer;
  beforeEach(async () => {
    server = await startFixtureServer();
  });
  afterEach(() => server.close());

  const entry = (id: string) => ({
    id,
    at: '2026-01-01T00:00:00.000Z',
    actor: 'admin',
    worker_id: null,
    action: 'key.generate',
    method: null,
    path: null,
    target: null,
    status: 200,
    request_id: `req-${id}`,
    correlation_id: null,
  });

  it('loads a page, appends older pages by cursor, and starts again for a new filter', async () => {
    server.on('GET /api/v1/audit', (request) => {
      if (request.query.get('actor') === 'bob')
        return { body: { entries: [entry('b1')], next_cursor: null } };
      return request.query.get('cursor') === 'c2'
        ? { body: { entries: [entry('3')], next_cursor: null } }
        : { body: { entries: [entry('1'), entry('2')], next_cursor: 'c2' } };
    });
    const api = createApiClient({ apiBase: server.apiBase });
    const { result, rerender } = renderHook(
      ({ filter }: { filter: AuditFilter }) => useAuditLog(api, filter),
      {
        initialProps: { filter: {} as AuditFilter },
      },
    );
    await waitFor(() => expect(result.current.entries.map((item) => item.id)).toEqual(['1', '2']));
    expect(result.current.hasMore).toBe(true);
    await act(() => result.current.loadMore());
    expect(result.current.entries.map((item) => item.id)).toEqual(['1', '2', '3']);
    expect(result.current.hasMore).toBe(false);

    rerender({ filter: { actor: 'bob' } });
    await waitFor(() => expect(result.current.entries.map((item) => item.id)).toEqual(['b1']));
    const queries = server.requests.map((request) => Object.fromEntries(request.query));
    expect(queries).toEqual([
      { limit: '100', format: 'json' },
      { limit: '100', cursor: 'c2', format: 'json' },
      { actor: 'bob', limit: '100', format: 'json' },
    ]);
  });

  it('keeps the failure for the page to show, and Retry loads again', async () => {
    let fail = true;
    server.on('GET /api/v1/audit', () =>
      fail
        ? { status: 503, body: { error: { code: 'store_unavailable', message: 'down', request_id: 'r1' } } }
        : { body: { entries: [entry('1')], next_cursor: null } },
    );
    const api = createApiClient({ apiBase: server.apiBase });
    const noFilter: AuditFilter = {};
    const { result } = renderHook(() => useAuditLog(api, noFilter));
    await waitFor(() => expect(result.current.error?.code).toBe('store_unavailable'));
    expect(result.current.loading).toBe(false);
    fail = false;
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.entries).toHaveLength(1));
    expect(result.current.error).toBeUndefined();
  });
});

/** A text field and a select, each showing what it holds. */
function Form() {
  const [text, setText] = useState('');
  const [choice, setChoice] = useState<'a' | 'b'>('a');
  return (
    <>
      <TextField label="Alias" hint="Shown in lists" required data-search value={text} onChange={setText} />
      <SelectField
        inline
        label="Choice"
        value={choice}
        onChange={setChoice}
        options={[
          { value: 'a', label: 'First' },
          { value: 'b', label: 'Second' },
        ]}
      />
      <output>{`${text}|${choice}`}</output>
    </>
  );
}

describe('fields', () => {
  it('labels the control, describes it by its hint, and passes other attributes through', () => {
    const { container } = render(<Form />);
    const alias = screen.getByRole('textbox', { name: 'Alias' });
    expect(alias.getAttribute('aria-describedby')).toBe(screen.getByText('Shown in lists').id);
    expect(alias.hasAttribute('data-search')).toBe(true);
    expect(alias.hasAttribute('required')).toBe(true);
    expect(container.querySelector('label')?.textContent).toBe('Alias *');
    fireEvent.change(alias, { target: { value: 'prod' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Choice' }), { target: { value: 'b' } });
    expect(container.querySelector('output')?.textContent).toBe('prod|b');
    expect(screen.getByRole('combobox', { name: 'Choice' }).closest('.cp-field-inline')).not.toBeNull();
  });
});

describe('SignInForm', () => {
  it('sends the credentials, says it is busy, and shows a failure with its title', async () => {
    const attempt = deferred();
    const sent: unknown[] = [];
    const { container } = render(
      <SignInForm
        initialUsername="admin"
        onSignIn={(credentials) => {
          sent.push(credentials);
          return attempt.promise;
        }}
        errorTitle={(error) => (error.status === 401 ? 'Wrong username or password' : 'Sign-in failed')}
        submitLabel="Sign in"
        busyLabel="Signing in…"
      />,
    );
    expect(screen.getByLabelText('Username')).toHaveProperty('value', 'admin');
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(sent).toEqual([{ username: 'admin', password: 'secret' }]);
    expect(screen.getByRole('button', { name: 'Signing in…' })).toHaveProperty('disabled', true);
    await act(async () => {
      attempt.reject(new ApiError({ status: 401, code: 'invalid_credentials', message: 'no' }));
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Wrong username or password');
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', false);
    expect(container.querySelector('form')?.getAttribute('aria-describedby')).toBe(alert.parentElement?.id);
  });
});
