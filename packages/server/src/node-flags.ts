/**
 * V8 options the `control-plane` CLI runs Node with.
 *
 * - `--max-semi-space-size=8`: V8 sizes its young generation from the machine's memory, up to 16 MB per
 *   semi-space on a host with gigabytes to spare. A control plane probing thousands of workers allocates
 *   steadily, so the young generation grows to that size and stays resident; at 10,000 workers that is about
 *   100 MB of RSS (bench `monitor`). 8 MB semi-spaces keep the peak near 250 MB for a few percent more CPU
 *   in scavenges.
 * - `--no-allocation-site-pretenuring`: V8 allocates the objects of an allocation site straight into the old
 *   generation once most of its early objects survived a scavenge. Start-up tenures, among others, the site of
 *   the array Node's EventEmitter makes when an event gets a second listener (`--trace-deopt`: "dependent
 *   allocation site tenuring changed" in `_addListener`). From then on the listener arrays of per-request
 *   emitters (the response, undici's body stream) are born old; garbage after the request, they keep their
 *   listeners, and all the listeners capture (the worker's body, undici's request and response), alive through
 *   scavenges until the next full collection. Under relay load that promoted about 1.1 MB per scavenge with a
 *   full collection every second or two; without it, about 15 KB, and the control plane spends about 11% less
 *   CPU per relayed call (bench `relay`, `--trace-gc-nvp`). Start-up, whose objects do live long, takes about
 *   45 ms more for it (bench `coldstart`).
 */
export const CONTROL_PLANE_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=8',
  '--no-allocation-site-pretenuring',
];

/** A V8 flag's name without value or `no-` prefix: `--no-foo` and `--foo=1` are both `foo`. */
function flagName(flag: string): string {
  return flag
    .replace(/=.*$/, '')
    .replace(/^--(no-)?/, '')
    .replaceAll('_', '-');
}

/**
 * Re-executes the current process (execve: same pid, same stdio, nothing spawned) with
 * CONTROL_PLANE_NODE_FLAGS, because V8 reads them only when the heap is created. Does nothing when the
 * process already runs with them, when the user chose their own value for one of them (command line or
 * NODE_OPTIONS, either spelling), or where execve does not exist (Windows).
 */
export function relaunchWithNodeFlags(): void {
  if (typeof process.execve !== 'function') return;
  const chosen = new Set(
    [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
      .filter((flag) => flag.startsWith('--'))
      .map(flagName),
  );
  const missing = CONTROL_PLANE_NODE_FLAGS.filter((flag) => !chosen.has(flagName(flag)));
  if (missing.length === 0) return;
  process.execve(process.execPath, [
    process.execPath,
    ...missing,
    ...process.execArgv,
    ...process.argv.slice(1),
  ]);
}
