import type { RegistrySpec } from '../domain/admin-objects.js';
import {
  allRecords,
  insertRecord,
  masked,
  replaceRecord,
  requireFeature,
  requireRecord,
} from '../domain/admin-objects.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import { BodyReader, countedPage, queryInteger } from '../http/validate.js';

const STORES: RegistrySpec = {
  collection: 'vectorStores',
  label: 'Vector store',
  idField: 'vector_store_id',
  nameField: 'vector_store_id',
  generatedId: false,
};

/** The registry row LiteLLM keeps (`LiteLLM_ManagedVectorStore`); the store itself lives at the provider. */
function readStore(body: unknown, update: boolean) {
  const reader = new BodyReader(body);
  const id = reader.requiredString('vector_store_id');
  if (!update) reader.requiredString('custom_llm_provider');
  reader.string('vector_store_name');
  reader.object('vector_store_metadata');
  reader.object('litellm_params');
  reader.done();
  return { id, fields: reader.body };
}

function list(context: RequestContext): unknown {
  const records = allRecords(context, 'vectorStores');
  const page = queryInteger(context.query, 'page', 1, { min: 1 });
  const pageSize = queryInteger(context.query, 'page_size', 100, { min: 1, max: 100 });
  const { items, counters } = countedPage(records, page, pageSize);
  const data = items.map((record) => ({ ...record, litellm_params: masked(record.litellm_params) }));
  return { object: 'list', data, ...counters };
}

function info(context: RequestContext): unknown {
  const records = requireFeature(context, 'vectorStores');
  const id = new BodyReader(context.body).requiredString('vector_store_id');
  return { vector_store: requireRecord(records, STORES, id) };
}

function create(context: RequestContext): unknown {
  const records = requireFeature(context, 'vectorStores');
  const { id, fields } = readStore(context.body, false);
  const store = insertRecord(
    context,
    records,
    STORES,
    { vector_store_name: null, vector_store_description: null, vector_store_metadata: {}, ...fields },
    () => id,
  );
  return { status: 'success', message: `Vector store ${id} created successfully`, vector_store: store };
}

function update(context: RequestContext): unknown {
  const records = requireFeature(context, 'vectorStores');
  const { id, fields } = readStore(context.body, true);
  const record = requireRecord(records, STORES, id);
  const store = replaceRecord(context, records, STORES, record, { ...record, ...fields });
  return { status: 'success', message: `Vector store ${id} updated successfully`, vector_store: store };
}

function remove(context: RequestContext): unknown {
  const records = requireFeature(context, 'vectorStores');
  const id = new BodyReader(context.body).requiredString('vector_store_id');
  requireRecord(records, STORES, id);
  records.delete(id);
  return { status: 'success', message: `Vector store ${id} deleted successfully` };
}

export const vectorStoreRoutes: RouteDefinition[] = [
  route('GET', '/vector_store/list', 'any', list),
  route('GET', '/v1/vector_store/list', 'any', list),
  route('POST', '/vector_store/info', 'any', info),
  route('POST', '/vector_store/new', 'admin', create),
  route('POST', '/vector_store/update', 'admin', update),
  route('POST', '/vector_store/delete', 'admin', remove),
];
