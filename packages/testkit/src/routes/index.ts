import type { RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import { Router } from '../http/router.js';
import { agentRoutes } from './agents.js';
import { budgetRoutes } from './budgets.js';
import { credentialRoutes } from './credentials.js';
import { customerRouteDefinitions } from './customers.js';
import { guardrailRoutes } from './guardrails.js';
import { healthRoutes } from './health.js';
import { keyRoutes } from './keys.js';
import { llmRoutes } from './llm.js';
import { loginRoutes } from './login.js';
import { mcpRoutes } from './mcp.js';
import { modelRoutes } from './models.js';
import { organizationRoutes } from './organizations.js';
import { promptRoutes } from './prompts.js';
import { searchToolRoutes } from './search-tools.js';
import { spendRoutes } from './spend.js';
import { tagRoutes } from './tags.js';
import { teamRoutes } from './teams.js';
import { userRoutes } from './users.js';
import { vectorStoreRoutes } from './vector-stores.js';

/** Builds the route table of a fake worker, `/routes` included. */
export function createRouter(): Router {
  const definitions: RouteDefinition[] = [
    ...keyRoutes,
    ...teamRoutes,
    ...userRoutes,
    ...modelRoutes,
    ...budgetRoutes,
    ...organizationRoutes,
    ...customerRouteDefinitions,
    ...spendRoutes,
    ...healthRoutes,
    ...loginRoutes,
    ...llmRoutes,
    ...agentRoutes,
    ...credentialRoutes,
    ...guardrailRoutes,
    ...mcpRoutes,
    ...promptRoutes,
    ...searchToolRoutes,
    ...tagRoutes,
    ...vectorStoreRoutes,
  ];
  const listing = definitions.map((definition) => ({
    path: definition.path,
    methods: [definition.method],
    name: definition.handler.name || definition.path,
    endpoint: definition.handler.name || definition.path,
  }));
  listing.push({ path: '/routes', methods: ['GET'], name: 'get_routes', endpoint: 'get_routes' });
  return new Router([...definitions, route('GET', '/routes', 'public', () => ({ routes: listing }))]);
}
