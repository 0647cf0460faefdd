import type { z } from 'zod';
import { WorkerApiError, WorkerFeatureUnavailableError } from '../../errors/worker-errors.js';
import { fillRoute } from '../path.js';
import { UnknownResponseSchema } from '../schemas/common.js';
import type { CallOptions, Transport, TransportRequest } from '../transport.js';

/** LiteLLM's licence refusals name the enterprise tier or the licence variable. */
const ENTERPRISE_MESSAGE = /LiteLLM Enterprise|LITELLM_LICENSE|premium feature|enterprise feature/i;

/**
 * A 404 whose body is FastAPI's bare `Not Found` (or a 405) means the route does not exist on this
 * worker's LiteLLM; a 404 with LiteLLM's own message is a missing object and stays a WorkerApiError.
 */
export function featureUnavailable(
  feature: string,
  error: unknown,
): WorkerFeatureUnavailableError | undefined {
  if (!WorkerApiError.isInstance(error) || WorkerFeatureUnavailableError.isInstance(error)) return undefined;
  if (error.status === 405 || (error.status === 404 && error.message.trim() === 'Not Found')) {
    return new WorkerFeatureUnavailableError(feature, 'not_found', error);
  }
  if ([400, 401, 403, 500].includes(error.status) && ENTERPRISE_MESSAGE.test(error.message)) {
    return new WorkerFeatureUnavailableError(feature, 'enterprise', error);
  }
  return undefined;
}

/** `transport.call` for routes newer LiteLLM releases added: a missing feature throws WorkerFeatureUnavailableError. */
export function createFeatureCaller(transport: Transport, feature: string) {
  return async function call<Schema extends z.ZodType>(
    request: TransportRequest,
    schema: Schema,
    options?: CallOptions,
  ): Promise<z.output<Schema>> {
    try {
      return await transport.call(request, schema, options);
    } catch (error) {
      throw featureUnavailable(feature, error) ?? error;
    }
  };
}

/**
 * `DELETE` of the one object a route names (`/guardrails/{guardrail_id}`). LiteLLM answers some deletes
 * with an empty body, others with a message; resolves to the body, if any.
 */
export function deleteByRoute(
  call: ReturnType<typeof createFeatureCaller>,
  route: string,
  id: string,
  options?: CallOptions,
): Promise<unknown> {
  return call(
    { method: 'DELETE', path: fillRoute(route, id), route, allowEmptyBody: true },
    UnknownResponseSchema,
    options,
  );
}
