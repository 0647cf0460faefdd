import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

/**
 * CPU-profiles only the measured part of a benchmark when BENCH_PROFILE_DIR is set (warm-up and fixtures stay
 * out of the profile). Writes `<dir>/<name>.cpuprofile`, readable by Chrome DevTools or src/profile-summary.ts.
 */
export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const directory = process.env.BENCH_PROFILE_DIR;
  if (!directory) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(directory, { recursive: true });
    await writeFile(path.join(directory, `${name}.cpuprofile`), JSON.stringify(profile));
  }
}
