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
 * CPU-profiles a host process (the control plane, the fleet) through its IPC channel while `work` runs, only
 * when BENCH_PROFILE_DIR is set, so warm-up and fixtures stay out of the profile. Writes
 * `<dir>/<name>.cpuprofile`, readable by Chrome DevTools or src/profile-summary.ts.
 */
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
