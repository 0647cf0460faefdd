import type { AdminRecord, RegistrySpec } from '../domain/admin-objects.js';
import {
  allRecords,
  insertRecord,
  replaceRecord,
  requireFeature,
  requireRecord,
} from '../domain/admin-objects.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import { BodyReader } from '../http/validate.js';

const TAGS: RegistrySpec = {
  collection: 'tags',
  label: 'Tag',
  idField: 'name',
  nameField: 'name',
  generatedId: false,
};

/** `/tag/new` takes the budget fields flat and answers them nested, as LiteLLM's budget table does. */
function readTag(body: unknown) {
  const reader = new BodyReader(body);
  const name = reader.requiredString('name');
  reader.string('description');
  reader.stringArray('models');
  const maxBudget = reader.number('max_budget');
  const duration = reader.string('budget_duration');
  reader.done();
  const { max_budget: _max, budget_duration: _duration, ...rest } = reader.body;
  const budget =
    maxBudget === undefined && duration === undefined
      ? null
      : { max_budget: maxBudget ?? null, budget_duration: duration ?? null };
  return { name, fields: { description: null, models: [], ...rest, litellm_budget_table: budget } };
}

function list(context: RequestContext): unknown {
  return allRecords(context, 'tags');
}

function info(context: RequestContext): unknown {
  const records = requireFeature(context, 'tags');
  const names = new BodyReader(context.body).stringArray('names') ?? [];
  const found: Record<string, AdminRecord> = {};
  for (const name of names) {
    const record = records.get(name);
    if (record) found[name] = record;
  }
  return found;
}

function create(context: RequestContext): unknown {
  const records = requireFeature(context, 'tags');
  const { name, fields } = readTag(context.body);
  const tag = insertRecord(context, records, TAGS, fields, () => name);
  return { message: `Tag ${name} created successfully`, tag };
}

function update(context: RequestContext): unknown {
  const records = requireFeature(context, 'tags');
  const { name, fields } = readTag(context.body);
  const record = requireRecord(records, TAGS, name);
  const tag = replaceRecord(context, records, TAGS, record, { ...record, ...fields });
  return { message: `Tag ${name} updated successfully`, tag };
}

function remove(context: RequestContext): unknown {
  const records = requireFeature(context, 'tags');
  const name = new BodyReader(context.body).requiredString('name');
  requireRecord(records, TAGS, name);
  records.delete(name);
  return { message: `Tag ${name} deleted successfully` };
}

export const tagRoutes: RouteDefinition[] = [
  route('GET', '/tag/list', 'any', list),
  route('POST', '/tag/info', 'any', info),
  route('POST', '/tag/new', 'admin', create),
  route('POST', '/tag/update', 'admin', update),
  route('POST', '/tag/delete', 'admin', remove),
];
