/**
 * LiteLLM's proxy routes as a control plane sees them: one row per route or prefix, the LiteLLM route list(s)
 * it comes from (`LiteLLMRoutes` in `litellm/proxy/_types.py`, or the endpoint module when no list names it),
 * and the verdict. `admin` rows are relayed to workers; `spends` rows call a model, an MCP tool, an agent or a
 * provider and are refused. A path no row matches is refused too.
 *
 * Pattern syntax: literal segments (matched case-insensitively), `{name}` for exactly one segment, a trailing
 * `/**` for the route itself and everything below it (LiteLLM's `{path:path}` and `/*` wildcards), and
 * `{model:path}:verb` for Google-style actions (any model path ending in `:verb`). When rows disagree about
 * a path, `spends` wins: `/guardrails/**` is admin but `/guardrails/apply_guardrail` is refused.
 *
 * LiteLLM's lists disagree between versions; where they do, the row says which reading is kept and why.
 */

export type RouteVerdict = 'admin' | 'spends';

/** Where a row comes from: a `LiteLLMRoutes` member, an endpoint module, or this project's own rule. */
export type LiteLlmRouteSource =
  | 'openai_routes'
  | 'anthropic_routes'
  | 'google_routes'
  | 'mapped_pass_through_routes'
  | 'passthrough_routes_wildcard'
  | 'apply_guardrail_routes'
  | 'mcp_routes'
  | 'mcp_inference_routes'
  | 'mcp_management_routes'
  | 'litellm_native_routes'
  | 'agent_routes'
  | 'agent_inference_routes'
  | 'agent_management_routes'
  | 'model_info_routes'
  | 'llm_api_routes'
  | 'info_routes'
  | 'management_routes'
  | 'key_management_routes'
  | 'spend_tracking_routes'
  | 'global_spend_tracking_routes'
  | 'master_key_only_routes'
  | 'public_routes'
  | 'ui_routes'
  | 'internal_user_routes'
  | 'self_managed_routes'
  | 'admin_viewer_routes'
  | 'org_admin_only_routes'
  | 'compliance_check_routes'
  | 'endpoint_module'
  | 'control_plane';

export type RouteRow = {
  readonly pattern: string;
  readonly verdict: RouteVerdict;
  readonly sources: readonly LiteLlmRouteSource[];
  /** Why the verdict, where LiteLLM's lists disagree or the row is this project's own. */
  readonly note?: string;
};

const row = (
  pattern: string,
  verdict: RouteVerdict,
  sources: readonly LiteLlmRouteSource[],
  note?: string,
): RouteRow =>
  // Frozen: the compiled policy holds these very objects, so a caller must not be able to edit a verdict.
  Object.freeze(
    note === undefined
      ? { pattern, verdict, sources: Object.freeze([...sources]) }
      : { pattern, verdict, sources: Object.freeze([...sources]), note },
  );

/** The route and its `/v1` twin, as LiteLLM registers most OpenAI-compatible routes. */
const bothVersions = (pattern: string, sources: readonly LiteLlmRouteSource[], note?: string): RouteRow[] => [
  row(pattern, 'spends', sources, note),
  row(`/v1${pattern}`, 'spends', sources, note),
];

const OPENAI: readonly LiteLlmRouteSource[] = ['openai_routes', 'llm_api_routes'];
const PASS_THROUGH: readonly LiteLlmRouteSource[] = [
  'mapped_pass_through_routes',
  'passthrough_routes_wildcard',
  'llm_api_routes',
];
const GOOGLE: readonly LiteLlmRouteSource[] = ['google_routes', 'llm_api_routes'];

/** Provider pass-through mounts of every version read (1.7x to newest). */
const PASS_THROUGH_ROOTS = [
  'bedrock',
  'comprehendmedical',
  'vertex-ai',
  'vertex_ai',
  'cohere',
  'cursor',
  'gemini',
  'anthropic',
  'langfuse',
  'azure',
  'azure_ai',
  'openai',
  'openai_passthrough',
  'assemblyai',
  'eu.assemblyai',
  'vllm',
  'mistral',
  'milvus',
  'watsonx',
];

const GOOGLE_ACTIONS = ['generateContent', 'streamGenerateContent', 'countTokens'];

const SPENDING_ROWS: readonly RouteRow[] = [
  // OpenAI-compatible inference and provider-side objects (files, batches, vector stores, ...).
  ...bothVersions('/chat/completions', OPENAI),
  ...bothVersions('/completions', OPENAI),
  ...bothVersions('/embeddings', OPENAI),
  ...bothVersions('/images/**', OPENAI),
  ...bothVersions('/videos/**', OPENAI),
  ...bothVersions('/audio/**', OPENAI),
  ...bothVersions('/moderations', OPENAI),
  ...bothVersions('/batches/**', OPENAI),
  ...bothVersions('/files/**', OPENAI),
  ...bothVersions('/fine_tuning/**', OPENAI),
  ...bothVersions('/assistants/**', OPENAI),
  ...bothVersions('/threads/**', OPENAI),
  ...bothVersions('/rerank', OPENAI),
  row('/v2/rerank', 'spends', OPENAI),
  ...bothVersions('/realtime/**', OPENAI),
  ...bothVersions('/responses/**', OPENAI),
  ...bothVersions('/vector_stores/**', OPENAI),
  ...bothVersions('/search/**', OPENAI, 'Runs a search tool at a provider.'),
  ...bothVersions('/ocr', OPENAI),
  ...bothVersions('/containers/**', OPENAI),
  row('/engines/**', 'spends', OPENAI, 'Engine-scoped forms of chat, completions and embeddings.'),
  row('/utils/token_counter', 'spends', OPENAI, 'May call the provider to count tokens.'),
  row('/utils/transform_request', 'spends', OPENAI),
  // Anthropic-native.
  row('/v1/messages/**', 'spends', ['anthropic_routes', 'llm_api_routes']),
  row('/v1/skills/**', 'spends', ['anthropic_routes', 'llm_api_routes']),
  // Google-native (the model name may contain slashes, and the colon may arrive as %3A).
  ...GOOGLE_ACTIONS.map((action) => row(`/models/{model_name:path}:${action}`, 'spends', GOOGLE)),
  ...GOOGLE_ACTIONS.map((action) =>
    row(
      `/v1/models/{model_name:path}:${action}`,
      'spends',
      ['control_plane'],
      'Not a LiteLLM route; refused so no spelling of a Google action reaches a worker as a model read.',
    ),
  ),
  row(
    '/v1beta/**',
    'spends',
    GOOGLE,
    'Everything LiteLLM serves under /v1beta is Gemini-native: models, interactions and managed agents.',
  ),
  row('/interactions/**', 'spends', GOOGLE),
  // Provider pass-through mounts and their wildcards.
  ...PASS_THROUGH_ROOTS.map((root) => row(`/${root}/**`, 'spends', PASS_THROUGH)),
  // Guardrails, RAG, MCP tools and agents that run.
  row('/guardrails/apply_guardrail', 'spends', ['apply_guardrail_routes', 'llm_api_routes']),
  ...bothVersions('/rag/**', ['litellm_native_routes', 'llm_api_routes']),
  row('/mcp/**', 'spends', ['mcp_inference_routes', 'mcp_routes', 'llm_api_routes']),
  row(
    '/mcp-rest/**',
    'spends',
    ['mcp_inference_routes', 'endpoint_module'],
    'Calls and lists tools on upstream MCP servers, and connects to caller-supplied servers (test/connection).',
  ),
  row(
    '/v1/mcp/tools/**',
    'spends',
    ['mcp_inference_routes', 'llm_api_routes'],
    'Only lists tools, but contacts upstream MCP servers; newer LiteLLM files it as inference.',
  ),
  row('/agents/**', 'spends', ['agent_inference_routes', 'agent_routes', 'llm_api_routes']),
  row('/a2a/**', 'spends', ['agent_inference_routes', 'agent_routes', 'llm_api_routes']),
  // Admin-area endpoints whose handlers run a model, a guardrail or a provider call.
  row(
    '/utils/test_policies_and_guardrails',
    'spends',
    ['endpoint_module'],
    'Runs guardrails and, with an agent_id, a chat completion per input.',
  ),
  row('/prompts/test', 'spends', ['endpoint_module'], 'Renders the prompt and calls its model.'),
  row('/guardrails/test_custom_code', 'spends', ['endpoint_module'], 'Executes a guardrail.'),
  row('/policy/test', 'spends', ['endpoint_module'], 'Runs the policy guardrails on sample input.'),
  row('/policy/templates/test', 'spends', ['endpoint_module'], 'Runs guardrails on sample input.'),
  row('/policy/templates/suggest', 'spends', ['endpoint_module'], 'Asks a model for suggestions.'),
  row('/policy/templates/enrich/**', 'spends', ['endpoint_module'], 'Asks a model to enrich a template.'),
  row('/policies/test-pipeline', 'spends', ['endpoint_module'], 'Runs a guardrail pipeline.'),
  row('/search_tools/test_connection', 'spends', ['endpoint_module'], 'Calls the search provider.'),
  row(
    '/health/test_connection',
    'spends',
    ['self_managed_routes'],
    'Sends a test request to a model with caller-supplied parameters; LiteLLM lists it as self-managed, but it spends.',
  ),
  row('/queue/chat/completions', 'spends', ['endpoint_module']),
  row(
    '/v1/agents/invoke',
    'spends',
    ['endpoint_module'],
    'Invokes an A2A agent (LiteLLM 1.80.8 release notes) although it sits under the agent registry prefix.',
  ),
];

const MANAGEMENT: readonly LiteLlmRouteSource[] = ['management_routes'];

const ADMIN_ROWS: readonly RouteRow[] = [
  // Keys, teams, users, organisations, customers, budgets: `management_routes`, `key_management_routes`.
  row('/key/**', 'admin', ['key_management_routes', 'management_routes', 'info_routes']),
  row('/v2/key/**', 'admin', ['info_routes']),
  row('/team/**', 'admin', ['management_routes', 'self_managed_routes', 'info_routes']),
  row('/v2/team/**', 'admin', ['management_routes', 'info_routes']),
  row('/user/**', 'admin', ['management_routes', 'self_managed_routes', 'info_routes']),
  row('/v2/user/**', 'admin', ['info_routes']),
  row('/organization/**', 'admin', ['org_admin_only_routes', 'management_routes']),
  row('/customer/**', 'admin', ['admin_viewer_routes', 'endpoint_module']),
  row('/end_user/**', 'admin', ['endpoint_module'], 'Hidden aliases of /customer/*.'),
  row('/budget/**', 'admin', ['admin_viewer_routes', 'endpoint_module']),
  row('/invitation/**', 'admin', ['self_managed_routes']),
  row('/project/**', 'admin', ['internal_user_routes']),
  row('/access_group/**', 'admin', ['endpoint_module']),
  row('/jwt/key/mapping/**', 'admin', MANAGEMENT),
  // Models and model groups.
  row('/model/**', 'admin', ['management_routes', 'self_managed_routes', 'admin_viewer_routes']),
  row(
    '/model/info',
    'admin',
    ['management_routes', 'info_routes', 'model_info_routes', 'llm_api_routes'],
    'Newer LiteLLM adds it to llm_api_routes (model_info_routes) so virtual keys may read it; it is a read of the model table and calls no model.',
  ),
  row('/v1/model/info', 'admin', ['info_routes', 'model_info_routes', 'llm_api_routes'], 'As /model/info.'),
  row('/v2/model/**', 'admin', ['info_routes']),
  row(
    '/models',
    'admin',
    ['info_routes', 'openai_routes', 'llm_api_routes'],
    'OpenAI-compatible but only lists the model table; LiteLLM also lists it in info_routes.',
  ),
  row('/v1/models', 'admin', ['info_routes', 'openai_routes', 'llm_api_routes'], 'As /models.'),
  row(
    '/models/{model_id}',
    'admin',
    ['internal_user_routes'],
    'Reads one model; Google actions below it spend.',
  ),
  row('/v1/models/{model_id}', 'admin', ['internal_user_routes']),
  row('/model_group/**', 'admin', ['info_routes']),
  row('/model_hub/**', 'admin', ['endpoint_module']),
  // Spend reporting: reads the spend tables, calls nothing.
  row('/spend/**', 'admin', ['spend_tracking_routes', 'key_management_routes', 'ui_routes']),
  row('/global/**', 'admin', [
    'global_spend_tracking_routes',
    'admin_viewer_routes',
    'master_key_only_routes',
  ]),
  row(
    '/cost/estimate',
    'admin',
    ['spend_tracking_routes'],
    'Prices a request from the cost map; calls no model.',
  ),
  row('/management/v1/**', 'admin', ['spend_tracking_routes', 'admin_viewer_routes']),
  row('/provider/budgets', 'admin', ['endpoint_module']),
  row('/gateway/daily/activity', 'admin', ['management_routes', 'ui_routes']),
  row('/agent/daily/activity', 'admin', ['endpoint_module']),
  row('/tag/**', 'admin', ['admin_viewer_routes', 'internal_user_routes']),
  row('/audit/**', 'admin', ['admin_viewer_routes']),
  row('/compliance/**', 'admin', ['compliance_check_routes']),
  // Health and diagnostics.
  row(
    '/health/**',
    'admin',
    ['info_routes', 'public_routes'],
    'GET /health runs the configured model health checks; it is the worker-side health view admins use.',
  ),
  row('/memory-usage-in-mem-cache', 'admin', ['master_key_only_routes']),
  row('/memory-usage-in-mem-cache-items', 'admin', ['master_key_only_routes']),
  row('/cache/**', 'admin', ['endpoint_module']),
  // Settings, SSO, SCIM, callbacks, configuration.
  row('/config/**', 'admin', ['admin_viewer_routes', 'ui_routes', 'public_routes']),
  row('/callbacks/**', 'admin', ['admin_viewer_routes']),
  row('/active/callbacks', 'admin', ['endpoint_module']),
  row('/alerting/settings', 'admin', ['admin_viewer_routes']),
  row('/router/settings', 'admin', ['endpoint_module']),
  row('/settings', 'admin', ['endpoint_module']),
  row('/get/**', 'admin', ['ui_routes', 'info_routes', 'admin_viewer_routes'], 'Includes /get/sso_settings.'),
  row('/update/**', 'admin', ['endpoint_module'], 'Includes /update/sso_settings.'),
  row('/sso/get/ui_settings', 'admin', ['info_routes', 'ui_routes']),
  row('/scim/v2/**', 'admin', ['endpoint_module']),
  row('/add/allowed_ip', 'admin', ['endpoint_module']),
  row('/delete/allowed_ip', 'admin', ['endpoint_module']),
  row('/credentials/**', 'admin', ['endpoint_module']),
  row('/reload/model_cost_map', 'admin', ['endpoint_module']),
  row('/schedule/model_cost_map_reload/**', 'admin', ['admin_viewer_routes']),
  row('/public/**', 'admin', ['public_routes']),
  row('/.well-known/litellm-ui-config', 'admin', ['public_routes']),
  row('/litellm/.well-known/litellm-ui-config', 'admin', ['public_routes']),
  row(
    '/v2/login',
    'admin',
    ['endpoint_module'],
    'UI login; relayed so admins can check a worker’s UI credentials.',
  ),
  row('/v3/login/**', 'admin', ['endpoint_module']),
  // Guardrails, prompts, policies, search tools: the registries, not their execution.
  row('/guardrails/**', 'admin', ['self_managed_routes', 'admin_viewer_routes', 'internal_user_routes']),
  row('/v2/guardrails/**', 'admin', ['internal_user_routes', 'admin_viewer_routes']),
  row('/prompts/**', 'admin', ['endpoint_module']),
  row('/prompt/**', 'admin', ['self_managed_routes']),
  row('/policy/**', 'admin', ['endpoint_module']),
  row('/policies/**', 'admin', ['admin_viewer_routes']),
  row('/search_tools/**', 'admin', ['internal_user_routes', 'endpoint_module']),
  // Vector-store registry (singular); the plural /vector_stores is the provider API.
  row(
    '/vector_store/**',
    'admin',
    ['endpoint_module', 'openai_routes'],
    'Registry rows only; LiteLLM lists /vector_store/list among openai_routes, but it reads the DB.',
  ),
  row('/v1/vector_store/list', 'admin', ['openai_routes'], 'As /vector_store/list.'),
  // MCP server and toolset registry.
  row(
    '/v1/mcp/server/**',
    'admin',
    ['mcp_management_routes', 'management_routes', 'mcp_routes', 'llm_api_routes'],
    'Older LiteLLM put it in llm_api_routes (inside mcp_routes); newer versions file it as mcp_management_routes. It is server CRUD.',
  ),
  row('/v1/mcp/toolset/**', 'admin', ['endpoint_module']),
  row('/v1/mcp/access_groups', 'admin', ['endpoint_module']),
  row('/v1/mcp/network/client-ip', 'admin', ['endpoint_module']),
  row('/v1/mcp/registry.json', 'admin', ['endpoint_module']),
  row('/v1/mcp/user-credentials', 'admin', ['endpoint_module']),
  row('/v1/mcp/make_public', 'admin', ['endpoint_module']),
  row('/v1/mcp/discover', 'admin', ['endpoint_module']),
  row('/v1/mcp/openapi-registry', 'admin', ['endpoint_module']),
  // Agent registry.
  row(
    '/v1/agents/**',
    'admin',
    ['agent_management_routes', 'management_routes', 'agent_routes', 'llm_api_routes'],
    'Older LiteLLM put it in llm_api_routes (inside agent_routes); newer versions file it as agent_management_routes. It is registry CRUD; invocation is /a2a and /agents.',
  ),
];

/** Every row, spending rows first (order does not change verdicts: `spends` wins wherever rows overlap). */
export const LITELLM_ROUTE_ROWS: readonly RouteRow[] = Object.freeze([...SPENDING_ROWS, ...ADMIN_ROWS]);
