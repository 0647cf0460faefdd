import { UnknownResponseSchema } from '../schemas/common.js';
import type {
  DeleteTeamsRequest,
  NewTeamRequest,
  Team,
  TeamInfoResponse,
  TeamListPage,
  TeamListPageParams,
  TeamListParams,
  TeamMemberAddRequest,
  TeamMemberRemoveRequest,
  TeamMemberUpdateRequest,
  TeamMemberUpdateResponse,
  TeamUpdateResponse,
  UpdateTeamRequest,
} from '../schemas/teams.js';
import {
  TeamInfoResponseSchema,
  TeamListPageSchema,
  TeamListSchema,
  TeamMemberUpdateResponseSchema,
  TeamSchema,
  TeamUpdateResponseSchema,
} from '../schemas/teams.js';
import type { CallOptions, Transport } from '../transport.js';
import { LIST_ALL_PAGE_SIZE, walkPages } from './pages.js';

export interface TeamsResource {
  create(body?: NewTeamRequest, options?: CallOptions): Promise<Team>;
  update(body: UpdateTeamRequest, options?: CallOptions): Promise<TeamUpdateResponse>;
  delete(body: DeleteTeamsRequest, options?: CallOptions): Promise<unknown>;
  info(teamId: string, options?: CallOptions): Promise<TeamInfoResponse>;
  list(params?: TeamListParams, options?: CallOptions): Promise<Team[]>;
  listPage(params?: TeamListPageParams, options?: CallOptions): Promise<TeamListPage>;
  listAll(params?: TeamListPageParams, options?: CallOptions): AsyncGenerator<Team, void, undefined>;
  addMember(body: TeamMemberAddRequest, options?: CallOptions): Promise<Team>;
  removeMember(body: TeamMemberRemoveRequest, options?: CallOptions): Promise<Team>;
  updateMember(body: TeamMemberUpdateRequest, options?: CallOptions): Promise<TeamMemberUpdateResponse>;
  block(teamId: string, options?: CallOptions): Promise<Team>;
  unblock(teamId: string, options?: CallOptions): Promise<Team>;
}

export function createTeamsResource(transport: Transport): TeamsResource {
  const listPage = (params: TeamListPageParams = {}, options?: CallOptions) =>
    transport.call({ method: 'GET', path: '/v2/team/list', query: params }, TeamListPageSchema, options);

  return {
    /** POST /team/new */
    create: (body: NewTeamRequest = {}, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/team/new', body }, TeamSchema, options),
    /** POST /team/update → { team_id, data } */
    update: (body: UpdateTeamRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/team/update', body }, TeamUpdateResponseSchema, options),
    /** POST /team/delete — the response is an opaque deletion result. */
    delete: (body: DeleteTeamsRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/team/delete', body }, UnknownResponseSchema, options),
    /** GET /team/info?team_id= */
    info: (teamId: string, options?: CallOptions) =>
      transport.call(
        { method: 'GET', path: '/team/info', query: { team_id: teamId } },
        TeamInfoResponseSchema,
        options,
      ),
    /** GET /team/list (unpaginated array). */
    list: (params: TeamListParams = {}, options?: CallOptions) =>
      transport.call({ method: 'GET', path: '/team/list', query: params }, TeamListSchema, options),
    /** GET /v2/team/list (paginated envelope). */
    listPage,
    /** Iterates every team over all pages of GET /v2/team/list. */
    listAll(params: TeamListPageParams = {}, options?: CallOptions): AsyncGenerator<Team, void, undefined> {
      const pageSize = params.page_size ?? LIST_ALL_PAGE_SIZE;
      return walkPages(params.page ?? 1, async (page) => {
        const response = await listPage({ ...params, page, page_size: pageSize }, options);
        return { items: response.teams, totalPages: response.total_pages };
      });
    },
    /** POST /team/member_add */
    addMember: (body: TeamMemberAddRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/team/member_add', body }, TeamSchema, options),
    /** POST /team/member_delete */
    removeMember: (body: TeamMemberRemoveRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/team/member_delete', body }, TeamSchema, options),
    /** POST /team/member_update */
    updateMember: (body: TeamMemberUpdateRequest, options?: CallOptions) =>
      transport.call(
        { method: 'POST', path: '/team/member_update', body },
        TeamMemberUpdateResponseSchema,
        options,
      ),
    /** POST /team/block */
    block: (teamId: string, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/team/block', body: { team_id: teamId } }, TeamSchema, options),
    /** POST /team/unblock */
    unblock: (teamId: string, options?: CallOptions) =>
      transport.call(
        { method: 'POST', path: '/team/unblock', body: { team_id: teamId } },
        TeamSchema,
        options,
      ),
  };
}
