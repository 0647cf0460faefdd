import { describe, expect, it } from 'vitest';
import { classifyRoute, decideRelay, LITELLM_ROUTE_ROWS, routePathReadings } from '../src/index.js';
import { ROUTE_FIXTURE, routeCases } from './fixtures/litellm-routes.js';

const cases = routeCases();

describe('the route policy against LiteLLM route lists', () => {
  it('the fixture names its sources and holds every list read', () => {
    expect(cases.length).toBeGreaterThan(700);
    for (const list of ROUTE_FIXTURE.lists) {
      expect(ROUTE_FIXTURE.sources[list.version], list.list).toBeDefined();
    }
  });

  it.each(cases)('$label → $expected', ({ path, expected }) => {
    expect(classifyRoute(path).verdict).toBe(expected);
  });

  it('the table cannot be edited at run time', () => {
    expect(Object.isFrozen(LITELLM_ROUTE_ROWS)).toBe(true);
    for (const row of LITELLM_ROUTE_ROWS) {
      expect(Object.isFrozen(row) && Object.isFrozen(row.sources), row.pattern).toBe(true);
    }
    const chat = LITELLM_ROUTE_ROWS.find((row) => row.pattern === '/chat/completions');
    expect(() => Object.assign(chat ?? {}, { verdict: 'admin' })).toThrow(TypeError);
    expect(classifyRoute('/chat/completions').verdict).toBe('spends');
  });

  it('every row names at least one source, and rows that override a LiteLLM list say why', () => {
    for (const row of LITELLM_ROUTE_ROWS) {
      expect(row.sources.length, row.pattern).toBeGreaterThan(0);
      const listedAsLlm = row.sources.includes('llm_api_routes');
      if (listedAsLlm && row.verdict === 'admin') expect(row.note, row.pattern).toBeDefined();
    }
  });
});

const GOOGLE_MODELS = ['gemini-2.5-pro', 'publishers/google/models/gemini-2.5-pro', 'tunedModels/t-1'];
const GOOGLE_VERBS = ['generateContent', 'streamGenerateContent', 'countTokens'];

describe('spellings', () => {
  it.each(
    GOOGLE_MODELS.flatMap((model) =>
      GOOGLE_VERBS.flatMap((verb) =>
        ['', '/v1beta', '/v1'].flatMap((prefix) => [
          `${prefix}/models/${model}:${verb}`,
          `${prefix}/models/${model}%3A${verb}`,
          `${prefix}/models/${model}%3a${verb.toLowerCase()}`,
          `${prefix}/models/${model.replace(/\//g, '%2F')}%3A${verb}`,
          `${prefix}//MODELS//${model.toUpperCase()}:${verb.toUpperCase()}/`,
          `${prefix}/models/${model}:${verb}?alt=sse`,
          `${prefix}/models/${model};x=1:${verb}`,
          `${prefix}/models/${model}%253A${verb}`,
        ]),
      ),
    ),
  )('Google action %s spends', (path) => {
    const decision = decideRelay(path);
    expect(decision.allowed).toBe(false);
    expect(decision.allowed === false && decision.code).toBe('llm_route_refused');
  });

  it.each([
    '/chat/completions',
    '/CHAT/COMPLETIONS',
    '//chat///completions//',
    '/chat%2Fcompletions',
    '/chat%2fcompletions',
    '/%63hat/completions',
    '/chat/completions;v=1',
    '/chat;x/completions',
    '/chat/completions?stream=true',
    '/key/../chat/completions',
    '/key/%2e%2e/chat/completions',
    '/v2/chat/completions',
    '/messages',
    '/openai_passthrough/v1/chat/completions',
    '/azure_ai/x',
    '/cursor/chat/completions',
    '/milvus/vectors/search',
    '/watsonx/ml/v1/text/generation',
    '/comprehendmedical/x',
    '/MCP',
    '/mcp/',
    '/mcp-rest/tools/call',
    '/v1/mcp/tools',
    '/a2a/agent-1/message/send',
    '/agents',
    '/guardrails/apply_guardrail',
    '/Guardrails/Apply_Guardrail/',
    '/rag/query',
    '/v2/rerank',
    '/utils/test_policies_and_guardrails',
    '/interactions',
    '/v1beta/interactions/i-1/cancel',
    '/v1beta/agents/a-1/versions',
    '/v1/skills/s-1',
    '/v1/messages/count_tokens',
    '/v1/agents/invoke',
    '/prompts/test',
    '/health/test_connection',
  ])('%s is refused as spending', (path) => {
    expect(classifyRoute(path).verdict).toBe('spends');
    expect(decideRelay(path)).toMatchObject({ allowed: false, code: 'llm_route_refused' });
  });

  it.each([
    ['/v1/mcp/server', '/v1/mcp/server'],
    ['/v1/mcp/server/srv-1/approve', '/v1/mcp/server/srv-1/approve'],
    ['/v1/mcp/toolset/t-1', '/v1/mcp/toolset/t-1'],
    ['/guardrails', '/guardrails'],
    ['/guardrails/g-1', '/guardrails/g-1'],
    ['/v2/guardrails/list', '/v2/guardrails/list'],
    ['/vector_store/list', '/vector_store/list'],
    ['/v1/agents', '/v1/agents'],
    ['/v1/agents/a-1/make_public', '/v1/agents/a-1/make_public'],
    ['/prompts/p-1/versions', '/prompts/p-1/versions'],
    ['/policy/validate', '/policy/validate'],
    ['/policies/attachments/list', '/policies/attachments/list'],
    ['/tag/new', '/tag/new'],
    ['/credentials/by_name/openai-prod', '/credentials/by_name/openai-prod'],
    ['/search_tools/list', '/search_tools/list'],
    ['/jwt/key/mapping/list', '/jwt/key/mapping/list'],
    ['/team/permissions_bulk_update', '/team/permissions_bulk_update'],
    ['/gateway/daily/activity', '/gateway/daily/activity'],
    ['/get/sso_settings', '/get/sso_settings'],
    ['/update/sso_settings', '/update/sso_settings'],
    ['/sso/get/ui_settings', '/sso/get/ui_settings'],
    ['/scim/v2/Users', '/scim/v2/Users'],
    ['/callbacks/list', '/callbacks/list'],
    ['/config/field/info', '/config/field/info'],
    ['/budget/list', '/budget/list'],
    ['/customer/info', '/customer/info'],
    ['/end_user/info', '/end_user/info'],
    ['/model/info', '/model/info'],
    ['/models/llama3:8b', '/models/llama3%3A8b'],
    ['/KEY//list/', '/KEY/list'],
    ['/key/list?size=2', '/key/list'],
  ])('%s is relayed as %s', (path, target) => {
    expect(decideRelay(path)).toMatchObject({ allowed: true, target });
  });

  it.each([
    '/metrics',
    '/routes',
    '/test',
    '/login',
    '/sso/key/generate',
    '/keys',
    '/key;x/list',
    '/fallback/login',
  ])('%s is refused as not a management route', (path) => {
    expect(decideRelay(path)).toMatchObject({ allowed: false, code: 'not_a_management_route' });
  });

  it('names the rule that refused a path', () => {
    const decision = decideRelay('/models/gemini-2.5-pro%3AgenerateContent');
    expect(decision.allowed === false && decision.message).toContain(
      '/models/{model_name:path}:generateContent (google_routes, llm_api_routes)',
    );
  });

  it.each(['/key/%2e%2e/list', '/key%2f..%2fx', '/key/%00/list', '/key/%zz', '', '/'])(
    '%j is an invalid path',
    (path) => {
      expect(decideRelay(path)).toMatchObject({ allowed: false, code: 'invalid_path' });
    },
  );

  it('reads a path every way a server could', () => {
    expect(routePathReadings('/A%252Fb;x/c?q=1')).toEqual(['/a%2fb;x/c', '/a%2fb/c', '/a/b;x/c', '/a/b/c']);
    expect(routePathReadings('/bad%')).toBeNull();
  });
});
