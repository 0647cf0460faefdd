import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

/** Starts the V8 sampling profiler in this process; the returned function stops it and writes the profile. */
export async function startProfiler(): Promise<(file: string) => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(profile));
  };
}

/**
 * CPU-profiles only the measured part of a benchmark when BENCH_PROFILE_DIR is set (warm-up and fixtures stay
 * out of the profile). Writes `<dir>/<name>.cpuprofile`, readable by Chrome DevTools or src/profile-summary.ts.
 */
export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const directory = process.env.BENCH_PROFILE_DIR;
  if (!directory) return work();
  const stop = await startProfiler();
  try {
    return await work();
  } finally {
    await stop(path.join(directory, `${name}.cpuprofile`));
  }
}

/** The same for work done by a host process (the control plane): profiles it through its IPC channel. */
export async function profiledHost<T>(
  host: { call<R>(type: string, payload?: Record<string, unknown>): Promise<R> },
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  const directory = process.env.BENCH_PROFILE_DIR;
  if (!directory) return work();
  await host.call('profile-start');
  try {
    return await work();
  } finally {
    await host.call('profile-stop', { file: path.join(directory, `${name}.cpuprofile`) });
  }
}
