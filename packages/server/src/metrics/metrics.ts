import type { Fleet, FleetMonitor, WorkerHealth } from '@llm-control-plane/sdk';
import { Counter, Histogram, Registry } from 'prom-client';
import { registerProcessMetrics } from './process.js';
import { WorkerFamilies } from './worker-families.js';

const METRIC_PREFIX = 'control_plane_';

/** Kinds of fleet operation counted; anything else is counted as `other` so the label stays bounded. */
const FAN_OUT_KINDS = new Set(['overview', 'health', 'search', 'spend', 'plan', 'apply', 'drift']);

type LoginMethod = 'password' | 'sso';

/**
 * The metrics of one control plane, in its own registry (never prom-client's global one, so two control
 * planes in one process do not mix their numbers). Labels are bounded: worker ids of registered workers,
 * method classes, status codes and fixed outcome names; never keys, users or paths.
 */
export type ControlPlaneMetrics = {
  readonly registry: Registry;
  readonly contentType: string;
  relay(workerId: string, isWrite: boolean, status: number, seconds: number): void;
  fanOut(kind: string, status: number): void;
  auditWrite(stored: boolean): void;
  login(method: LoginMethod, succeeded: boolean): void;
  /** Feeds health rounds of a monitor into the probe histogram until `close`. */
  watch(monitor: FleetMonitor): void;
  /** The exposition text, as bytes (at 10,000 workers it is about 8 MB, never held as a string). */
  render(): Promise<ScrapeBody>;
  close(): void;
};

/**
 * One scrape's body. Its memory is lent: `release` (once the body was handed to the socket, never before)
 * gives it to a later scrape. A body never released is simply garbage-collected.
 */
type ScrapeBody = { readonly bytes: Buffer<ArrayBuffer>; release(): void };

/**
 * Bodies kept for reuse. Fresh memory for an 8 MB body costs a page fault per 4 KB when first written, which
 * on a virtual machine made every few scrapes 30 ms slower; two allow a scrape while the last is still sent.
 */
const SPARE_BODIES = 2;

function outcomeOf(status: number): 'ok' | 'rejected' | 'failed' {
  if (status < 400) return 'ok';
  return status < 500 ? 'rejected' : 'failed';
}

export function createMetrics(fleet: Fleet): ControlPlaneMetrics {
  const registry = new Registry();
  const registers = [registry];
  registerProcessMetrics(registry);
  const relayDuration = new Histogram({
    name: `${METRIC_PREFIX}relay_request_duration_seconds`,
    help: 'Time to answer a relayed management call, by method class.',
    labelNames: ['method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const fanOuts = new Counter({
    name: `${METRIC_PREFIX}fanout_operations_total`,
    help: 'Fleet-wide operations, by kind and outcome (ok, rejected: 4xx, failed: 5xx).',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const auditWrites = new Counter({
    name: `${METRIC_PREFIX}audit_writes_total`,
    help: 'Audit entries written (outcome stored) or lost because the store refused them (outcome failed).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const logins = new Counter({
    name: `${METRIC_PREFIX}logins_total`,
    help: 'Sign-in attempts, by method (password, sso) and outcome (success, failure).',
    labelNames: ['method', 'outcome'] as const,
    registers,
  });
  const workerFamilies = new WorkerFamilies(METRIC_PREFIX);
  const detach: (() => void)[] = [];
  const spareBodies: Buffer<ArrayBuffer>[] = [];

  /** Memory for a body of `size` bytes: a spare one large enough, else new with room for some growth. */
  const bodyMemory = (size: number): Buffer<ArrayBuffer> => {
    const index = spareBodies.findIndex((spare) => spare.length >= size);
    if (index >= 0) return spareBodies.splice(index, 1)[0] as Buffer<ArrayBuffer>;
    return Buffer.allocUnsafeSlow(Math.ceil(size * 1.125));
  };

  return {
    registry,
    contentType: registry.contentType,
    relay(workerId, isWrite, status, seconds) {
      const method = isWrite ? 'write' : 'read';
      workerFamilies.relay(workerId, method, status);
      relayDuration.observe({ method }, seconds);
    },
    fanOut(kind, status) {
      fanOuts.inc({ kind: FAN_OUT_KINDS.has(kind) ? kind : 'other', outcome: outcomeOf(status) });
    },
    auditWrite(stored) {
      auditWrites.inc({ outcome: stored ? 'stored' : 'failed' });
    },
    login(method, succeeded) {
      logins.inc({ method, outcome: succeeded ? 'success' : 'failure' });
    },
    watch(monitor) {
      const listener = (event: Event) => {
        workerFamilies.observe((event as CustomEvent<WorkerHealth[]>).detail);
      };
      monitor.addEventListener('poll', listener);
      detach.push(() => monitor.removeEventListener('poll', listener));
    },
    async render() {
      const common = await registry.metrics();
      const texts = workerFamilies.render((visit) => fleet.forEachHealth(visit));
      let size = Buffer.byteLength(common);
      for (const text of texts) size += text.length;
      const memory = bodyMemory(size);
      let at = memory.write(common, 0);
      for (const text of texts) {
        memory.set(text, at);
        at += text.length;
      }
      let lent = true;
      return {
        bytes: memory.subarray(0, size),
        release() {
          if (!lent) return;
          lent = false;
          spareBodies.push(memory);
          // The smallest goes: a fleet that grew needs the larger memory.
          if (spareBodies.length > SPARE_BODIES) {
            const smallest = spareBodies.reduce(
              (found, spare, index) => (spare.length < (spareBodies[found] as Buffer).length ? index : found),
              0,
            );
            spareBodies.splice(smallest, 1);
          }
        },
      };
    },
    close() {
      for (const undo of detach.splice(0)) undo();
    },
  };
}
