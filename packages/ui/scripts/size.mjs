#!/usr/bin/env node
// Prints the gzipped size of the JavaScript a browser downloads for the first page (login, or the
// fleet overview once signed in), from the build manifest. Run after `pnpm build`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const appDirectory = join(packageDirectory, 'dist', 'app');
const manifest = JSON.parse(readFileSync(join(appDirectory, '.vite', 'manifest.json'), 'utf8'));
const budgetBytes = 200 * 1024;

function staticClosure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(imported, seen);
  return seen;
}

function gzippedSize(keys) {
  let raw = 0;
  let gzipped = 0;
  for (const key of keys) {
    const file = manifest[key]?.file;
    if (!file?.endsWith('.js')) continue;
    const content = readFileSync(join(appDirectory, file));
    raw += content.length;
    gzipped += gzipSync(content, { level: 9 }).length;
  }
  return { raw, gzipped };
}

function pageKey(name) {
  // A lazily loaded page that shares modules with other chunks is keyed by its chunk ("_Name-hash.js").
  const key =
    Object.keys(manifest).find((candidate) => candidate.endsWith(`/${name}.tsx`)) ??
    Object.keys(manifest).find(
      (candidate) => manifest[candidate].isDynamicEntry && manifest[candidate].name === name,
    );
  if (!key) throw new Error(`No chunk for ${name} in the build manifest`);
  return key;
}

const entry = staticClosure('index.html');
const pages = { 'login page': 'LoginPage', 'fleet overview': 'OverviewPage', 'worker keys': 'KeysPage' };
const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let worst = 0;
const shell = gzippedSize(entry);
console.log(
  `app shell (entry + static imports): ${kilobytes(shell.gzipped)} gzipped (${kilobytes(shell.raw)} raw)`,
);
for (const [label, name] of Object.entries(pages)) {
  const keys = new Set(entry);
  staticClosure(pageKey(name), keys);
  if (name === 'KeysPage') staticClosure(pageKey('WorkerPage'), keys);
  const size = gzippedSize(keys);
  worst = Math.max(worst, size.gzipped);
  console.log(`first page JS, ${label}: ${kilobytes(size.gzipped)} gzipped (${kilobytes(size.raw)} raw)`);
}
console.log(
  `budget: ${kilobytes(budgetBytes)} gzipped, largest first page uses ${((worst / budgetBytes) * 100).toFixed(0)}%`,
);
if (worst > budgetBytes) {
  console.error('First page JS is over budget.');
  process.exitCode = 1;
}
