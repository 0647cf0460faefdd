export * from './auth.js';
export * from './budgets.js';
export {
  type AnyObject,
  AnyObjectSchema,
  type MessageResponse,
  MessageResponseSchema,
  type OpenRecord,
} from './common.js';
export * from './customers.js';
export * from './health.js';
export * from './keys.js';
export * from './litellm-requests.js';
export * from './models.js';
export * from './organizations.js';
export * from './spend.js';
export * from './teams.js';
export * from './users.js';
