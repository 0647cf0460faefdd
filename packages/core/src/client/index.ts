export {
  createWorkerClient,
  type RawRequest,
  type RawResponse,
  type WorkerClient,
  type WorkerClientOptions,
} from './client.js';
export { assertSafePath, encodePathParameter, InvalidPathError } from './path.js';
export type { AgentsResource } from './resources/agents.js';
export type { AuthResource } from './resources/auth.js';
export { tokenCookie } from './resources/auth.js';
export type { BudgetsResource } from './resources/budgets.js';
export type { CredentialsResource } from './resources/credentials.js';
export type { CustomersResource } from './resources/customers.js';
export { featureUnavailable } from './resources/feature.js';
export type { GuardrailsResource } from './resources/guardrails.js';
export type { HealthResource } from './resources/health.js';
export type { WorkerResources } from './resources/index.js';
export type { KeysResource } from './resources/keys.js';
export type { McpServersResource } from './resources/mcp-servers.js';
export type { ModelsResource } from './resources/models.js';
export type { OrganizationsResource } from './resources/organizations.js';
export type { PromptsResource } from './resources/prompts.js';
export type { SearchToolsResource } from './resources/search-tools.js';
export type { SpendResource } from './resources/spend.js';
export type { TagsResource } from './resources/tags.js';
export type { TeamsResource } from './resources/teams.js';
export type { UsersResource } from './resources/users.js';
export type { VectorStoresResource } from './resources/vector-stores.js';
export * from './schemas/index.js';
export { sessionFromUiToken, type UiSession } from './session-token.js';
export { hashToken } from './token.js';
export {
  type CallOptions,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  RETRY_AFTER_CAP_MS,
} from './transport.js';
