import type { FakeDeployment } from './domain/models.js';
import type { FakeWorkerState } from './store/state.js';

/**
 * Runtime faults:
 * - `none`: normal service (re-listens on the same port after `down`).
 * - `down`: listener closed and open sockets destroyed, so connections are refused.
 * - `hang`: requests are accepted and never answered.
 * - `slow`: every response delayed by `latencyMs` (default 1,000 ms) on top of the constant latency.
 * - `error500`: every request answers a 500 ProxyException.
 * - `garbage`: every request answers 200 with a body that is not valid JSON.
 * - `flaky`: every Nth request (`every`, default 2) answers a 500 ProxyException.
 */
export type FaultMode = 'none' | 'down' | 'hang' | 'slow' | 'error500' | 'garbage' | 'flaky';

export type FaultOptions = {
  /** Added latency for `slow`. @default 1000 */
  latencyMs?: number;
  /** For `flaky`: every Nth request fails. @default 2 */
  every?: number;
};

export type SeedOptions = {
  /** @default 12 */
  keys?: number;
  /** @default 4 */
  teams?: number;
  /** @default 6 */
  users?: number;
  /** @default 300 */
  spendLogs?: number;
  /** PRNG seed. @default 1 */
  seed?: number;
};

export type FakeWorkerOptions = {
  /** @default 0 (a random free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Must start with `sk-`, like LiteLLM's `general_settings.master_key`. */
  masterKey: string;
  /** Display name, used in fake LLM answers. @default `fake-worker-<port>` */
  name?: string;
  /** Enables `/v3/login` and `/v3/login/exchange` (404 otherwise), like `general_settings.control_plane_url`. */
  controlPlaneUrl?: string;
  /** @default 'admin' */
  uiUsername?: string;
  /** @default the master key */
  uiPassword?: string;
  /** Latency added to every response. @default 0 */
  latencyMs?: number;
  /** Config-file models (`db_model: false`): names or deployments. @default [] (seeded models when `seed` is set) */
  models?: (string | FakeDeployment)[];
  /** Deterministic demo data: a PRNG seed or counts. */
  seed?: number | SeedOptions;
  /**
   * The LiteLLM version emulated, reported as `litellm_version`. It switches the login shapes (form
   * `POST /login` only before 1.80.8; `/v2/login` with the token only in its cookie until 1.83.9, in the
   * body too from 1.83.10; `/v3/login` from 1.83.3) and answers 404 on routes that version lacks.
   * @default '1.84.0'
   */
  litellmVersion?: string;
  /** @deprecated Use `litellmVersion`. */
  version?: string;
  /**
   * LiteLLM's `general_settings.litellm_key_header_name`: the worker then reads keys from this header
   * only (`<header>: Bearer <key>`), ignoring `Authorization` and every other key header.
   */
  keyHeaderName?: string;
  /** Enterprise licence switch (regenerate, team admins, spend report, tags...). @default true */
  premium?: boolean;
  /** How many recent requests `calls` keeps. @default 10000 */
  callLogLimit?: number;
};

/** One request as the worker's listener received it: the method and the raw path, query removed. */
export type WorkerCall = { readonly method: string; readonly path: string };

export interface FakeWorker extends AsyncDisposable {
  /** `http://host:port`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly masterKey: string;
  readonly name: string;
  readonly state: FakeWorkerState;
  /** Current fault mode. */
  readonly faultMode: FaultMode;
  /**
   * Switches the fault mode. The returned promise settles once the listener reached the new state
   * (closed for `down`, listening again otherwise); callers may ignore it.
   */
  fault(mode: FaultMode, options?: FaultOptions): Promise<void>;
  /** Constant latency added to every response (benchmarks use 50 ms). */
  setLatency(milliseconds: number): void;
  /**
   * The most recent requests the listener received (`callLogLimit`, oldest first), faulted and unrouted ones
   * included: a test can prove a route reached the worker, or that nothing did.
   */
  readonly calls: readonly WorkerCall[];
  /** Empties `calls`. */
  clearCalls(): void;
  /** Stops listening and destroys every open connection; never waits for hung requests. */
  close(): Promise<void>;
}
