import { loadConfig } from '@llm-control-plane/core';
import type { ApplyResult, DesiredState, Plan } from '@llm-control-plane/sdk';
import { Fleet } from '@llm-control-plane/sdk';
import { configFleetEntries } from './stored-workers.js';

/** The part of a worker entry selectors look at. */
export type SelectableWorker = {
  worker_id: string;
  region?: string | undefined;
  labels?: Record<string, string> | undefined;
};

/** Where plans are computed and applied: a running control plane, or the workers of a config file directly. */
export type FleetBackend = {
  readonly description: string;
  /** Warnings for the user about the fleet this backend sees. */
  readonly notes: readonly string[];
  workers(): Promise<SelectableWorker[]>;
  plan(desired: DesiredState, workerIds: string[]): Promise<Plan>;
  apply(plan: Plan): Promise<ApplyResult>;
  close(): Promise<void>;
};

/**
 * Talks to the workers directly, with no control plane in between: those of `cp_config.yaml` and those
 * registered at run time in the store it points to (see configFleetEntries).
 */
export async function configBackend(
  configPath: string,
  env: Record<string, string | undefined>,
  dataDir: string | undefined,
): Promise<FleetBackend> {
  const { config } = await loadConfig(configPath, { env });
  const { entries, notes } = await configFleetEntries(config, env, dataDir);
  const fleet = Fleet.fromConfig(config);
  fleet.setWorkers(entries);
  return {
    description: `workers of ${configPath} and its store`,
    notes,
    async workers() {
      return fleet.workers();
    },
    plan(desired, workerIds) {
      return fleet.plan(desired, { workers: workerIds });
    },
    apply(plan) {
      return fleet.apply(plan, { onFailure: 'continue' });
    },
    close() {
      return fleet.close();
    },
  };
}

/** Raised for an answer of the control plane that is not a success; the message is the server's own. */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';
}

const REQUEST_TIMEOUT_MS = 120_000;

/** Calls a running control plane's API with a bearer token. */
export function remoteBackend(baseUrl: string, token: string): FleetBackend {
  const root = baseUrl.replace(/\/+$/, '');
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${root}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new RemoteError(`The control plane at ${root} could not be reached: ${(error as Error).message}`);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new RemoteError(
        `${method} ${path} answered HTTP ${response.status} with a body that is not JSON`,
      );
    }
    if (!response.ok) {
      const message = (parsed as { error?: { message?: unknown } }).error?.message;
      throw new RemoteError(
        `${method} ${path} answered HTTP ${response.status}: ${typeof message === 'string' ? message : 'no message'}`,
      );
    }
    return parsed as T;
  };
  return {
    description: root,
    notes: [],
    async workers() {
      return (await call<{ workers: SelectableWorker[] }>('GET', '/api/v1/workers')).workers;
    },
    plan(desired, workerIds) {
      return call<Plan>('POST', '/api/v1/fleet/plan', { desired, workers: workerIds });
    },
    apply(plan) {
      return call<ApplyResult>('POST', '/api/v1/fleet/apply', { plan, on_failure: 'continue' });
    },
    async close() {},
  };
}
