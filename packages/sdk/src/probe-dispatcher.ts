import type { Socket } from 'node:net';
import { Agent, buildConnector, type Dispatcher, errors } from 'undici';

/**
 * The dispatcher of health probes, shared by every worker of a fleet. A fleet of 10,000 workers opens about
 * a thousand probe connections a second, each closed with its answer (see probeWorker), so what one
 * connection leaves behind decides the memory of the whole process:
 * - one connection per worker (`connections: 1`): the Agent then makes a bare Client per worker, not a
 *   Pool, whose request queue alone holds 16 KB;
 * - one connector for every worker, instead of one per Client with its own TLS session cache;
 * - no undici timers: its connect, headers and body timeouts hold their socket through a WeakRef in a
 *   timer list that is swept once a second, and a minor GC keeps whatever a live WeakRef points to, so
 *   every connection would survive into the old generation. The probe's own deadline (the transport's
 *   abort) covers headers and body; the connect timeout here uses a plain timer cleared on connect.
 */
export function createProbeDispatcher(connectTimeoutMs: number): Dispatcher {
  const connectOnce = buildConnector({ timeout: 0 });
  const connect: buildConnector.connector = (options, callback) => {
    let settled = false;
    const settle: buildConnector.Callback = (...outcome) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      callback(...outcome);
    };
    // undici's connector returns the socket it opens (its types say void): destroying it ends the attempt.
    const socket = connectOnce(options, settle) as unknown as Socket | undefined;
    const timer = setTimeout(() => {
      const error = new errors.ConnectTimeoutError(`Connect timeout after ${connectTimeoutMs} ms`);
      settle(error, null);
      socket?.destroy(error);
    }, connectTimeoutMs);
    timer.unref();
  };
  return new Agent({ connections: 1, headersTimeout: 0, bodyTimeout: 0, connect });
}
