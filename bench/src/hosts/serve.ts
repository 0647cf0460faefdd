import type { HostMessage } from '../processes.js';
import { startProfiler } from '../profiler.js';

export type Handlers = Record<string, (message: HostMessage) => unknown>;

/**
 * The request loop of a host process (an entry point, never imported by library code): answers each IPC
 * request with the handler's result, runs `onExit` on an `exit` request, and exits when the parent goes away.
 */
export function serveHost(handlers: Handlers, onExit: () => Promise<void>): void {
  if (!process.send)
    throw new Error('This script runs as a child process of the bench (IPC channel missing)');
  const reply = (message: unknown) => {
    // With a callback, a parent that went away yields an error here instead of an 'error' event (EPIPE).
    if (process.connected) process.send?.(message, undefined, undefined, () => {});
  };
  let stopProfiler: ((file: string) => Promise<void>) | undefined;
  const builtIn: Handlers = {
    async 'profile-start'() {
      stopProfiler ??= await startProfiler();
      return null;
    },
    async 'profile-stop'(message) {
      const stop = stopProfiler;
      stopProfiler = undefined;
      await stop?.(String(message.file));
      return null;
    },
  };
  let exiting = false;
  const exit = async (code: number) => {
    if (exiting) return;
    exiting = true;
    try {
      await onExit();
    } finally {
      // A plain exit (not a signal) so that `--cpu-prof` writes its profile.
      process.exit(code);
    }
  };
  process.on('message', async (message: HostMessage) => {
    if (message.type === 'exit') {
      await exit(0);
      return;
    }
    const handler = handlers[message.type] ?? builtIn[message.type];
    if (!handler) {
      reply({ id: message.id, ok: false, error: `unknown request '${message.type}'` });
      return;
    }
    try {
      reply({ id: message.id, ok: true, result: await handler(message) });
    } catch (error) {
      reply({
        id: message.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  });
  process.on('disconnect', () => void exit(0));
}

export function processSample() {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    cpuUserMicros: cpu.user,
    cpuSystemMicros: cpu.system,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    /** Memory outside the JS heap: buffers and WebAssembly memory. */
    externalBytes: memory.external,
    wallMs: performance.now(),
  };
}

export type ProcessSample = ReturnType<typeof processSample>;
