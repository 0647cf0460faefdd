export { type ParsedErrorEnvelope, parseErrorEnvelope } from './envelope.js';
export {
  type FeatureUnavailableReason,
  isRetryableStatus,
  WorkerAbortError,
  WorkerApiError,
  type WorkerApiErrorDetails,
  WorkerError,
  type WorkerErrorJson,
  type WorkerErrorKind,
  type WorkerErrorOptions,
  WorkerFeatureUnavailableError,
  WorkerResponseError,
  WorkerTimeoutError,
  WorkerUnavailableError,
  WorkerUnreachableError,
} from './worker-errors.js';
