import { WorkerAbortError, WorkerTimeoutError, WorkerUnavailableError } from '../errors/worker-errors.js';

/**
 * The life of one call, shared by the Node and the fetch transport (so Node-free): refused before it
 * starts when the client is closed or the caller already gave up, then bounded by a deadline.
 */

/** The worker a call goes to, as errors name it. */
export type CallTarget = { workerId: string | undefined; workerName: string };

/**
 * Throws when a call must not start: the client is closed, or the caller's signal is already aborted. The
 * label is built only then: it is redacted text, and the relay's hot path starts a call for every request.
 */
export function assertCanStart(
  target: CallTarget & { closed: boolean },
  label: () => string,
  signal: AbortSignal | undefined,
): void {
  const { workerId, workerName } = target;
  if (target.closed) {
    throw new WorkerUnavailableError(`${label()}: the client for ${workerName} is closed`, { workerId });
  }
  if (signal?.aborted) {
    throw new WorkerAbortError(`${label()} to ${workerName} was aborted by the caller`, { workerId });
  }
}

/** A call's deadline: `signal` aborts when `timeoutMs` passes or the caller aborts, and says which. */
export type CallDeadline = {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  timedOut: boolean;
  callerAborted: boolean;
  /** Stops the timer and lets go of the caller's signal; call it when the call ends, however it ends. */
  dispose(): void;
};

export function startDeadline(timeoutMs: number, callerSignal: AbortSignal | undefined): CallDeadline {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    deadline.timedOut = true;
    controller.abort(new Error('deadline exceeded'));
  }, timeoutMs);
  const onCallerAbort = () => {
    deadline.callerAborted = true;
    controller.abort(new Error('aborted by caller'));
  };
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const deadline: CallDeadline = {
    signal: controller.signal,
    timeoutMs,
    timedOut: false,
    callerAborted: false,
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
  return deadline;
}

/** The error of a call that its caller or its deadline ended, if one of them did. */
export function deadlineFailure(
  deadline: Pick<CallDeadline, 'timedOut' | 'callerAborted' | 'timeoutMs'>,
  label: string,
  target: CallTarget,
): Error | undefined {
  const { workerId, workerName } = target;
  if (deadline.callerAborted) {
    return new WorkerAbortError(`${label} to ${workerName} was aborted by the caller`, { workerId });
  }
  if (deadline.timedOut) {
    return new WorkerTimeoutError(
      `${label} to ${workerName} did not complete within ${deadline.timeoutMs} ms`,
      deadline.timeoutMs,
      { workerId },
    );
  }
  return undefined;
}
