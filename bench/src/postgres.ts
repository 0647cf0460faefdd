import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster for the benchmarks that compare the control plane's two stores: the
 * distribution's binaries (/usr/lib/postgresql/<version>/bin, or PG_BIN), initdb in a temp directory,
 * loopback only, trust authentication (nothing but this machine can reach it, and it is deleted afterwards).
 */
export type BenchPostgres = {
  readonly version: string;
  /** A new empty database on the cluster, so that every start migrates from nothing. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
};

function binDirectory(): string | undefined {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, 'bin', 'initdb')))
    .sort((left, right) => Number(right) - Number(left));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

/** Starts a cluster, or returns undefined (with the reason) when PostgreSQL is not installed or fails. */
export async function startBenchPostgres(): Promise<BenchPostgres | { unavailable: string }> {
  const binDir = binDirectory();
  if (binDir === undefined)
    return { unavailable: 'PostgreSQL binaries not found (/usr/lib/postgresql or PG_BIN)' };
  // PostgreSQL refuses to run as root: the cluster then belongs to the `postgres` system user.
  const asRoot = process.getuid?.() === 0;
  const directory = await mkdtemp(path.join(os.tmpdir(), 'cp-bench-pg-'));
  const dataDir = path.join(directory, 'data');
  const exec = (binary: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(binDir, binary), ...args], { cwd: directory })
      : run(path.join(binDir, binary), args, { cwd: directory });
  try {
    if (asRoot) {
      const { stdout: uid } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      await chown(directory, Number(uid.trim()), Number(gid.trim()));
      await chmod(directory, 0o700);
    }
    const port = await freePort();
    await exec('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale']);
    await exec('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      path.join(directory, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-k ${directory} -p ${port} -c listen_addresses=127.0.0.1 -c max_connections=100`,
      'start',
    ]);
    const { stdout: versionText } = await run(path.join(binDir, 'postgres'), ['--version']);
    return {
      version: versionText.trim(),
      async createDatabase(name) {
        await exec('createdb', ['-h', directory, '-p', String(port), '-U', 'postgres', name]);
        return `postgres://postgres@127.0.0.1:${port}/${name}`;
      },
      async stop() {
        try {
          await exec('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
        } finally {
          await rm(directory, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    return { unavailable: `could not start PostgreSQL from ${binDir}: ${(error as Error).message}` };
  }
}
