import type { CircuitState } from './types.js';

type Circuit = { state: CircuitState; failures: number };

/**
 * Per-worker circuit driven by health probes only: a slow user query must not shut a healthy worker out,
 * and a probe is the only thing allowed to close an open circuit again.
 */
export class CircuitBreakers {
  readonly #threshold: number;
  readonly #circuits = new Map<string, Circuit>();

  constructor(failureThreshold: number) {
    this.#threshold = failureThreshold;
  }

  state(workerId: string): CircuitState {
    return this.#circuits.get(workerId)?.state ?? 'closed';
  }

  /** Marks a probe of an open circuit as under way; returns the state before the probe. */
  beginProbe(workerId: string): CircuitState {
    const circuit = this.#circuits.get(workerId);
    if (!circuit) return 'closed';
    const before = circuit.state;
    if (circuit.state === 'open') circuit.state = 'half-open';
    return before;
  }

  recordSuccess(workerId: string): CircuitState {
    this.#circuits.delete(workerId);
    return 'closed';
  }

  recordFailure(workerId: string): CircuitState {
    const circuit = this.#circuits.get(workerId) ?? { state: 'closed', failures: 0 };
    circuit.failures += 1;
    if (circuit.state === 'half-open' || circuit.failures >= this.#threshold) circuit.state = 'open';
    this.#circuits.set(workerId, circuit);
    return circuit.state;
  }

  remove(workerId: string): void {
    this.#circuits.delete(workerId);
  }
}
