/**
 * Classifies worker paths for relays: management routes (which a control plane may forward)
 * versus LLM routes (which spend money and must never be relayed through the control plane).
 */

export type NormalisedRoutePath = {
  /** Lower-cased, single-decoded, slashes collapsed, dot segments resolved, no trailing slash. */
  path: string;
  /** True when the input used dot segments or backslashes: never treated as a management path. */
  suspicious: boolean;
};

/**
 * Normalises a request path the way a permissive HTTP server might interpret it. Returns null
 * when the path cannot be decoded or still contains an encoded slash after one decoding round
 * (double encoding), because such a path has no single meaning.
 */
export function normaliseRoutePath(input: string): NormalisedRoutePath | null {
  if (typeof input !== 'string') return null;
  const withoutQuery = input.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutQuery);
  } catch {
    return null;
  }
  if (/%(2f|5c)/i.test(decoded)) return null;
  let suspicious = decoded.includes('\\');
  const segments: string[] = [];
  for (const segment of decoded.replace(/\\/g, '/').toLowerCase().split('/')) {
    if (segment === '') continue;
    if (segment === '.' || segment === '..') {
      suspicious = true;
      if (segment === '..') segments.pop();
      continue;
    }
    segments.push(segment);
  }
  return { path: `/${segments.join('/')}`, suspicious };
}

function startsWithSegments(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * Management prefixes of the LiteLLM admin API (§2–§12 of the worker contract). Each entry
 * matches itself and anything below it (`/key` matches `/key/list`, not `/keys`).
 */
export const MANAGEMENT_ROUTE_PREFIXES: readonly string[] = Object.freeze([
  '/key',
  '/v2/key',
  '/team',
  '/v2/team',
  '/user',
  '/v2/user',
  '/model',
  '/v2/model',
  '/v1/model',
  '/models',
  '/v1/models',
  '/model_group',
  '/model_hub',
  '/budget',
  '/organization',
  '/customer',
  '/end_user',
  '/spend',
  '/global',
  '/provider/budgets',
  '/health',
  '/active/callbacks',
  '/settings',
  '/v2/login',
  '/v3/login',
  '/get',
  '/update',
  '/add/allowed_ip',
  '/delete/allowed_ip',
  '/config',
  '/router/settings',
  '/alerting/settings',
  '/cache',
  '/audit',
  '/tag',
  '/credentials',
  '/invitation',
  '/access_group',
  '/public',
  '/reload/model_cost_map',
  '/schedule/model_cost_map_reload',
  '/.well-known/litellm-ui-config',
  '/litellm/.well-known/litellm-ui-config',
]);

/**
 * First path segments (after an optional `/v1` or `/v2`) of routes that call a model or a
 * provider: OpenAI-compatible endpoints, Anthropic messages, Azure-style deployments, and the
 * provider pass-through mounts.
 */
const LLM_ROUTE_ROOTS: readonly string[] = [
  '/chat/completions',
  '/completions',
  '/embeddings',
  '/responses',
  '/messages',
  '/audio',
  '/images',
  '/moderations',
  '/rerank',
  '/batches',
  '/files',
  '/fine_tuning',
  '/assistants',
  '/threads',
  '/realtime',
  '/engines',
  '/openai',
  '/deployments',
  '/vector_stores',
  '/containers',
  '/videos',
  '/search',
  '/ocr',
  '/mcp',
  '/a2a',
  '/anthropic',
  '/azure',
  '/bedrock',
  '/vertex_ai',
  '/vertex-ai',
  '/gemini',
  '/v1beta',
  '/cohere',
  '/mistral',
  '/vllm',
  '/langfuse',
  '/assemblyai',
  '/eu.assemblyai',
];

function matchesLlmRoot(path: string): boolean {
  return LLM_ROUTE_ROOTS.some((root) => startsWithSegments(path, root));
}

/** True for routes that run models (chat, completions, embeddings, audio, …), any casing or encoding. */
export function isLlmPath(path: string): boolean {
  const normalised = normaliseRoutePath(path);
  if (normalised === null) return false;
  const candidate = normalised.path;
  if (matchesLlmRoot(candidate)) return true;
  const versionMatch = /^\/v\d+(\/.*)$/.exec(candidate);
  return versionMatch?.[1] !== undefined && matchesLlmRoot(versionMatch[1]);
}

/**
 * True only for paths under a management prefix that are not LLM routes. Paths with dot
 * segments, backslashes or double-encoded slashes are refused outright.
 */
export function isManagementPath(path: string): boolean {
  const normalised = normaliseRoutePath(path);
  if (normalised === null || normalised.suspicious) return false;
  if (isLlmPath(normalised.path)) return false;
  return MANAGEMENT_ROUTE_PREFIXES.some((prefix) => startsWithSegments(normalised.path, prefix));
}
