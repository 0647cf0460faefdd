import { featureRequirement, type LiteLLMFeature } from '../compat/litellm-versions.js';
import { WorkerApiError } from '../errors/worker-errors.js';

/** FastAPI's answer for a path the worker does not serve at all (as opposed to LiteLLM's own 404s). */
function isMissingRoute(error: WorkerApiError): boolean {
  const body = error.body as { detail?: unknown } | undefined;
  return error.status === 404 && body?.detail === 'Not Found';
}

/**
 * Calls a route that only newer LiteLLM versions serve; when the worker lacks it, the error says which
 * version it needs ("PATCH /model/{model_id}/update needs LiteLLM ≥ 1.70.0") instead of a bare 404.
 */
export async function requiringFeature<T>(feature: LiteLLMFeature, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!WorkerApiError.isInstance(error) || !isMissingRoute(error)) throw error;
    throw new WorkerApiError(
      {
        status: error.status,
        message: `${featureRequirement(feature)}; the worker does not serve this route (404 Not Found)`,
        type: error.type,
        code: 'litellm_version_too_old',
        param: error.param,
        requestId: error.requestId,
        body: error.body,
      },
      { workerId: error.workerId, cause: error },
    );
  }
}
