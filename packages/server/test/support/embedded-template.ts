import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MIGRATIONS, openStore } from '../../src/storage/index.js';

function pgliteVersion(): string {
  // The package does not export its package.json; find it above the resolved entry point.
  let directory = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === '@electric-sql/pglite') return manifest.version ?? 'unknown';
    } catch {
      // No manifest here; keep walking up.
    }
    const parent = dirname(directory);
    if (parent === directory) return 'unknown';
    directory = parent;
  }
}

/**
 * Creating an embedded store runs initdb inside WebAssembly, which takes many seconds on a busy machine.
 * A migrated store is built once per schema and PGlite version (kept in the temp directory across runs)
 * and copied for every test: copying takes milliseconds.
 */
export async function templateStoreDirectory(): Promise<string> {
  const schema = createHash('sha256')
    .update(JSON.stringify(MIGRATIONS))
    .update(pgliteVersion())
    .digest('hex')
    .slice(0, 16);
  const template = join(tmpdir(), `cp-test-store-template-${schema}`);
  const exists = await stat(join(template, 'pgdata'))
    .then(() => true)
    .catch(() => false);
  if (exists) return template;
  // Test files start in parallel: one builds the template, the others wait for it.
  const lock = `${template}.lock`;
  const owned = await open(lock, 'wx')
    .then(async (handle) => {
      await handle.close();
      return true;
    })
    .catch(() => false);
  if (!owned) {
    const lockAge = await stat(lock)
      .then((info) => Date.now() - info.mtimeMs)
      .catch(() => Number.POSITIVE_INFINITY);
    if (lockAge < 180_000) {
      const started = Date.now();
      while (Date.now() - started < 180_000) {
        if (
          await stat(join(template, 'pgdata')).then(
            () => true,
            () => false,
          )
        )
          return template;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
  const building = await mkdtemp(join(tmpdir(), 'cp-test-store-building-'));
  const store = await openStore({ dataDir: building });
  await store.close();
  try {
    await rename(building, template);
  } catch {
    // Another test file won the race; its template is as good as ours.
    await rm(building, { recursive: true, force: true });
  }
  if (owned) await rm(lock, { force: true });
  return template;
}

/** Copies the migrated template into `dataDir` (which must not exist yet). */
export async function copyTemplateStore(dataDir: string): Promise<void> {
  await cp(await templateStoreDirectory(), dataDir, { recursive: true });
}
