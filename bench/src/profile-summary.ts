import { readFile } from 'node:fs/promises';

/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per package, the evidence
 * quoted when a benchmark target is missed.
 *   node src/profile-summary.ts <file.cpuprofile> [top]
 */

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

function packageOf(url: string): string {
  if (url === '') return '(native/gc/idle)';
  if (url.startsWith('node:')) return url.split('/')[0] ?? url;
  const workspace = /\/packages\/([^/]+)\/src\//.exec(url);
  if (workspace) return `@llm-control-plane/${workspace[1]}`;
  const dependency = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (dependency) return dependency[1]!;
  if (url.includes('/bench/')) return 'bench';
  return url;
}

/** Nodes under a call into node:inspector: the profiler serialising itself when it stops, not the workload. */
function profilerOwnNodes(profile: Profile): Set<number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const own = new Set<number>();
  const mark = (id: number) => {
    own.add(id);
    for (const child of byId.get(id)?.children ?? []) mark(child);
  };
  for (const node of profile.nodes) if (node.callFrame.url === 'node:inspector') mark(node.id);
  return own;
}

function shortLocation(url: string): string {
  return url
    .replace(/^.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    .replace(/^.*\/packages\//, 'packages/')
    .replace(/^file:\/\/.*\/bench\//, 'bench/');
}

export function summarise(profile: Profile, top = 25) {
  const excluded = profilerOwnNodes(profile);
  const selfMicros = new Map<number, number>();
  for (let index = 0; index < profile.samples.length; index++) {
    const id = profile.samples[index]!;
    if (excluded.has(id)) continue;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  }
  const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const micros = selfMicros.get(node.id) ?? 0;
    if (micros === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const location = url === '' ? '' : ` ${shortLocation(url)}:${lineNumber + 1}`;
    const key = `${functionName || '(anonymous)'}${location}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const name = packageOf(url);
    byPackage.set(name, (byPackage.get(name) ?? 0) + micros);
  }
  // Inclusive time of the project's own functions: what a request spends inside each of them, callees included.
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
  const inclusive = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
      const frame = nodeById.get(current)?.callFrame;
      if (!frame || !/\/packages\/[^/]+\/src\//.test(frame.url)) continue;
      const key = `${frame.functionName || '(anonymous)'} ${shortLocation(frame.url)}:${frame.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + micros);
    }
  }
  const rank = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({
        name,
        ms: Math.round(micros / 1000),
        share: `${((micros / total) * 100).toFixed(1)}%`,
      }));
  return {
    totalMs: Math.round(total / 1000),
    functions: rank(byFunction),
    packages: rank(byPackage),
    projectInclusive: rank(inclusive),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node --import tsx src/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  const summary = summarise(JSON.parse(await readFile(file, 'utf8')) as Profile, Number(top ?? 25));
  console.log(`total sampled: ${summary.totalMs} ms\n\nself time by package:`);
  console.table(summary.packages);
  console.log('self time by function:');
  console.table(summary.functions);
  console.log('inclusive time of project functions (packages/*/src):');
  console.table(summary.projectInclusive);
}
