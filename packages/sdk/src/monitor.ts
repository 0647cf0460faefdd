import type { HealthChange, WorkerHealth, WorkerSelector } from './types.js';

export type MonitorOptions = {
  /**
   * How often each worker is probed. After the first round (everything at once), a round's probes are
   * spread evenly over the interval, and the next round starts one interval after the previous one
   * started (rounds never overlap). Default 10 000 ms.
   */
  intervalMs?: number;
  /** Per-worker deadline of each probe; defaults to the fleet's deadline. */
  timeoutMs?: number;
  workers?: WorkerSelector;
};

type Waiter = (result: IteratorResult<HealthChange>) => void;
type Subscriber = { queue: HealthChange[]; waiter?: Waiter };

/**
 * Background health polling. Emits `change` events (`CustomEvent<HealthChange>`) when a worker's status or
 * circuit changes, `poll` events (`CustomEvent<WorkerHealth[]>`) after every round, and `error` events if a
 * round itself fails. Also an AsyncIterable of changes: each iterator sees the changes made after it started.
 */
export class FleetMonitor
  extends EventTarget
  implements AsyncIterable<HealthChange>, AsyncDisposable, Disposable
{
  readonly intervalMs: number;
  readonly #poll: (signal: AbortSignal) => Promise<WorkerHealth[]>;
  readonly #onStop: () => void;
  readonly #controller = new AbortController();
  readonly #subscribers = new Set<Subscriber>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #current: Promise<void> | undefined;
  #stopped = false;
  #polls = 0;

  constructor(
    poll: (signal: AbortSignal) => Promise<WorkerHealth[]>,
    options: MonitorOptions,
    onStop: () => void,
  ) {
    super();
    const intervalMs = options.intervalMs ?? 10_000;
    if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new RangeError('intervalMs must be positive');
    this.intervalMs = intervalMs;
    this.#poll = poll;
    this.#onStop = onStop;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Completed polling rounds. */
  get polls(): number {
    return this.#polls;
  }

  /** @internal Called by the fleet; starts the first poll right away. */
  start(): void {
    this.#schedule(0);
  }

  /** @internal Called by the fleet for every health change, whichever operation observed it. */
  notify(change: HealthChange): void {
    if (this.#stopped) return;
    this.dispatchEvent(new CustomEvent('change', { detail: change }));
    for (const subscriber of this.#subscribers) {
      if (subscriber.waiter) {
        const waiter = subscriber.waiter;
        subscriber.waiter = undefined;
        waiter({ value: change, done: false });
      } else {
        subscriber.queue.push(change);
      }
    }
  }

  /** Stops polling, aborts a poll in flight and ends every iterator. Idempotent. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#controller.abort();
    for (const subscriber of this.#subscribers) {
      subscriber.waiter?.({ value: undefined, done: true });
      subscriber.waiter = undefined;
    }
    this.#subscribers.clear();
    this.#onStop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.stop();
    await this.#current;
  }

  [Symbol.dispose](): void {
    this.stop();
  }

  [Symbol.asyncIterator](): AsyncIterator<HealthChange> {
    const subscriber: Subscriber = { queue: [] };
    if (!this.#stopped) this.#subscribers.add(subscriber);
    const finish = (): IteratorResult<HealthChange> => {
      this.#subscribers.delete(subscriber);
      subscriber.queue.length = 0;
      return { value: undefined, done: true };
    };
    return {
      next: () => {
        const queued = subscriber.queue.shift();
        if (queued) return Promise.resolve({ value: queued, done: false });
        if (this.#stopped || !this.#subscribers.has(subscriber)) return Promise.resolve(finish());
        return new Promise<IteratorResult<HealthChange>>((resolve) => {
          subscriber.waiter = resolve;
        });
      },
      return: () => Promise.resolve(finish()),
    };
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#current = this.#tick();
    }, delayMs);
    // Monitoring alone must never keep a process alive.
    this.#timer.unref?.();
  }

  async #tick(): Promise<void> {
    if (this.#stopped) return;
    const started = performance.now();
    try {
      const health = await this.#poll(this.#controller.signal);
      this.#polls += 1;
      if (!this.#stopped) this.dispatchEvent(new CustomEvent('poll', { detail: health }));
    } catch (error) {
      if (!this.#stopped) this.dispatchEvent(new CustomEvent('error', { detail: error }));
    } finally {
      // The next round is scheduled only after this one ends, so polls never overlap; a round that ran
      // over its interval is still followed by a short pause rather than back to back.
      const elapsed = performance.now() - started;
      this.#schedule(Math.max(this.intervalMs - elapsed, this.intervalMs / 10));
    }
  }
}
