import { checkBudgetAmounts, hasBudgetFields, insertBudget, readBudgetFields } from '../domain/budgets.js';
import { modelGroupName } from '../domain/models.js';
import { canReadAll } from '../http/auth.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import { detailError, missingFieldError, proxyError, validationError, wrappedError } from '../http/errors.js';
import type { JsonObject } from '../http/validate.js';
import { BodyReader, requiredQuery } from '../http/validate.js';
import type { CustomerRecord } from '../store/records.js';

function withBudget(context: RequestContext, customer: CustomerRecord): JsonObject {
  return {
    ...customer,
    litellm_budget_table: customer.budget_id ? (context.state.budgets.get(customer.budget_id) ?? null) : null,
  };
}

function withoutNulls(row: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null && value !== undefined));
}

function notFound(userIds: string) {
  return proxyError(404, `End User Id=${userIds} does not exist in db`, 'not_found', 'end_user_id');
}

function modelExists(context: RequestContext, model: string): boolean {
  for (const deployment of context.state.models.values())
    if (modelGroupName(deployment) === model) return true;
  return false;
}

function create(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const userId = reader.requiredString('user_id');
  const alias = reader.string('alias');
  const blocked = reader.boolean('blocked');
  const budgetId = reader.string('budget_id');
  const spend = reader.number('spend');
  const region = reader.oneOf('allowed_model_region', ['eu', 'us']);
  const defaultModel = reader.string('default_model');
  const objectPermission = reader.object('object_permission');
  const metadata = reader.object('metadata');
  const budgetFields = readBudgetFields(reader);
  reader.done();
  if (budgetId && hasBudgetFields(budgetFields)) {
    throw validationError([
      {
        type: 'value_error',
        loc: ['body'],
        msg: "Value error, Set either 'max_budget' or 'budget_id', not both.",
        input: reader.body,
      },
    ]);
  }
  checkBudgetAmounts(budgetFields);
  const { state } = context;
  if (defaultModel && !modelExists(context, defaultModel)) {
    throw detailError(
      422,
      `Default Model not on proxy. Configure model on config.yaml or via /model/new. Passed model=${defaultModel}`,
    );
  }
  if (state.customers.has(userId)) {
    throw proxyError(
      400,
      `Customer already exists, passed user_id=${userId}. Please pass a new user_id.`,
      'bad_request',
      'user_id',
    );
  }
  const budget = hasBudgetFields(budgetFields) ? insertBudget(context, budgetFields) : null;
  const customer: CustomerRecord = {
    user_id: userId,
    alias: alias ?? null,
    spend: spend ?? 0,
    blocked: blocked ?? false,
    allowed_model_region: region ?? null,
    default_model: defaultModel ?? null,
    budget_id: budget?.budget_id ?? budgetId ?? null,
    object_permission_id: null,
    object_permission: objectPermission ?? null,
    metadata: metadata ?? null,
  };
  state.customers.set(userId, customer);
  return withBudget(context, customer);
}

function info(context: RequestContext): unknown {
  const endUserId = requiredQuery(context.query, 'end_user_id');
  const customer = context.state.customers.get(endUserId);
  if (!customer) throw notFound(endUserId);
  return withoutNulls(withBudget(context, customer));
}

function update(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const userId = reader.requiredString('user_id');
  const alias = reader.string('alias');
  const blocked = reader.boolean('blocked');
  const maxBudget = reader.number('max_budget');
  const budgetId = reader.string('budget_id');
  const region = reader.oneOf('allowed_model_region', ['eu', 'us']);
  const defaultModel = reader.string('default_model');
  const objectPermission = reader.object('object_permission');
  reader.done();
  const customer = context.state.customers.get(userId);
  if (!customer) throw notFound(userId);
  // LiteLLM skips falsy values (false, 0, [], {}) when updating customers.
  if (alias) customer.alias = alias;
  if (blocked) customer.blocked = true;
  if (budgetId) customer.budget_id = budgetId;
  if (region) customer.allowed_model_region = region;
  if (defaultModel) customer.default_model = defaultModel;
  if (objectPermission && Object.keys(objectPermission).length > 0)
    customer.object_permission = objectPermission;
  if (maxBudget) {
    const budget = customer.budget_id ? context.state.budgets.get(customer.budget_id) : undefined;
    if (budget) budget.max_budget = maxBudget;
    else customer.budget_id = insertBudget(context, { max_budget: maxBudget }).budget_id;
  }
  return withBudget(context, customer);
}

function remove(context: RequestContext): unknown {
  const reader = new BodyReader(context.body);
  const userIds = reader.stringArray('user_ids');
  if (userIds === undefined) throw missingFieldError('body', 'user_ids', reader.body);
  reader.done();
  const missing = (userIds ?? []).filter((userId) => !context.state.customers.has(userId));
  if (missing.length > 0) {
    throw proxyError(404, `End User Id(s)=${missing.join(', ')} do not exist in db`, 'not_found', 'user_ids');
  }
  for (const userId of userIds ?? []) context.state.customers.delete(userId);
  return {
    deleted_customers: userIds?.length ?? 0,
    message: `Successfully deleted customers with ids: [${(userIds ?? []).map((id) => `'${id}'`).join(', ')}]`,
  };
}

function list(context: RequestContext): unknown {
  if (!canReadAll(context.principal)) {
    throw wrappedError(401, `Admin-only endpoint. Your user role=${context.principal.role}`);
  }
  return [...context.state.customers.values()].map((customer) => withBudget(context, customer));
}

function setBlocked(blocked: boolean) {
  return (context: RequestContext): unknown => {
    const reader = new BodyReader(context.body);
    const userIds = reader.stringArray('user_ids');
    if (userIds === undefined) throw missingFieldError('body', 'user_ids', reader.body);
    reader.done();
    const rows: JsonObject[] = [];
    for (const userId of userIds ?? []) {
      let customer = context.state.customers.get(userId);
      if (!customer) {
        customer = {
          user_id: userId,
          alias: null,
          spend: 0,
          blocked,
          allowed_model_region: null,
          default_model: null,
          budget_id: null,
        };
        context.state.customers.set(userId, customer);
      }
      customer.blocked = blocked;
      rows.push(withBudget(context, customer));
    }
    return { blocked_users: rows };
  };
}

function customerRoutes(prefix: string): RouteDefinition[] {
  return [
    route('POST', `${prefix}/new`, 'admin', create),
    route('GET', `${prefix}/info`, 'admin', info),
    route('POST', `${prefix}/update`, 'admin', update),
    route('POST', `${prefix}/delete`, 'admin', remove),
    route('GET', `${prefix}/list`, 'any', list),
    route('POST', `${prefix}/block`, 'admin', setBlocked(true)),
    route('POST', `${prefix}/unblock`, 'admin', setBlocked(false)),
  ];
}

export const customerRouteDefinitions: RouteDefinition[] = [
  ...customerRoutes('/customer'),
  ...customerRoutes('/end_user'),
];
