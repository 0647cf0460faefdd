import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { round } from './statistics.js';
import type { BenchmarkContext, BenchmarkResult } from './types.js';

const exec = promisify(execFile);

const SCOPE = '@llm-control-plane/';
const SERVER = `${SCOPE}server`;
/** Needed only by `control-plane demo`: an optional peer of the server, which npm does not install. */
const DEMO_ONLY = `${SCOPE}testkit`;
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

/** Directory name under packages/ of a workspace package (`@llm-control-plane/core` → `core`). */
function workspaceDirectory(repositoryRoot: string, name: string): string {
  return path.join(repositoryRoot, 'packages', name.slice(SCOPE.length));
}

/**
 * The workspace packages in the server's run-time dependency tree (`dependencies`, transitively), as npm
 * would resolve them from the registry. Peer dependencies are left out: the only one, the testkit, is optional.
 */
async function runtimeWorkspacePackages(repositoryRoot: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [SERVER];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (found.includes(name)) continue;
    found.push(name);
    const manifest = JSON.parse(
      await readFile(path.join(workspaceDirectory(repositoryRoot, name), 'package.json'), 'utf8'),
    ) as { dependencies?: Record<string, string> };
    pending.push(
      ...Object.keys(manifest.dependencies ?? {}).filter((dependency) => dependency.startsWith(SCOPE)),
    );
  }
  return found;
}

/** `pnpm pack` (workspace versions resolved as on publish) of one package into `directory`; the tarball path. */
async function pack(repositoryRoot: string, name: string, directory: string): Promise<string> {
  const { stdout } = await exec('pnpm', ['pack', '--pack-destination', directory], {
    cwd: workspaceDirectory(repositoryRoot, name),
  });
  const tarball = stdout.trim().split('\n').at(-1) ?? '';
  return path.isAbsolute(tarball) ? tarball : path.join(directory, path.basename(tarball));
}

async function npmInstall(directory: string, specs: string[]): Promise<void> {
  await exec('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', ...specs], {
    cwd: directory,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * Installed size as a user of `npm i @llm-control-plane/server` (or `npx @llm-control-plane/server`) gets it:
 * the server and the workspace packages it depends on are packed with `pnpm pack`, and an empty project that
 * depends on the server tarball alone is installed with `npm install --omit=dev`, the other workspace packages
 * pointed at their tarballs through `overrides` (they are not on the registry yet); third-party dependencies
 * come from the npm registry. The figure is the apparent size of the resulting node_modules. The testkit,
 * which only the demo needs, is installed afterwards to report what it adds.
 */
export async function run(context: BenchmarkContext): Promise<BenchmarkResult> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'cp-bench-install-'));
  try {
    context.log('install: building the packages (pnpm build, cached by turbo when nothing changed)');
    await exec('pnpm', ['exec', 'turbo', 'run', 'build', `--filter=${SERVER}...`], {
      cwd: context.repositoryRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
    const packages = await runtimeWorkspacePackages(context.repositoryRoot);
    const tarballs = new Map<string, string>();
    for (const name of [...packages, DEMO_ONLY]) {
      tarballs.set(name, await pack(context.repositoryRoot, name, directory));
    }
    const target = path.join(directory, 'install');
    await mkdir(target, { recursive: true });
    const manifest = {
      private: true,
      dependencies: { [SERVER]: `file:${tarballs.get(SERVER)}` },
      overrides: Object.fromEntries(
        packages.filter((name) => name !== SERVER).map((name) => [name, `file:${tarballs.get(name)}`]),
      ),
    };
    await writeFile(path.join(target, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    context.log(`install: npm install --omit=dev of ${SERVER} (${packages.length} workspace packages)`);
    await npmInstall(target, []);
    const nodeModules = path.join(target, 'node_modules');
    const total = await directoryBytes(nodeModules);
    const sizes = await packageSizes(nodeModules);
    const demoOnlyInstalled = sizes.some((entry) => entry.name === DEMO_ONLY);
    context.log(`install: npm install of ${DEMO_ONLY} next to it (what the demo adds)`);
    await npmInstall(target, [`file:${tarballs.get(DEMO_ONLY)}`]);
    const demoOnlyBytes = (await directoryBytes(nodeModules)) - total;
    const megabytes = (bytes: number) => round(bytes / 1_000_000, 2);
    return {
      name: 'install',
      title: 'Installed size of the server and its dependencies',
      rows: [
        {
          package: `total node_modules of \`npm i ${SERVER}\``,
          'size (MB)': megabytes(total),
          packages: sizes.length,
        },
        ...sizes
          .slice(0, 12)
          .map((entry) => ({ package: entry.name, 'size (MB)': megabytes(entry.bytes), packages: 1 })),
        {
          package: `+ ${DEMO_ONLY} (only for \`control-plane demo\`)`,
          'size (MB)': megabytes(demoOnlyBytes),
          packages: 1,
        },
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
        `What \`npm i ${SERVER}\` installs (\`npx ${SERVER}\` installs the same): an empty project depending on the ` +
          `server's \`pnpm pack\` tarball, \`npm install --omit=dev --ignore-scripts\`, the workspace packages it depends on ` +
          `(${packages.filter((name) => name !== SERVER).join(', ')}) pointed at their own tarballs through \`overrides\`, ` +
          'third-party packages from the npm registry as npm resolves them. Size = bytes of every file ' +
          'under node_modules (apparent size; MB = 10^6 bytes).',
        `${DEMO_ONLY} is an optional peer dependency of the server that only \`control-plane demo\` loads: npm does not ` +
          `install it (${demoOnlyInstalled ? '**it was installed here**' : 'it was not installed here'}), and the demo ` +
          `then asks for it. The last row is what installing it next to the server adds ` +
          `(\`npx -p ${SERVER} -p ${DEMO_ONLY} control-plane demo\`).`,
      ],
      data: { totalBytes: total, packages: sizes, demoOnlyBytes, demoOnlyInstalled },
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
