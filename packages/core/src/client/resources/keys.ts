import { path } from '../path.js';
import type {
  DeleteKeysRequest,
  DeleteKeysResponse,
  GenerateKeyRequest,
  GenerateKeyResponse,
  KeyInfoResponse,
  KeyListParams,
  KeyListResponse,
  KeyObject,
  RegenerateKeyRequest,
  UpdateKeyRequest,
  UpdateKeyResponse,
} from '../schemas/keys.js';
import {
  DeleteKeysResponseSchema,
  GenerateKeyResponseSchema,
  KeyInfoResponseSchema,
  KeyListResponseSchema,
  KeyObjectSchema,
  UpdateKeyResponseSchema,
} from '../schemas/keys.js';
import type { CallOptions, Transport } from '../transport.js';
import { lazyFastCheck } from '../validate.js';
import { LIST_ALL_PAGE_SIZE, walkPages } from './pages.js';

export interface KeysResource {
  generate(body?: GenerateKeyRequest, options?: CallOptions): Promise<GenerateKeyResponse>;
  update(body: UpdateKeyRequest, options?: CallOptions): Promise<UpdateKeyResponse>;
  delete(body: DeleteKeysRequest, options?: CallOptions): Promise<DeleteKeysResponse>;
  info(key?: string, options?: CallOptions): Promise<KeyInfoResponse>;
  list(params?: KeyListParams, options?: CallOptions): Promise<KeyListResponse>;
  listAll(params?: KeyListParams, options?: CallOptions): AsyncGenerator<KeyObject, void, undefined>;
  regenerate(key: string, body?: RegenerateKeyRequest, options?: CallOptions): Promise<GenerateKeyResponse>;
  block(key: string, options?: CallOptions): Promise<KeyObject>;
  unblock(key: string, options?: CallOptions): Promise<KeyObject>;
}

/** Key lists are the largest routine answers (fan-outs, the UI); they skip zod's validated copy. */
const keyListFastCheck = lazyFastCheck(KeyListResponseSchema);

export function createKeysResource(transport: Transport): KeysResource {
  const list = (params: KeyListParams = {}, options?: CallOptions) =>
    transport.call(
      // Without return_full_object LiteLLM answers with bare hashes instead of key objects.
      {
        method: 'GET',
        path: '/key/list',
        query: { ...params, return_full_object: true },
        fastCheck: keyListFastCheck,
      },
      KeyListResponseSchema,
      options,
    );

  return {
    /** POST /key/generate */
    generate: (body: GenerateKeyRequest = {}, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/key/generate', body }, GenerateKeyResponseSchema, options),
    /** POST /key/update */
    update: (body: UpdateKeyRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/key/update', body }, UpdateKeyResponseSchema, options),
    /** POST /key/delete */
    delete: (body: DeleteKeysRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/key/delete', body }, DeleteKeysResponseSchema, options),
    /** GET /key/info — without `key` the worker describes the caller's own key. */
    info: (key?: string, options?: CallOptions) =>
      transport.call(
        { method: 'GET', path: '/key/info', query: key === undefined ? undefined : { key } },
        KeyInfoResponseSchema,
        options,
      ),
    /** GET /key/list (always with return_full_object=true). */
    list,
    /** Iterates every key over all pages of GET /key/list. */
    listAll(params: KeyListParams = {}, options?: CallOptions): AsyncGenerator<KeyObject, void, undefined> {
      const size = params.size ?? LIST_ALL_PAGE_SIZE;
      return walkPages(params.page ?? 1, async (page) => {
        const response = await list({ ...params, page, size }, options);
        return { items: response.keys, totalPages: response.total_pages };
      });
    },
    /** POST /key/{key}/regenerate — async so an invalid key rejects instead of throwing. */
    regenerate: async (key: string, body: RegenerateKeyRequest = {}, options?: CallOptions) =>
      transport.call(
        { method: 'POST', path: path`/key/${key}/regenerate`, route: '/key/{key}/regenerate', body },
        GenerateKeyResponseSchema,
        options,
      ),
    /** POST /key/block */
    block: (key: string, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/key/block', body: { key } }, KeyObjectSchema, options),
    /** POST /key/unblock */
    unblock: (key: string, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/key/unblock', body: { key } }, KeyObjectSchema, options),
  };
}
