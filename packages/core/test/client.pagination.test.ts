import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerClient, type WorkerClient } from '../src/index.js';
import { type StubWorker, startStubWorker } from './support/stub-worker.js';

const TOTAL_KEYS = 7;
const TOTAL_USERS = 5;
const TOTAL_TEAMS = 4;

function pageOf<T>(items: T[], page: number, size: number) {
  return { items: items.slice((page - 1) * size, page * size), totalPages: Math.ceil(items.length / size) };
}

describe('pagination', () => {
  let worker: StubWorker;
  let client: WorkerClient;
  const keys = Array.from({ length: TOTAL_KEYS }, (_, index) => ({ token: `hash-${index}`, spend: index }));
  const users = Array.from({ length: TOTAL_USERS }, (_, index) => ({ user_id: `user-${index}` }));
  const teams = Array.from({ length: TOTAL_TEAMS }, (_, index) => ({ team_id: `team-${index}` }));

  beforeAll(async () => {
    worker = await startStubWorker((request) => {
      const page = Number(request.query.get('page') ?? '1');
      if (request.path === '/key/list') {
        const size = Number(request.query.get('size') ?? '10');
        const { items, totalPages } = pageOf(keys, page, size);
        return {
          body: { keys: items, total_count: keys.length, current_page: page, total_pages: totalPages },
        };
      }
      if (request.path === '/user/list') {
        const pageSize = Number(request.query.get('page_size') ?? '25');
        const { items, totalPages } = pageOf(users, page, pageSize);
        return {
          body: { users: items, total: users.length, page, page_size: pageSize, total_pages: totalPages },
        };
      }
      if (request.path === '/v2/team/list') {
        const pageSize = Number(request.query.get('page_size') ?? '10');
        const { items, totalPages } = pageOf(teams, page, pageSize);
        return {
          body: { teams: items, total: teams.length, page, page_size: pageSize, total_pages: totalPages },
        };
      }
      return { status: 404, body: { detail: 'Not Found' } };
    });
    client = createWorkerClient({ baseUrl: worker.url, apiKey: 'sk-master-pages-0123456789' });
  });
  afterAll(async () => {
    await client.close();
    await worker.close();
  });

  it('keys.listAll walks every page until total_pages', async () => {
    const before = worker.requests.length;
    const seen: string[] = [];
    for await (const key of client.keys.listAll({ size: 3, team_id: 'team-1' })) seen.push(key.token ?? '');
    expect(seen).toEqual(keys.map((key) => key.token));
    const requests = worker.requests.slice(before);
    expect(requests.map((request) => request.query.get('page'))).toEqual(['1', '2', '3']);
    for (const request of requests) {
      expect(request.query.get('return_full_object')).toBe('true');
      expect(request.query.get('team_id')).toBe('team-1');
      expect(request.query.get('size')).toBe('3');
    }
  });

  it('keys.listAll can stop early without fetching further pages', async () => {
    const before = worker.requests.length;
    for await (const key of client.keys.listAll({ size: 2 })) {
      if (key.token === 'hash-1') break;
    }
    expect(worker.requests.length - before).toBe(1);
  });

  it('users.listAll walks every page', async () => {
    const before = worker.requests.length;
    const ids: string[] = [];
    for await (const user of client.users.listAll({ page_size: 2 })) ids.push(user.user_id);
    expect(ids).toEqual(users.map((user) => user.user_id));
    expect(worker.requests.slice(before).map((request) => request.query.get('page_size'))).toEqual([
      '2',
      '2',
      '2',
    ]);
  });

  it("teams.listAll walks every page of /v2/team/list with the caller's filters", async () => {
    const before = worker.requests.length;
    const ids: string[] = [];
    for await (const team of client.teams.listAll({ page_size: 3, organization_id: 'org-1' })) {
      ids.push(team.team_id);
    }
    expect(ids).toEqual(teams.map((team) => team.team_id));
    const requests = worker.requests.slice(before);
    expect(requests.map((request) => request.query.get('page'))).toEqual(['1', '2']);
    for (const request of requests) {
      expect(request.path).toBe('/v2/team/list');
      expect(request.query.get('organization_id')).toBe('org-1');
      expect(request.query.get('page_size')).toBe('3');
    }
  });

  it('listAll uses the largest page size by default and stops on an empty page', async () => {
    const before = worker.requests.length;
    const all = [];
    for await (const key of client.keys.listAll()) all.push(key);
    expect(all).toHaveLength(TOTAL_KEYS);
    expect(worker.requests.slice(before).map((request) => request.query.get('size'))).toEqual(['100']);
  });
});
