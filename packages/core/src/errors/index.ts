export { type ParsedErrorEnvelope, parseErrorEnvelope } from './envelope.js';
export {
  isRetryableStatus,
  WorkerAbortError,
  WorkerApiError,
  type WorkerApiErrorDetails,
  WorkerError,
  type WorkerErrorJson,
  type WorkerErrorKind,
  type WorkerErrorOptions,
  WorkerResponseError,
  WorkerTimeoutError,
  WorkerUnavailableError,
  WorkerUnreachableError,
} from './worker-errors.js';
