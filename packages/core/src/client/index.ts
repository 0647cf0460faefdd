export {
  createWorkerClient,
  type RawRequest,
  type RawResponse,
  type WorkerClient,
  type WorkerClientOptions,
} from './client.js';
export { assertSafePath, encodePathParameter, InvalidPathError } from './path.js';
export { tokenCookie } from './resources/auth.js';
export { featureUnavailable } from './resources/feature.js';
export type * from './resources/types.js';
export * from './schemas/index.js';
export { sessionFromUiToken, type UiSession } from './session-token.js';
export { hashToken } from './token.js';
export {
  type CallOptions,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  RETRY_AFTER_CAP_MS,
} from './transport.js';
