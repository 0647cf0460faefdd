import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const hostsDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'hosts');

/**
 * tsx for the host script alone, given by absolute URL so that children started in another working directory
 * still find it; the workspace packages resolve to their built `dist`.
 */
const builtExecArgv = ['--import', import.meta.resolve('tsx')];

/** Node flags that make a child resolve workspace packages to their TypeScript source, as `pnpm bench` does. */
export const sourceExecArgv = ['--conditions=@llm-control-plane/source', ...builtExecArgv];

export type HostMessage = { id: number; type: string; [field: string]: unknown };
type HostReply = { id: number; ok: boolean; result?: unknown; error?: string };

export type Host = {
  readonly pid: number;
  readonly child: ChildProcess;
  call<T>(type: string, payload?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** Asks the host to close everything and exit; kills it if it does not within the grace period. */
  stop(graceMs?: number): Promise<void>;
};

export type HostOptions = {
  /** Extra Node flags, e.g. `--cpu-prof`. */
  execArgv?: string[];
  /** Raise the soft open-files limit to the hard limit before Node starts (10,000 listening sockets). */
  raiseFileLimit?: boolean;
  env?: Record<string, string | undefined>;
  /**
   * Resolve the workspace packages to their built `dist` (what `npx @llm-control-plane/server` runs) instead
   * of their TypeScript source; the host script itself still runs through tsx.
   */
  built?: boolean;
};

/**
 * Starts one of the scripts in src/hosts as a child process that answers requests over IPC. Running fake
 * workers and the control plane outside the benchmark process keeps their CPU out of each other's figures.
 */
export function startHost(script: string, options: HostOptions = {}): Host {
  const loader = options.built ? builtExecArgv : sourceExecArgv;
  const nodeArguments = [...loader, ...(options.execArgv ?? []), path.join(hostsDirectory, script)];
  const command = options.raiseFileLimit ? 'bash' : process.execPath;
  const commandArguments = options.raiseFileLimit
    ? ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'bash', process.execPath, ...nodeArguments]
    : nodeArguments;
  const child = spawn(command, commandArguments, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...options.env },
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      for (const { reject } of pending.values()) {
        reject(new Error(`${script} exited (code ${code}, signal ${signal}) before answering`));
      }
      pending.clear();
      resolve();
    });
  });
  child.on('message', (message: HostReply) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(`${script}: ${message.error}`));
  });
  return {
    pid: child.pid ?? -1,
    child,
    call<T>(type: string, payload: Record<string, unknown> = {}, timeoutMs = 120_000): Promise<T> {
      if (exited) return Promise.reject(new Error(`${script} is not running`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${script} did not answer '${type}' within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as T);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.send({ ...payload, id, type } satisfies HostMessage);
      });
    },
    async stop(graceMs = 10_000): Promise<void> {
      if (exited) return;
      const id = nextId++;
      try {
        child.send({ id, type: 'exit' } satisfies HostMessage);
      } catch {
        // The channel is already gone; the kill below still applies.
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}

/** The soft open-files limit of a process, read from /proc (Linux only). */
export async function openFileLimit(pid: number | 'self'): Promise<number | null> {
  const { readFile } = await import('node:fs/promises');
  try {
    const limits = await readFile(`/proc/${pid}/limits`, 'utf8');
    const match = /Max open files\s+(\d+|unlimited)/.exec(limits);
    if (!match) return null;
    return match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
  } catch {
    return null;
  }
}
