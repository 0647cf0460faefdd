import { setFlagsFromString } from 'node:v8';

/**
 * V8 options the `control-plane` CLI runs Node with (and an application embedding the server can start Node
 * with for the same effect).
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
 *   CPU per relayed call (bench `relay`, `--trace-gc-nvp`). Start-up, whose objects do live long, is faster
 *   with pretenuring (about 40 ms of a 460 ms restart on 2 × AMD EPYC), and turning it off once the server is
 *   up is enough: the CLI does so (applyRuntimeNodeFlags). In a paired relay run that gave the same CPU per
 *   call as turning it off at launch (167 / 29 µs against 162 / 27 µs, main thread / V8's other threads),
 *   where leaving it on throughout cost 54 µs on the other threads instead of about 35.
 */
export const CONTROL_PLANE_NODE_FLAGS: readonly string[] = [
  // V8 reads it only when it creates the heap: the CLI re-executes itself to pass it.
  '--max-semi-space-size=8',
  // V8 reads it as it goes: the CLI sets it in the running process once the server is up.
  '--no-allocation-site-pretenuring',
];

const HEAP_FLAGS = CONTROL_PLANE_NODE_FLAGS.slice(0, 1);
const RUNTIME_FLAGS = CONTROL_PLANE_NODE_FLAGS.slice(1);

/** A V8 flag's name without value or `no-` prefix: `--no-foo` and `--foo=1` are both `foo`. */
function flagName(flag: string): string {
  return flag
    .replace(/=.*$/, '')
    .replace(/^--(no-)?/, '')
    .replaceAll('_', '-');
}

/** Of `flags`, those the process was not started with, in either spelling, with any value (command line or NODE_OPTIONS). */
function notChosen(flags: readonly string[]): string[] {
  const chosen = new Set(
    [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
      .filter((flag) => flag.startsWith('--'))
      .map(flagName),
  );
  return flags.filter((flag) => !chosen.has(flagName(flag)));
}

/**
 * Re-executes the current process (execve: same pid, same stdio, nothing spawned) with the heap flags of
 * CONTROL_PLANE_NODE_FLAGS, because V8 reads them only when the heap is created. Does nothing when the
 * process already runs with them, when the user chose their own value (command line or NODE_OPTIONS, either
 * spelling), or where execve does not exist (Windows).
 */
export function relaunchWithNodeFlags(): void {
  if (typeof process.execve !== 'function') return;
  const missing = notChosen(HEAP_FLAGS);
  if (missing.length === 0) return;
  process.execve(process.execPath, [
    process.execPath,
    ...missing,
    ...process.execArgv,
    ...process.argv.slice(1),
  ]);
}

/**
 * Sets the runtime flags of CONTROL_PLANE_NODE_FLAGS in this process, for what it runs from now on, unless
 * the user chose a value for one of them. The CLI calls it once the server is up.
 */
export function applyRuntimeNodeFlags(): void {
  for (const flag of notChosen(RUNTIME_FLAGS)) setFlagsFromString(flag);
}
