import type { Transport } from '../transport.js';
import { type AuthResource, createAuthResource } from './auth.js';
import { type BudgetsResource, createBudgetsResource } from './budgets.js';
import { type CustomersResource, createCustomersResource } from './customers.js';
import { createHealthResource, type HealthResource } from './health.js';
import { createKeysResource, type KeysResource } from './keys.js';
import { createModelsResource, type ModelsResource } from './models.js';
import { createOrganizationsResource, type OrganizationsResource } from './organizations.js';
import { createSpendResource, type SpendResource } from './spend.js';
import { createTeamsResource, type TeamsResource } from './teams.js';
import { createUsersResource, type UsersResource } from './users.js';

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
  };
}
