import { describe, expect, it } from 'vitest';
import type { FleetPlan, PlanWorker } from '../src/api/contract.js';
import { capitalised, countOf } from '../src/app/format.js';
import { matchRoute } from '../src/app/routes.js';
import { fleetLinks } from '../src/app/ShellNav.js';
import { auditFilterFromDraft } from '../src/pages/fleet/AuditFilters.js';
import { outcomes, parseDesiredState, planTotals } from '../src/pages/fleet/bulk-plan.js';
import { driftBadge, driftWorkers } from '../src/pages/fleet/drift-report.js';
import { filterWorkers, fleetCounts } from '../src/pages/fleet/overview-model.js';
import { KIND_VIEWS, nameOf } from '../src/pages/objects/kinds.js';
import { parseLabels, workersToChange } from '../src/pages/objects/rollout.js';
import { OVERVIEW } from './support/fleet-fixtures.js';

describe('fleet overview logic', () => {
  it('counts each status once and adds keys and spend of every worker, stale ones included', () => {
    expect(fleetCounts(OVERVIEW.workers)).toEqual({
      healthy: 1,
      degraded: 1,
      unreachable: 1,
      unknown: 0,
      keys: 120 + 75 + 9876,
      spend: 1234.5 + 410.25 + 98.75,
    });
  });

  it('filters by status and by text in name, id, region, version or a label value', () => {
    const names = (text: string, status: Parameters<typeof filterWorkers>[2] = 'all') =>
      filterWorkers(OVERVIEW.workers, text, status).map((worker) => worker.name);
    expect(names('')).toEqual(['US East', 'EU West', 'AP South']);
    expect(names('  STAGING ')).toEqual(['AP South']);
    expect(names('1.79')).toEqual(['AP South']);
    expect(names('eu-west-1')).toEqual(['EU West']);
    expect(names('', 'degraded')).toEqual(['EU West']);
    expect(names('prod', 'unreachable')).toEqual([]);
  });
});

describe('shell navigation', () => {
  const active = (path: string, role: 'admin' | 'viewer' = 'admin') =>
    fleetLinks(matchRoute(path), { role })
      .filter((link) => link.active)
      .map((link) => link.label);

  it('marks the one link of the current page, telling the two object pages apart', () => {
    expect(active('/')).toEqual(['Overview']);
    expect(active('/fleet')).toEqual(['Overview']);
    expect(active('/fleet/guardrails')).toEqual(['Guardrails']);
    expect(active('/fleet/mcp-servers')).toEqual(['MCP servers']);
    expect(active('/workers/a/keys')).toEqual([]);
  });

  it('offers the lock-outs page to admins only', () => {
    const labels = (role: 'admin' | 'viewer') =>
      fleetLinks(matchRoute('/'), { role }).map((link) => link.label);
    expect(labels('admin')).toContain('Sign-in lock-outs');
    expect(labels('viewer')).not.toContain('Sign-in lock-outs');
    expect(active('/lockouts')).toEqual(['Sign-in lock-outs']);
  });
});

describe('bulk changes logic', () => {
  it('accepts a JSON object as desired state and names what is wrong otherwise', () => {
    expect(parseDesiredState('{"teams": []}')).toEqual({ value: { teams: [] }, error: undefined });
    expect(parseDesiredState('[1]').error).toBe('The desired state must be a JSON object.');
    expect(parseDesiredState('null').error).toBe('The desired state must be a JSON object.');
    expect(parseDesiredState('{"teams": ').error).toMatch(/JSON/);
  });

  it('counts only changes that do something, and the workers that get any', () => {
    const worker = (id: string, actions: string[]) =>
      ({
        workerId: id,
        changes: actions.map((action, index) => ({ action, resource: 'teams', id: `t${index}` })),
      }) as unknown as PlanWorker;
    const plan = { workers: [worker('a', ['create', 'noop', 'update']), worker('b', ['noop'])] } as FleetPlan;
    const totals = planTotals(plan);
    expect(totals.changes).toBe(2);
    expect(totals.changedWorkers.map((entry) => entry.workerId)).toEqual(['a']);
  });

  it('reads per-worker outcomes whatever the field names, and names the failed change', () => {
    expect(
      outcomes({
        results: [
          { worker_id: 'a', changes: [{ status: 'applied', action: 'create' }, { status: 'unchanged' }] },
          {
            workerId: 'b',
            applied: [{ id: 'team-x', status: 'failed', error: { message: 'budget too low' } }],
          },
          { workerId: 'c', error: 'worker timed out' },
          { workerId: 'd', skipped: true },
        ],
      }),
    ).toEqual([
      { workerId: 'a', status: 'applied', ok: true, detail: undefined, count: 1 },
      { workerId: 'b', status: 'applied', ok: true, detail: 'team-x: budget too low', count: 1 },
      { workerId: 'c', status: 'failed', ok: false, detail: 'worker timed out', count: undefined },
      { workerId: 'd', status: 'skipped', ok: true, detail: undefined, count: undefined },
    ]);
    expect(outcomes({ workers: [{ workerId: 'e', status: 'partial' }] })[0]?.ok).toBe(false);
    expect(outcomes({})).toEqual([]);
  });
});

describe('drift logic', () => {
  it('reads each worker’s differences and error in either naming', () => {
    const rows = driftWorkers({
      results: [
        { worker_id: 'a', differences: [{ resource: 'teams', id: 't1', kind: 'missing' }] },
        { workerId: 'b', drift: [] },
        { workerId: 'c', error: { message: 'connect ECONNREFUSED' } },
        { workerId: 'd', error: 'timeout' },
      ],
    });
    expect(rows.map((row) => [row.workerId, row.items.length, row.error])).toEqual([
      ['a', 1, undefined],
      ['b', 0, undefined],
      ['c', 0, 'connect ECONNREFUSED'],
      ['d', 0, 'timeout'],
    ]);
    expect(rows.map(driftBadge)).toEqual([
      { label: '1 difference', tone: 'degraded' },
      { label: 'in sync', tone: 'healthy' },
      { label: 'not compared', tone: 'unreachable' },
      { label: 'not compared', tone: 'unreachable' },
    ]);
  });
});

describe('roll-out logic', () => {
  it('parses a label selector and refuses a pair without a name', () => {
    expect(parseLabels(' env=prod, region = eu ,')).toEqual({ env: 'prod', region: 'eu' });
    expect(parseLabels('')).toEqual({});
    expect(parseLabels('team=a=b')).toEqual({ team: 'a=b' });
    expect(parseLabels('env=prod, eu')).toBeUndefined();
    expect(parseLabels('=prod')).toBeUndefined();
  });

  it('counts the workers a plan creates or updates the object on', () => {
    const plan = {
      workers: [{ action: 'create' }, { action: 'update' }, { action: 'noop' }, { action: 'unavailable' }],
    } as Parameters<typeof workersToChange>[0];
    expect(workersToChange(plan)).toBe(2);
  });
});

describe('object kinds', () => {
  it('reads nested columns, and shows only the names of a credential’s values', () => {
    const guardrail = { guardrail_name: 'pii', litellm_params: { guardrail: 'presidio', mode: 'pre_call' } };
    const columns = KIND_VIEWS.guardrails.columns.map((column) => [column.header, column.value(guardrail)]);
    expect(columns).toEqual([
      ['Provider', 'presidio'],
      ['Mode', 'pre_call'],
      ['On by default', undefined],
      ['Defined in', undefined],
    ]);
    expect(nameOf(KIND_VIEWS.guardrails, guardrail)).toBe('pii');
    const credential = { credential_name: 'openai', credential_values: { api_key: 'sk-…redacted' } };
    const values = KIND_VIEWS.credentials.columns.find((column) => column.header === 'Values');
    expect(values?.value(credential)).toEqual(['api_key']);
    expect(KIND_VIEWS.mcpServers.plural).toBe('MCP servers');
    expect(KIND_VIEWS.tags.columns[2]?.value({ name: 't', litellm_budget_table: null })).toBeUndefined();
  });
});

describe('text helpers', () => {
  it('turns a draft audit filter’s local times into UTC instants and leaves empty ones out', () => {
    const filter = auditFilterFromDraft({ actor: 'alice', since: '2026-01-02T03:04' });
    expect(filter.actor).toBe('alice');
    expect(filter.since).toBe(new Date('2026-01-02T03:04').toISOString());
    expect(filter.until).toBeUndefined();
  });

  it('counts and capitalises', () => {
    expect(countOf(1, 'worker')).toBe('1 worker');
    expect(countOf(0, 'worker')).toBe('0 workers');
    expect(countOf(2, 'match', 'matches')).toBe('2 matches');
    expect(capitalised('guardrails')).toBe('Guardrails');
  });
});
