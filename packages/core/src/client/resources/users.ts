import { UnknownResponseSchema } from '../schemas/common.js';
import type {
  DeleteUsersRequest,
  NewUserRequest,
  NewUserResponse,
  UpdateUserRequest,
  User,
  UserInfoResponse,
  UserListPage,
  UserListParams,
  UserUpdateResponse,
} from '../schemas/users.js';
import {
  NewUserResponseSchema,
  UserInfoResponseSchema,
  UserListPageSchema,
  UserUpdateResponseSchema,
} from '../schemas/users.js';
import type { CallOptions, Transport } from '../transport.js';
import { LIST_ALL_PAGE_SIZE, walkPages } from './pages.js';

export interface UsersResource {
  create(body?: NewUserRequest, options?: CallOptions): Promise<NewUserResponse>;
  update(body: UpdateUserRequest, options?: CallOptions): Promise<UserUpdateResponse>;
  delete(body: DeleteUsersRequest, options?: CallOptions): Promise<unknown>;
  info(userId?: string, options?: CallOptions): Promise<UserInfoResponse>;
  list(params?: UserListParams, options?: CallOptions): Promise<UserListPage>;
  listAll(params?: UserListParams, options?: CallOptions): AsyncGenerator<User, void, undefined>;
}

export function createUsersResource(transport: Transport): UsersResource {
  const list = (params: UserListParams = {}, options?: CallOptions) =>
    transport.call({ method: 'GET', path: '/user/list', query: params }, UserListPageSchema, options);

  return {
    /** POST /user/new */
    create: (body: NewUserRequest = {}, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/user/new', body }, NewUserResponseSchema, options),
    /** POST /user/update → { user_id, data } */
    update: (body: UpdateUserRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/user/update', body }, UserUpdateResponseSchema, options),
    /** POST /user/delete — the response is an opaque deletion result. */
    delete: (body: DeleteUsersRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/user/delete', body }, UnknownResponseSchema, options),
    /** GET /user/info — without `userId` the worker describes the caller. */
    info: (userId?: string, options?: CallOptions) =>
      transport.call(
        { method: 'GET', path: '/user/info', query: userId === undefined ? undefined : { user_id: userId } },
        UserInfoResponseSchema,
        options,
      ),
    /** GET /user/list (paginated envelope). */
    list,
    /** Iterates every user over all pages of GET /user/list. */
    listAll(params: UserListParams = {}, options?: CallOptions): AsyncGenerator<User, void, undefined> {
      const pageSize = params.page_size ?? LIST_ALL_PAGE_SIZE;
      return walkPages(params.page ?? 1, async (page) => {
        const response = await list({ ...params, page, page_size: pageSize }, options);
        return { items: response.users, totalPages: response.total_pages };
      });
    },
  };
}
