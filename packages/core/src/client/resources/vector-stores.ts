import { UnknownResponseSchema } from '../schemas/common.js';
import type {
  VectorStore,
  VectorStoreEnvelope,
  VectorStoreListParams,
  VectorStorePage,
  VectorStoreRequest,
} from '../schemas/vector-stores.js';
import { VectorStoreEnvelopeSchema, VectorStorePageSchema } from '../schemas/vector-stores.js';
import type { CallOptions, Transport } from '../transport.js';
import { createFeatureCaller } from './feature.js';

/** The registry routes `/vector_store/*` only; the OpenAI data routes `/v1/vector_stores` reach the provider. */
export interface VectorStoresResource {
  listPage(params?: VectorStoreListParams, options?: CallOptions): Promise<VectorStorePage>;
  /** Every registered store, page by page. */
  list(options?: CallOptions): Promise<VectorStore[]>;
  get(vectorStoreId: string, options?: CallOptions): Promise<VectorStoreEnvelope>;
  create(body: VectorStoreRequest, options?: CallOptions): Promise<VectorStoreEnvelope>;
  update(
    body: Partial<VectorStoreRequest> & { vector_store_id: string },
    options?: CallOptions,
  ): Promise<VectorStoreEnvelope>;
  delete(vectorStoreId: string, options?: CallOptions): Promise<void>;
}

const PAGE_SIZE = 100;

export function createVectorStoresResource(transport: Transport): VectorStoresResource {
  const call = createFeatureCaller(transport, 'vectorStores');
  const listPage = (params: VectorStoreListParams = {}, options?: CallOptions) =>
    call({ method: 'GET', path: '/vector_store/list', query: params }, VectorStorePageSchema, options);
  return {
    /** GET /vector_store/list?page=&page_size= */
    listPage,
    list: async (options) => {
      const stores: VectorStore[] = [];
      for (let page = 1; ; page += 1) {
        const response = await listPage({ page, page_size: PAGE_SIZE }, options);
        stores.push(...response.data);
        if (response.data.length === 0 || page >= (response.total_pages ?? 0)) return stores;
      }
    },
    /** POST /vector_store/info { vector_store_id } */
    get: (vectorStoreId, options) =>
      call(
        { method: 'POST', path: '/vector_store/info', body: { vector_store_id: vectorStoreId }, retry: true },
        VectorStoreEnvelopeSchema,
        options,
      ),
    /** POST /vector_store/new */
    create: (body, options) =>
      call({ method: 'POST', path: '/vector_store/new', body }, VectorStoreEnvelopeSchema, options),
    /** POST /vector_store/update */
    update: (body, options) =>
      call({ method: 'POST', path: '/vector_store/update', body }, VectorStoreEnvelopeSchema, options),
    /** POST /vector_store/delete { vector_store_id } */
    delete: async (vectorStoreId, options) => {
      await call(
        { method: 'POST', path: '/vector_store/delete', body: { vector_store_id: vectorStoreId } },
        UnknownResponseSchema,
        options,
      );
    },
  };
}
