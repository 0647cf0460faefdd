import type { Transport } from '../transport.js';
import { type AgentsResource, createAgentsResource } from './agents.js';
import { type AuthResource, createAuthResource } from './auth.js';
import { type BudgetsResource, createBudgetsResource } from './budgets.js';
import { type CredentialsResource, createCredentialsResource } from './credentials.js';
import { type CustomersResource, createCustomersResource } from './customers.js';
import { createGuardrailsResource, type GuardrailsResource } from './guardrails.js';
import { createHealthResource, type HealthResource } from './health.js';
import { createKeysResource, type KeysResource } from './keys.js';
import { createMcpServersResource, type McpServersResource } from './mcp-servers.js';
import { createModelsResource, type ModelsResource } from './models.js';
import { createOrganizationsResource, type OrganizationsResource } from './organizations.js';
import { createPromptsResource, type PromptsResource } from './prompts.js';
import { createSearchToolsResource, type SearchToolsResource } from './search-tools.js';
import { createSpendResource, type SpendResource } from './spend.js';
import { createTagsResource, type TagsResource } from './tags.js';
import { createTeamsResource, type TeamsResource } from './teams.js';
import { createUsersResource, type UsersResource } from './users.js';
import { createVectorStoresResource, type VectorStoresResource } from './vector-stores.js';

/** The typed management resources of one worker; every client (Node or fetch) exposes these. */
export interface WorkerResources {
  readonly keys: KeysResource;
  readonly teams: TeamsResource;
  readonly users: UsersResource;
  readonly models: ModelsResource;
  readonly budgets: BudgetsResource;
  readonly organizations: OrganizationsResource;
  readonly customers: CustomersResource;
  readonly spend: SpendResource;
  readonly health: HealthResource;
  readonly auth: AuthResource;
  readonly mcpServers: McpServersResource;
  readonly guardrails: GuardrailsResource;
  readonly vectorStores: VectorStoresResource;
  readonly agents: AgentsResource;
  readonly prompts: PromptsResource;
  readonly tags: TagsResource;
  readonly credentials: CredentialsResource;
  readonly searchTools: SearchToolsResource;
}

/** All resources over one transport, built at once (the Node client builds them lazily instead). */
export function createWorkerResources(transport: Transport): WorkerResources {
  return {
    keys: createKeysResource(transport),
    teams: createTeamsResource(transport),
    users: createUsersResource(transport),
    models: createModelsResource(transport),
    budgets: createBudgetsResource(transport),
    organizations: createOrganizationsResource(transport),
    customers: createCustomersResource(transport),
    spend: createSpendResource(transport),
    health: createHealthResource(transport),
    auth: createAuthResource(transport),
    mcpServers: createMcpServersResource(transport),
    guardrails: createGuardrailsResource(transport),
    vectorStores: createVectorStoresResource(transport),
    agents: createAgentsResource(transport),
    prompts: createPromptsResource(transport),
    tags: createTagsResource(transport),
    credentials: createCredentialsResource(transport),
    searchTools: createSearchToolsResource(transport),
  };
}
