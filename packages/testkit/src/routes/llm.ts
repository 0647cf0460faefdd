import { allowedModelGroups, modelGroupName, providerOf } from '../domain/models.js';
import { recordSpend } from '../domain/spend.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { Reply, route } from '../http/context.js';
import { proxyError } from '../http/errors.js';
import type { JsonObject } from '../http/validate.js';
import { isJsonObject } from '../http/validate.js';
import { randomHex } from '../store/identifiers.js';
import type { DeploymentRecord } from '../store/records.js';

type LlmKind =
  | 'chat'
  | 'completion'
  | 'embedding'
  | 'responses'
  | 'messages'
  | 'moderation'
  | 'image'
  | 'rerank';

const CALL_TYPES: Record<LlmKind, string> = {
  chat: 'acompletion',
  completion: 'atext_completion',
  embedding: 'aembedding',
  responses: 'aresponses',
  messages: 'anthropic_messages',
  moderation: 'amoderation',
  image: 'aimage_generation',
  rerank: 'arerank',
};

/** Cost per token used when a deployment does not set its own (USD). */
const DEFAULT_INPUT_COST_PER_TOKEN = 0.000_001;
const DEFAULT_OUTPUT_COST_PER_TOKEN = 0.000_002;
const FAKE_COMPLETION_TOKENS = 8;

function estimateTokens(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return Math.max(1, Math.ceil(text.length / 4));
}

function costPerToken(deployment: DeploymentRecord | undefined, field: string, fallback: number): number {
  const value = deployment?.litellm_params[field] ?? deployment?.model_info[field];
  return typeof value === 'number' ? value : fallback;
}

function findDeployment(context: RequestContext, model: string): DeploymentRecord | undefined {
  for (const deployment of context.state.models.values()) {
    if (modelGroupName(deployment) === model || deployment.model_name === model) return deployment;
  }
  return undefined;
}

function assertWithinBudgets(context: RequestContext) {
  const key = context.principal.key;
  if (!key) return;
  const checks: [number, number | null | undefined][] = [[key.spend, key.max_budget]];
  const team = key.team_id ? context.state.teams.get(key.team_id) : undefined;
  if (team) checks.push([team.spend, team.max_budget]);
  const user = key.user_id ? context.state.users.get(key.user_id) : undefined;
  if (user) checks.push([user.spend, user.max_budget]);
  for (const [spend, maxBudget] of checks) {
    if (typeof maxBudget === 'number' && spend >= maxBudget) {
      throw proxyError(
        400,
        `Budget has been exceeded! Current cost: ${spend}, Max budget: ${maxBudget}`,
        'budget_exceeded',
      );
    }
  }
}

/** Tags sent as `tags` or `metadata.tags`, as LiteLLM records them in `request_tags`. */
function requestTags(body: JsonObject): string[] {
  const metadata = isJsonObject(body.metadata) ? body.metadata : {};
  const tags = Array.isArray(body.tags) ? body.tags : Array.isArray(metadata.tags) ? metadata.tags : [];
  return tags.filter((tag): tag is string => typeof tag === 'string');
}

function fakeText(context: RequestContext): string {
  return `This is a fake response from ${context.settings.name}.`;
}

function responseBody(
  kind: LlmKind,
  context: RequestContext,
  model: string,
  input: unknown,
  promptTokens: number,
  id: string,
  created: number,
): JsonObject {
  const text = fakeText(context);
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: FAKE_COMPLETION_TOKENS,
    total_tokens: promptTokens + FAKE_COMPLETION_TOKENS,
  };
  switch (kind) {
    case 'chat':
      return {
        id: `chatcmpl-${id}`,
        object: 'chat.completion',
        created,
        model,
        system_fingerprint: null,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: text, tool_calls: null, function_call: null },
            finish_reason: 'stop',
          },
        ],
        usage,
      };
    case 'completion':
      return {
        id: `cmpl-${id}`,
        object: 'text_completion',
        created,
        model,
        choices: [{ text, index: 0, logprobs: null, finish_reason: 'stop' }],
        usage,
      };
    case 'embedding': {
      const inputs = Array.isArray(input) ? input : [input];
      return {
        object: 'list',
        data: inputs.map((_item, index) => ({
          object: 'embedding',
          index,
          embedding: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
        })),
        model,
        usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
      };
    }
    case 'responses':
      return {
        id: `resp_${id}`,
        object: 'response',
        created_at: created,
        status: 'completed',
        model,
        output: [
          {
            type: 'message',
            id: `msg_${id}`,
            status: 'completed',
            role: 'assistant',
            content: [{ type: 'output_text', text, annotations: [] }],
          },
        ],
        usage: {
          input_tokens: promptTokens,
          output_tokens: FAKE_COMPLETION_TOKENS,
          total_tokens: usage.total_tokens,
        },
      };
    case 'messages':
      return {
        id: `msg_${id}`,
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: promptTokens, output_tokens: FAKE_COMPLETION_TOKENS },
      };
    case 'moderation':
      return { id: `modr-${id}`, model, results: [{ flagged: false, categories: {}, category_scores: {} }] };
    case 'image':
      return { created, data: [{ url: 'https://example.invalid/fake-image.png', revised_prompt: null }] };
    case 'rerank':
      return { id, results: [{ index: 0, relevance_score: 0.9 }], meta: {} };
  }
}

function handler(kind: LlmKind) {
  return (context: RequestContext): unknown => {
    const body = isJsonObject(context.body) ? context.body : {};
    const model = context.params[0] ?? (typeof body.model === 'string' ? body.model : undefined);
    if (!model) {
      throw proxyError(
        400,
        'Invalid model name passed in model=None. Call `/v1/models` to view available models for your key.',
        'bad_request_error',
        'model',
      );
    }
    const deployment = findDeployment(context, model);
    if (!deployment && context.state.models.size > 0) {
      throw proxyError(
        400,
        `Invalid model name passed in model=${model}. Call \`/v1/models\` to view available models for your key.`,
        'bad_request_error',
        'model',
      );
    }
    const allowed = allowedModelGroups(context.state, context.principal);
    if (allowed !== null && !allowed.has(model)) {
      throw proxyError(
        401,
        `Authentication Error, key not allowed to access model. This key can only access models=${JSON.stringify([...allowed])}. Tried to access ${model}`,
        'key_model_access_denied',
        'model',
      );
    }
    assertWithinBudgets(context);
    const input = body.messages ?? body.prompt ?? body.input ?? body.query ?? '';
    const promptTokens = estimateTokens(input);
    const completionTokens = kind === 'embedding' ? 0 : FAKE_COMPLETION_TOKENS;
    const spend =
      promptTokens * costPerToken(deployment, 'input_cost_per_token', DEFAULT_INPUT_COST_PER_TOKEN) +
      completionTokens * costPerToken(deployment, 'output_cost_per_token', DEFAULT_OUTPUT_COST_PER_TOKEN);
    const id = randomHex(12);
    const created = Math.floor(context.now / 1000);
    const row = recordSpend(context.state, {
      requestId: id,
      callType: CALL_TYPES[kind],
      token: context.principal.token,
      key: context.principal.key,
      modelGroup: model,
      model: deployment ? deployment.litellm_params.model.replace(/^[^/]+\//, '') : model,
      modelId: deployment?.model_info.id ?? '',
      provider: deployment ? providerOf(deployment) : 'openai',
      promptTokens,
      completionTokens,
      spend,
      startTime: context.now,
      durationMs: 1,
      endUser: typeof body.user === 'string' ? body.user : '',
      status: 'success',
      tags: requestTags(body),
    });
    const headers = {
      'x-litellm-model-id': row.model_id,
      'x-litellm-response-cost': String(spend),
      'x-litellm-call-id': id,
    };
    const payload = responseBody(kind, context, model, input, promptTokens, id, created);
    if (body.stream === true && (kind === 'chat' || kind === 'completion')) {
      const chunk =
        kind === 'chat'
          ? {
              ...payload,
              object: 'chat.completion.chunk',
              choices: [
                { index: 0, delta: { role: 'assistant', content: fakeText(context) }, finish_reason: 'stop' },
              ],
            }
          : payload;
      return new Reply(200, null, {
        headers,
        contentType: 'text/event-stream',
        rawBody: `data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`,
      });
    }
    return new Reply(200, payload, { headers });
  };
}

function routesFor(kind: LlmKind, paths: string[]): RouteDefinition[] {
  return paths.map((path) => route('POST', path, 'llm', handler(kind)));
}

export const llmRoutes: RouteDefinition[] = [
  ...routesFor('chat', [
    '/chat/completions',
    '/v1/chat/completions',
    '/openai/deployments/{model}/chat/completions',
    '/engines/{model}/chat/completions',
  ]),
  ...routesFor('completion', [
    '/completions',
    '/v1/completions',
    '/openai/deployments/{model}/completions',
    '/engines/{model}/completions',
  ]),
  ...routesFor('embedding', [
    '/embeddings',
    '/v1/embeddings',
    '/openai/deployments/{model}/embeddings',
    '/engines/{model}/embeddings',
  ]),
  ...routesFor('responses', ['/responses', '/v1/responses']),
  ...routesFor('messages', ['/v1/messages', '/messages']),
  ...routesFor('moderation', ['/moderations', '/v1/moderations']),
  ...routesFor('image', ['/images/generations', '/v1/images/generations']),
  ...routesFor('rerank', ['/rerank', '/v1/rerank', '/v2/rerank']),
];
