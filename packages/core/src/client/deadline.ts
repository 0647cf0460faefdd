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

/** A call's deadline: it ends when `timeoutMs` passes or the caller aborts, and says which. */
export type CallDeadline = {
  /**
   * Aborts when the deadline ends. Made on first use: fetch needs one, while the Node transport's exchange
   * is told through `onEnd`, which spares every call an AbortController and its listeners.
   */
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  timedOut: boolean;
  callerAborted: boolean;
  /** Why the deadline ended, once it has. */
  readonly reason: Error | undefined;
  /**
   * Sets the one function to call when the deadline ends (the attempt in progress), or clears it with
   * undefined. Called at once if the deadline has already ended.
   */
  onEnd(listener: ((reason: Error) => void) | undefined): void;
  /** Stops the timer and lets go of the caller's signal; call it when the call ends, however it ends. */
  dispose(): void;
};

class Deadline implements CallDeadline {
  readonly timeoutMs: number;
  timedOut = false;
  callerAborted = false;
  #reason: Error | undefined;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #callerSignal: AbortSignal | undefined;
  #controller: AbortController | undefined;
  #listener: ((reason: Error) => void) | undefined;

  constructor(timeoutMs: number, callerSignal: AbortSignal | undefined) {
    this.timeoutMs = timeoutMs;
    this.#callerSignal = callerSignal;
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.#end(new Error('deadline exceeded'));
    }, timeoutMs);
    callerSignal?.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  readonly #onCallerAbort = () => {
    this.callerAborted = true;
    this.#end(new Error('aborted by caller'));
  };

  get reason(): Error | undefined {
    return this.#reason;
  }

  #end(reason: Error): void {
    if (this.#reason !== undefined) return;
    this.#reason = reason;
    this.#controller?.abort(reason);
    this.#listener?.(reason);
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.reason !== undefined) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  onEnd(listener: ((reason: Error) => void) | undefined): void {
    this.#listener = listener;
    if (listener !== undefined && this.reason !== undefined) listener(this.reason);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#listener = undefined;
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }
}

export function startDeadline(timeoutMs: number, callerSignal: AbortSignal | undefined): CallDeadline {
  return new Deadline(timeoutMs, callerSignal);
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
