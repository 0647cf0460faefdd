import type { FakeWorkerState } from '../store/state.js';
import type { AdminCollection, AdminRecord } from './admin-objects.js';
import { isoTime } from './common.js';

const DAY_MS = 86_400_000;

type SeedRecord = { collection: AdminCollection; id: string; record: AdminRecord };

/**
 * The same registry objects on every seeded worker, with deliberate differences by seed so that a demo
 * fleet shows drift: the GitHub MCP server exposes a different tool set on even seeds, `pii-mask` runs
 * in another mode on seeds divisible by three, and a few objects exist on some workers only.
 */
function seedRecords(seed: number): SeedRecord[] {
  const even = seed % 2 === 0;
  const records: SeedRecord[] = [
    mcp('mcp-github', 'github', 'https://api.githubcopilot.com/mcp', {
      transport: 'http',
      allowed_tools: even ? ['search_code', 'get_issue', 'create_issue'] : ['search_code', 'get_issue'],
      mcp_access_groups: ['engineering'],
    }),
    guardrail('gr-pii-mask', 'pii-mask', {
      guardrail: 'presidio',
      mode: seed % 3 === 0 ? 'post_call' : 'pre_call',
      default_on: true,
      pii_entities_config: { EMAIL_ADDRESS: 'MASK', PHONE_NUMBER: 'MASK' },
    }),
    guardrail(
      'gr-content-filter',
      'content-filter',
      { guardrail: 'litellm_content_filter', mode: 'pre_call' },
      'config',
    ),
    entry('vectorStores', 'vs-support-kb', {
      custom_llm_provider: 'bedrock',
      vector_store_name: 'Support knowledge base',
      vector_store_description: 'Product manuals and runbooks',
      vector_store_metadata: { owner: 'support' },
    }),
    entry('agents', 'agent-triage', {
      agent_name: 'triage',
      agent_card_params: {
        name: 'Triage',
        description: 'Routes support tickets',
        url: 'http://agents.internal/triage',
      },
      litellm_params: { model: 'gpt-4o-mini' },
    }),
    entry('prompts', 'support-greeting', {
      litellm_params: { prompt_integration: 'dotprompt', prompt_id: 'support-greeting' },
      prompt_info: { prompt_type: 'db' },
    }),
    entry('tags', 'production', { description: 'Production traffic', models: ['gpt-4o', 'gpt-4o-mini'] }),
    entry('credentials', 'openai-shared', {
      credential_values: {
        api_key: `sk-seed${seed}-shared-openai-credential`,
        api_base: 'https://api.openai.com/v1',
      },
      credential_info: { custom_llm_provider: 'openai', description: 'Shared OpenAI account' },
    }),
    entry('searchTools', 'st-web', {
      search_tool_name: 'web-search',
      litellm_params: { search_provider: 'tavily', api_key: `tvly-seed${seed}-web-search-key` },
      search_tool_info: { description: 'Public web search' },
    }),
  ];
  if (seed % 2 === 1) {
    records.push(
      mcp('mcp-jira', 'jira', 'https://mcp.atlassian.com/v1/sse', {
        transport: 'sse',
        allowed_tools: ['search_issues'],
      }),
      guardrail('gr-prompt-injection', 'prompt-injection', {
        guardrail: 'lakera_v2',
        mode: 'pre_call',
        api_key: `lk-seed${seed}-lakera-secret-key`,
      }),
    );
  } else {
    records.push(
      entry('agents', 'agent-billing', {
        agent_name: 'billing',
        agent_card_params: {
          name: 'Billing',
          description: 'Answers invoice questions',
          url: 'http://agents.internal/billing',
        },
        litellm_params: { model: 'gpt-4o' },
      }),
      entry('tags', 'batch', { description: 'Offline batch jobs', models: ['gpt-4o-mini'] }),
    );
  }
  return records;
}

function entry(collection: AdminCollection, id: string, record: AdminRecord): SeedRecord {
  return { collection, id, record };
}

function mcp(id: string, name: string, url: string, extra: AdminRecord): SeedRecord {
  return entry('mcpServers', id, {
    server_name: name,
    alias: name,
    description: `${name} tools`,
    url,
    auth_type: 'oauth2',
    mcp_info: { server_name: name },
    status: 'healthy',
    last_health_check: null,
    health_check_error: null,
    extra_headers: null,
    ...extra,
  });
}

function guardrail(id: string, name: string, params: AdminRecord, location = 'db'): SeedRecord {
  return entry('guardrails', id, {
    guardrail_name: name,
    litellm_params: params,
    guardrail_info: { description: `${name} guardrail` },
    guardrail_definition_location: location,
  });
}

const ID_FIELD: Record<AdminCollection, string> = {
  mcpServers: 'server_id',
  mcpToolsets: 'toolset_id',
  guardrails: 'guardrail_id',
  vectorStores: 'vector_store_id',
  agents: 'agent_id',
  prompts: 'prompt_id',
  tags: 'name',
  credentials: 'credential_name',
  searchTools: 'search_tool_id',
};

export function seedAdminObjects(state: FakeWorkerState, seed: number, now: number): void {
  const created = isoTime(now - 7 * DAY_MS);
  for (const { collection, id, record } of seedRecords(seed)) {
    state.adminObjects[collection].set(id, {
      ...record,
      [ID_FIELD[collection]]: id,
      created_at: created,
      created_by: 'default_user_id',
      updated_at: created,
      updated_by: 'default_user_id',
    });
  }
}
