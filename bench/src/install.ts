import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { round } from './statistics.js';
import type { BenchmarkContext, BenchmarkResult } from './types.js';

const exec = promisify(execFile);

/** The server and the workspace packages it depends on at run time, packed as they would be published. */
const PACKAGES = ['core', 'sdk', 'testkit', 'ui', 'server'] as const;
const TARGET_MB = 20;

/** Bytes of the files under a directory (apparent size, symlinks not followed). */
async function directoryBytes(directory: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) total += await directoryBytes(full);
    else if (entry.isFile()) total += (await stat(full)).size;
  }
  return total;
}

/** node_modules entries (scoped ones expanded) with their sizes, largest first. */
async function packageSizes(nodeModules: string): Promise<{ name: string; bytes: number }[]> {
  const sizes: { name: string; bytes: number }[] = [];
  for (const entry of await readdir(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const full = path.join(nodeModules, entry.name);
    if (entry.name.startsWith('@')) {
      for (const scoped of await readdir(full, { withFileTypes: true })) {
        if (scoped.isDirectory()) {
          sizes.push({
            name: `${entry.name}/${scoped.name}`,
            bytes: await directoryBytes(path.join(full, scoped.name)),
          });
        }
      }
    } else {
      sizes.push({ name: entry.name, bytes: await directoryBytes(full) });
    }
  }
  return sizes.sort((left, right) => right.bytes - left.bytes);
}

/**
 * Installed size as a user of `npx @llm-control-plane/server` gets it: every workspace package the server
 * needs is packed with `pnpm pack` (workspace versions resolved as on publish), and the tarballs are
 * installed together with `npm install --omit=dev` into an empty directory; third-party dependencies come
 * from the npm registry. The figure is the apparent size of the resulting node_modules.
 */
export async function run(context: BenchmarkContext): Promise<BenchmarkResult> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'cp-bench-install-'));
  try {
    context.log('install: building the packages (pnpm build, cached by turbo when nothing changed)');
    await exec('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@llm-control-plane/server...'], {
      cwd: context.repositoryRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
    const tarballs: string[] = [];
    for (const name of PACKAGES) {
      const { stdout } = await exec('pnpm', ['pack', '--pack-destination', directory], {
        cwd: path.join(context.repositoryRoot, 'packages', name),
      });
      const tarball = stdout.trim().split('\n').at(-1) ?? '';
      tarballs.push(path.isAbsolute(tarball) ? tarball : path.join(directory, path.basename(tarball)));
    }
    const target = path.join(directory, 'install');
    await mkdir(target, { recursive: true });
    await writeFile(path.join(target, 'package.json'), '{ "private": true }\n');
    context.log(`install: npm install --omit=dev of ${tarballs.length} tarballs`);
    await exec('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs], {
      cwd: target,
      maxBuffer: 64 * 1024 * 1024,
    });
    const nodeModules = path.join(target, 'node_modules');
    const total = await directoryBytes(nodeModules);
    const sizes = await packageSizes(nodeModules);
    const megabytes = (bytes: number) => round(bytes / 1_000_000, 2);
    return {
      name: 'install',
      title: 'Installed size of the server and its dependencies',
      rows: [
        { package: 'total node_modules', 'size (MB)': megabytes(total), packages: sizes.length },
        ...sizes
          .slice(0, 12)
          .map((entry) => ({ package: entry.name, 'size (MB)': megabytes(entry.bytes), packages: 1 })),
      ],
      targets: [
        {
          name: 'installed size of the server and its dependencies',
          target: `≤ ${TARGET_MB} MB`,
          actual: `${megabytes(total)} MB`,
          met: total <= TARGET_MB * 1_000_000,
        },
      ],
      notes: [
        `\`pnpm pack\` of ${PACKAGES.map((name) => `@llm-control-plane/${name}`).join(', ')}, then ` +
          '`npm install --omit=dev --ignore-scripts <tarballs>` in an empty directory; size = bytes of every file under ' +
          'node_modules (apparent size; MB = 10^6 bytes).',
      ],
      data: { totalBytes: total, packages: sizes },
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
