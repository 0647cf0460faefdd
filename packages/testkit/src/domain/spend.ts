import type { KeyRecord, SpendLogRecord } from '../store/records.js';
import type { FakeWorkerState } from '../store/state.js';
import { isoTime } from './common.js';

export type SpendEvent = {
  requestId: string;
  callType: string;
  token: string;
  key: KeyRecord | null;
  modelGroup: string;
  model: string;
  modelId: string;
  provider: string;
  promptTokens: number;
  completionTokens: number;
  spend: number;
  startTime: number;
  durationMs: number;
  endUser: string;
  status: 'success' | 'failure';
  /** `request_tags` of the row. @default [] */
  tags?: string[];
};

/** Appends a `LiteLLM_SpendLogs` row and adds its cost to the key, team, user and customer. */
export function recordSpend(state: FakeWorkerState, event: SpendEvent): SpendLogRecord {
  const key = event.key;
  const team = key?.team_id ? state.teams.get(key.team_id) : undefined;
  const row: SpendLogRecord = {
    request_id: event.requestId,
    call_type: event.callType,
    api_key: event.token,
    spend: event.spend,
    total_tokens: event.promptTokens + event.completionTokens,
    prompt_tokens: event.promptTokens,
    completion_tokens: event.completionTokens,
    startTime: isoTime(event.startTime),
    endTime: isoTime(event.startTime + event.durationMs),
    completionStartTime: isoTime(event.startTime + event.durationMs),
    model: event.model,
    model_id: event.modelId,
    model_group: event.modelGroup,
    custom_llm_provider: event.provider,
    api_base: '',
    user: key?.user_id ?? '',
    end_user: event.endUser,
    team_id: key?.team_id ?? null,
    organization_id: key?.organization_id ?? null,
    metadata: {
      user_api_key: event.token,
      user_api_key_alias: key?.key_alias ?? null,
      user_api_key_team_id: key?.team_id ?? null,
      user_api_key_team_alias: team?.team_alias ?? null,
      user_api_key_org_id: key?.organization_id ?? null,
      user_api_key_user_id: key?.user_id ?? null,
      spend_logs_metadata: null,
      requester_ip_address: '127.0.0.1',
      status: event.status,
      error_information: null,
    },
    cache_hit: 'False',
    cache_key: 'Cache OFF',
    request_tags: event.tags ?? [],
    requester_ip_address: '127.0.0.1',
    messages: {},
    response: {},
    proxy_server_request: {},
    session_id: event.requestId,
    request_duration_ms: event.durationMs,
    status: event.status,
    mcp_namespaced_tool_name: null,
    agent_id: null,
  };
  state.spendLogs.push(row);
  if (key) {
    key.spend += event.spend;
    const modelSpend = key.model_spend as Record<string, number> | undefined;
    if (modelSpend) modelSpend[event.modelGroup] = (modelSpend[event.modelGroup] ?? 0) + event.spend;
  }
  if (team) team.spend += event.spend;
  const user = key?.user_id ? state.users.get(key.user_id) : undefined;
  if (user) user.spend += event.spend;
  const organization = key?.organization_id ? state.organizations.get(key.organization_id) : undefined;
  if (organization) organization.spend += event.spend;
  const customer = event.endUser ? state.customers.get(event.endUser) : undefined;
  if (customer) customer.spend += event.spend;
  return row;
}
