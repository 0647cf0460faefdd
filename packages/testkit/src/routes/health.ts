import { providerOf, publicDeployment } from '../domain/models.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { Reply, route } from '../http/context.js';
import { detailError, proxyError } from '../http/errors.js';
import { requiredQuery } from '../http/validate.js';

const ALIVE = "I'm alive!";

function readiness(context: RequestContext): unknown {
  return {
    status: 'healthy',
    db: 'connected',
    cache: null,
    litellm_version: context.settings.version,
    success_callbacks: [],
    use_aiohttp_transport: true,
    log_level: 'WARNING',
    is_detailed_debug: false,
  };
}

function health(context: RequestContext): unknown {
  const model = context.query.get('model');
  const modelId = context.query.get('model_id');
  let deployments = [...context.state.models.values()];
  if (modelId) {
    deployments = deployments.filter((deployment) => deployment.model_info.id === modelId);
    if (deployments.length === 0) throw detailError(404, `Model with ID ${modelId} not found`);
  }
  if (model) deployments = deployments.filter((deployment) => deployment.model_name === model);
  const healthy = deployments.map((deployment) => {
    const entry = publicDeployment(deployment);
    return {
      ...(entry.litellm_params as object),
      model_id: deployment.model_info.id,
      custom_llm_provider: providerOf(deployment),
    };
  });
  return {
    healthy_endpoints: healthy,
    unhealthy_endpoints: [],
    healthy_count: healthy.length,
    unhealthy_count: 0,
  };
}

function license(context: RequestContext): unknown {
  return {
    has_license: context.settings.premium,
    license_type: context.settings.premium ? 'enterprise' : 'community',
    expiration_date: null,
    allowed_features: [],
    limits: { max_users: null, max_teams: null },
  };
}

function latest(context: RequestContext): unknown {
  return { latest_health_checks: {}, total_models: context.state.models.size };
}

const SERVICES = [
  'slack_budget_alerts',
  'slack',
  'email',
  'langfuse',
  'langfuse_otel',
  'datadog',
  'openmeter',
  'braintrust',
  'otel',
  'webhook',
  'custom_callback_api',
  'langsmith',
  'sqs',
];

function services(context: RequestContext): unknown {
  const service = requiredQuery(context.query, 'service');
  if (!SERVICES.includes(service)) {
    throw proxyError(
      400,
      `Service must be in list. Service=${service}. List=${JSON.stringify(SERVICES)}`,
      'bad_request_error',
      'service',
    );
  }
  return { status: 'success', message: `Mock ${service} health check succeeded` };
}

export const healthRoutes: RouteDefinition[] = [
  route('GET', '/health/liveliness', 'public', () => ALIVE),
  route('GET', '/health/liveness', 'public', () => ALIVE),
  route('OPTIONS', '/health/liveliness', 'public', () => ALIVE),
  route('OPTIONS', '/health/liveness', 'public', () => ALIVE),
  route('GET', '/health/readiness', 'public', readiness),
  route('GET', '/health/readiness/details', 'any', readiness),
  route('GET', '/health', 'any', health),
  route('GET', '/health/license', 'any', license),
  route('GET', '/health/latest', 'admin', latest),
  route('GET', '/health/history', 'admin', () => ({
    health_checks: [],
    total_records: 0,
    limit: 100,
    offset: 0,
  })),
  route('GET', '/health/backlog', 'any', () => ({ in_flight_requests: 0 })),
  route('GET', '/health/services', 'admin', services),
  route('GET', '/test', 'public', () => ({ route: '/test' })),
  route(
    'GET',
    '/',
    'public',
    () => new Reply(200, null, { rawBody: '"LiteLLM: RUNNING"', contentType: 'application/json' }),
  ),
  route('GET', '/get/ui_settings', 'public', () => ({ values: {}, field_schema: {} })),
  route('GET', '/public/model_hub/info', 'public', (context) => ({
    docs_title: 'LiteLLM API - Swagger',
    custom_docs_description: null,
    litellm_version: context.settings.version,
    useful_links: {},
  })),
];
