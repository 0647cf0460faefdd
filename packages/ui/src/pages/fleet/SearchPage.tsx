import { type FormEvent, useState } from 'react';
import type { FleetSearchResult, SearchType } from '../../api/contract.js';
import { useApp, useWorkerName } from '../../app/context.js';
import { asRecord, asString, formatMoney } from '../../app/format.js';
import { Link, useRouter } from '../../app/router.js';
import { workerPath } from '../../app/routes.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { SelectField, TextField } from '../../components/Fields.js';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/States.js';
import { useResource } from '../../hooks/useResource.js';

type Match = FleetSearchResult['matches'][number];
const TYPES: { value: SearchType; label: string }[] = [
  { value: 'all', label: 'Everything' },
  { value: 'key', label: 'Keys (alias or hash)' },
  { value: 'user', label: 'Users (e-mail or id)' },
  { value: 'team', label: 'Teams (name or id)' },
];

function matchKey(match: Match): string {
  const item = asRecord(match.item);
  const id = item.token ?? item.user_id ?? item.team_id ?? JSON.stringify(match.item);
  return `${match.worker_id}:${match.type}:${String(id)}`;
}

function describe(match: Match): { title: string; detail: string } {
  const item = asRecord(match.item);
  if (match.type === 'key') {
    return {
      title: asString(item.key_alias) ?? asString(item.key_name) ?? 'key',
      detail:
        `${asString(item.key_name) ?? ''} ${asString(item.token)?.slice(0, 16) ?? ''} · spend ${formatMoney(item.spend)}`.trim(),
    };
  }
  if (match.type === 'user') {
    return {
      title: asString(item.user_email) ?? String(item.user_id),
      detail: `${String(item.user_id)} · ${asString(item.user_role) ?? ''}`,
    };
  }
  return { title: asString(item.team_alias) ?? String(item.team_id), detail: String(item.team_id) };
}

export default function SearchPage() {
  const { api } = useApp();
  const router = useRouter();
  const q = router.search.get('q') ?? '';
  const typeParameter = router.search.get('type');
  const type: SearchType = TYPES.some((candidate) => candidate.value === typeParameter)
    ? (typeParameter as SearchType)
    : 'all';
  const [draft, setDraft] = useState(q);
  const [draftType, setDraftType] = useState<SearchType>(type);
  const result = useResource(q.trim() === '' ? null : `search:${type}:${q}`, (signal) =>
    api.search({ q, type }, signal),
  );
  const nameOf = useWorkerName();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parameters = new URLSearchParams({ q: draft.trim(), type: draftType });
    router.navigate(`/fleet/search?${parameters.toString()}`);
  };

  const columns: Column<Match>[] = [
    {
      id: 'match',
      header: 'Match',
      rowHeader: true,
      cell: (match) => {
        const { title, detail } = describe(match);
        return (
          <span className="cp-cell-stack">
            <span>{title}</span>
            <span className="cp-muted cp-mono cp-small">{detail}</span>
          </span>
        );
      },
    },
    { id: 'type', header: 'Type', cell: (match) => match.type },
    {
      id: 'worker',
      header: 'Worker',
      cell: (match) => (
        <Link
          to={workerPath(
            match.worker_id,
            match.type === 'key' ? 'keys' : match.type === 'user' ? 'users' : 'teams',
          )}
        >
          {nameOf(match.worker_id)}
        </Link>
      ),
    },
  ];

  const matches = result.data?.matches ?? [];
  const failures = result.data?.failures ?? [];
  return (
    <section>
      <PageHeader title="Search the fleet" description="Find a key, user or team on every worker at once." />
      <form className="cp-toolbar" onSubmit={submit} aria-label="Search every worker">
        <TextField
          inline
          grow
          data-search
          type="search"
          label="Search for"
          placeholder="Key alias or hash, user e-mail, team name"
          value={draft}
          onChange={setDraft}
        />
        <SelectField inline label="In" value={draftType} onChange={setDraftType} options={TYPES} />
        <button type="submit" className="cp-button cp-button-primary" disabled={draft.trim() === ''}>
          Search
        </button>
      </form>
      {q === '' ? <EmptyState title="Type something to search every worker" /> : null}
      {result.loading ? <Loading label="Searching every worker…" /> : null}
      {result.error ? (
        <ErrorState error={result.error} title="Search failed" onRetry={result.reload} />
      ) : null}
      {failures.length > 0 ? (
        <div className="cp-notice cp-notice-warning" role="status">
          <p>
            {failures.length} worker{failures.length === 1 ? '' : 's'} could not be searched; results may be
            incomplete:
          </p>
          <ul>
            {failures.map((failure) => (
              <li key={failure.worker_id}>
                <strong>{nameOf(failure.worker_id)}</strong>: {failure.error.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.data ? (
        matches.length === 0 ? (
          <EmptyState title={`Nothing matches “${q}”`} />
        ) : (
          <>
            <p role="status" className="cp-hint">
              {matches.length} match{matches.length === 1 ? '' : 'es'} on{' '}
              {new Set(matches.map((match) => match.worker_id)).size} worker(s)
            </p>
            <DataTable
              caption={`Search results for ${q}`}
              columns={columns}
              rows={matches}
              rowKey={matchKey}
            />
          </>
        )
      ) : null}
    </section>
  );
}
