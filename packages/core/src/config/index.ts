export { ENV_REFERENCE_PREFIX } from './env.js';
export { ConfigError, type ConfigIssue, formatConfigIssue } from './errors.js';
export {
  type LoadConfigOptions,
  loadConfig,
  type ParseConfigOptions,
  type ParsedConfig,
  parseConfig,
} from './parse.js';
export {
  type ControlPlaneConfig,
  ControlPlaneConfigSchema,
  type GeneralSettings,
  GeneralSettingsSchema,
  isWorkerId,
  RESERVED_WORKER_IDS,
  type SsoSettings,
  SsoSettingsSchema,
  type WorkerRegistryEntry,
  WorkerRegistryEntrySchema,
  workerIdProblem,
} from './schema.js';
export { CONFIG_MAX_ALIAS_COUNT, CONFIG_MAX_BYTES } from './source.js';
export { validateWorkerUrl, type WorkerUrlOptions } from './worker-url.js';
