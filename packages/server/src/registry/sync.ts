import type { WorkerRegistryEntry } from '@llm-control-plane/core';
import type { ControlPlaneStore, StoredWorker } from '../storage/types.js';
import type { CredentialSecrets } from './secrets.js';

/** The part of the sdk's Fleet the registry drives. */
type RegistryTarget = { setWorkers(entries: WorkerRegistryEntry[]): void };

export type RegistrySyncOptions = {
  store: ControlPlaneStore;
  fleet: RegistryTarget;
  /** `worker_registry` of the config file: always first, never overridden by stored workers. */
  configWorkers: readonly WorkerRegistryEntry[];
  /** Decrypts stored credentials; without it, stored workers are loaded without one. */
  secrets?: CredentialSecrets | undefined;
  /** How often the registry version is polled. @default 1000 */
  intervalMs?: number;
  /** Told about failures (store unreachable, credential unreadable); the sync keeps running. */
  onError?: (error: unknown, context: { workerId?: string }) => void;
};

export type RegistrySync = {
  /** Reloads the stored workers now (even when the version did not change) and applies them. */
  refresh(): Promise<void>;
  /** The registry version last applied, or null before the first load. */
  readonly version: number | null;
  stop(): void;
};

/**
 * The registry a control plane serves: the config file's workers first, then the stored ones whose id the
 * config does not use. A stored credential that cannot be decrypted is reported and its worker listed without
 * one (the UI can still reach it browser-direct, and the error says why).
 */
export function registryEntries(
  configWorkers: readonly WorkerRegistryEntry[],
  stored: readonly StoredWorker[],
  secrets: CredentialSecrets | undefined,
  report: (error: unknown, context: { workerId?: string }) => void,
): WorkerRegistryEntry[] {
  const configIds = new Set(configWorkers.map((entry) => entry.worker_id));
  const entries = [...configWorkers];
  for (const worker of stored) {
    if (configIds.has(worker.worker_id)) continue;
    const entry: WorkerRegistryEntry = { worker_id: worker.worker_id, name: worker.name, url: worker.url };
    if (worker.region !== null) entry.region = worker.region;
    if (worker.labels !== null) entry.labels = worker.labels;
    if (worker.timeout_ms !== null) entry.timeout_ms = worker.timeout_ms;
    if (worker.api_key_encrypted !== null && secrets !== undefined) {
      try {
        entry.api_key = secrets.decrypt(worker.api_key_encrypted, worker.worker_id);
      } catch (error) {
        report(error, { workerId: worker.worker_id });
      }
    }
    entries.push(entry);
  }
  return entries;
}

/**
 * Keeps the fleet in step with the stored registry: polls the cheap version counter and reloads the
 * workers only when it moved, so every replica on one database sees a change within one interval.
 * Call `await sync.refresh()` once at start-up so the first request already sees the stored workers.
 */
export function startRegistrySync(options: RegistrySyncOptions): RegistrySync {
  const { store, fleet, secrets } = options;
  const intervalMs = options.intervalMs ?? 1000;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0)
    throw new TypeError('intervalMs must be a positive number');
  const report = options.onError ?? (() => undefined);

  let appliedVersion: number | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // One load at a time; a request arriving during a load runs once more after it, so it sees the
  // state that was committed before it was made.
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;

  async function load(force: boolean): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const version = await store.workers.version();
      if (!force && version === appliedVersion) return;
      const stored = await store.workers.list();
      // A change committed while listing would be missed by this version; read again in that case.
      if ((await store.workers.version()) !== version) continue;
      if (stopped) return;
      fleet.setWorkers(registryEntries(options.configWorkers, stored, secrets, report));
      appliedVersion = version;
      return;
    }
  }

  function schedule(force: boolean): Promise<void> {
    if (running === null) {
      running = load(force).finally(() => {
        running = null;
      });
      return running;
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return schedule(true);
      });
    return queued;
  }

  function tick(): void {
    timer = undefined;
    if (stopped) return;
    schedule(false)
      .catch((error: unknown) => report(error, {}))
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, intervalMs);
        timer.unref();
      });
  }

  tick();

  return {
    refresh: () => (stopped ? Promise.resolve() : schedule(true)),
    get version() {
      return appliedVersion;
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
