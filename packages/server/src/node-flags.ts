/**
 * V8 options the `control-plane` CLI runs Node with.
 *
 * V8 sizes its young generation from the machine's memory: up to 16 MB per semi-space on a host with
 * gigabytes to spare. A control plane probing thousands of workers allocates steadily, so the young
 * generation grows to that size and stays resident; at 10,000 workers that is about 100 MB of RSS (bench
 * `monitor`). 8 MB semi-spaces keep the peak near 250 MB for a few percent more CPU in scavenges.
 *
 * The garbage collector runs on the main thread only. Its helper threads (parallel scavenges, concurrent
 * marking and sweeping) take a second core for work the main thread does at about the same total cost, and
 * a control plane shares its cores with the workers, proxies and clients beside it: on 2 cores they cost
 * the relay about 3% of its throughput at 32 concurrent calls (bench `relay`, 0.90-0.91 against
 * 0.93-0.94 with a single-threaded collector, same machine and run).
 */
export const CONTROL_PLANE_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=8',
  '--single-threaded-gc',
];

/**
 * Re-executes the current process (execve: same pid, same stdio, nothing spawned) with
 * CONTROL_PLANE_NODE_FLAGS, because V8 reads them only when the heap is created. Does nothing when the
 * process already runs with them, when the user chose their own value for one of them (command line or
 * NODE_OPTIONS), or where execve does not exist (Windows).
 */
export function relaunchWithNodeFlags(): void {
  if (typeof process.execve !== 'function') return;
  const chosen = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  // A flag's name without its dashes also finds the user's `--no-` form.
  const missing = CONTROL_PLANE_NODE_FLAGS.filter(
    (flag) => !chosen.includes(flag.split('=')[0]!.replace(/^--/, '')),
  );
  if (missing.length === 0) return;
  process.execve(process.execPath, [
    process.execPath,
    ...missing,
    ...process.execArgv,
    ...process.argv.slice(1),
  ]);
}
