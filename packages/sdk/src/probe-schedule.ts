import { setTimeout as sleep } from 'node:timers/promises';

/** Slices of one round start at least this far apart; shorter intervals are probed in one go. */
const MIN_SLICE_SPACING_MS = 100;

/**
 * Runs `runSlice` over `ids` in slices started evenly across `intervalMs` (slice k at k/n of the
 * interval), so that a large fleet sees a steady trickle of probes rather than one burst per interval.
 * Slices do not wait for each other: a slow worker delays only its own slice. Stops starting slices
 * once `signal` aborts; resolves with every started slice's results, in `ids` order.
 */
export async function spreadOverInterval<T>(
  ids: readonly string[],
  intervalMs: number,
  signal: AbortSignal,
  runSlice: (slice: string[]) => Promise<T[]>,
): Promise<T[]> {
  const slices = Math.max(1, Math.min(ids.length, Math.floor(intervalMs / MIN_SLICE_SPACING_MS)));
  const size = Math.ceil(ids.length / slices);
  const started = performance.now();
  const running: Promise<T[]>[] = [];
  for (let index = 0; index * size < ids.length; index += 1) {
    const wait = started + (index * intervalMs) / slices - performance.now();
    if (wait > 0) {
      // Not ref'd: a pending slice must not keep the process alive.
      const slept = await sleep(wait, undefined, { signal, ref: false }).then(
        () => true,
        () => false,
      );
      if (!slept) break;
    }
    if (signal.aborted) break;
    running.push(runSlice(ids.slice(index * size, (index + 1) * size)));
  }
  return (await Promise.all(running)).flat();
}
