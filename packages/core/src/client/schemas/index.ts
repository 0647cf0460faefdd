export * from './agents.js';
export * from './auth.js';
export * from './budgets.js';
export {
  type AnyObject,
  AnyObjectSchema,
  type MessageResponse,
  MessageResponseSchema,
  type OpenRecord,
} from './common.js';
export * from './credentials.js';
export * from './customers.js';
export * from './guardrails.js';
export * from './health.js';
export * from './keys.js';
export * from './litellm-requests.js';
export * from './mcp-servers.js';
export * from './models.js';
export * from './organizations.js';
export * from './prompts.js';
export * from './search-tools.js';
export * from './spend.js';
export * from './tags.js';
export * from './teams.js';
export * from './users.js';
export * from './vector-stores.js';
