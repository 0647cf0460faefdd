import { UnknownResponseSchema } from '../schemas/common.js';
import type { Tag, TagRequest } from '../schemas/tags.js';
import { TagInfoSchema, TagListSchema } from '../schemas/tags.js';
import type { CallOptions, Transport } from '../transport.js';
import { createFeatureCaller } from './feature.js';

export interface TagsResource {
  list(options?: CallOptions): Promise<Tag[]>;
  info(names: string[], options?: CallOptions): Promise<Record<string, Tag>>;
  create(body: TagRequest, options?: CallOptions): Promise<void>;
  update(body: TagRequest, options?: CallOptions): Promise<void>;
  delete(name: string, options?: CallOptions): Promise<void>;
}

export function createTagsResource(transport: Transport): TagsResource {
  const call = createFeatureCaller(transport, 'tags');
  const write = async (route: string, body: unknown, options?: CallOptions) => {
    await call({ method: 'POST', path: route, body }, UnknownResponseSchema, options);
  };
  return {
    /** GET /tag/list */
    list: (options) => call({ method: 'GET', path: '/tag/list' }, TagListSchema, options),
    /** POST /tag/info { names } */
    info: (names, options) =>
      call({ method: 'POST', path: '/tag/info', body: { names }, retry: true }, TagInfoSchema, options),
    /** POST /tag/new */
    create: (body, options) => write('/tag/new', body, options),
    /** POST /tag/update */
    update: (body, options) => write('/tag/update', body, options),
    /** POST /tag/delete { name } */
    delete: (name, options) => write('/tag/delete', { name }, options),
  };
}
