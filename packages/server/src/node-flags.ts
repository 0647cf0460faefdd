/**
 * V8 options the `control-plane` CLI runs Node with.
 *
 * V8 sizes its young generation from the machine's memory: up to 16 MB per semi-space on a host with
 * gigabytes to spare. A control plane probing thousands of workers allocates steadily, so the young
 * generation grows to that size and stays resident; at 10,000 workers that is about 100 MB of RSS (bench
 * `monitor`). 8 MB semi-spaces keep the peak near 250 MB for a few percent more CPU in scavenges.
 */
export const CONTROL_PLANE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/**
 * Re-executes the current process (execve: same pid, same stdio, nothing spawned) with
 * CONTROL_PLANE_NODE_FLAGS, because V8 reads them only when the heap is created. Does nothing when the
 * process already runs with them, when the user chose their own value for one of them (command line or
 * NODE_OPTIONS), or where execve does not exist (Windows).
 */
export function relaunchWithNodeFlags(): void {
  if (typeof process.execve !== 'function') return;
  const chosen = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  const missing = CONTROL_PLANE_NODE_FLAGS.filter((flag) => !chosen.includes(flag.split('=')[0]!));
  if (missing.length === 0) return;
  process.execve(process.execPath, [
    process.execPath,
    ...missing,
    ...process.execArgv,
    ...process.argv.slice(1),
  ]);
}
