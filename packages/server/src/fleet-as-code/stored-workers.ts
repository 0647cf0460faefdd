import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ControlPlaneConfig, WorkerRegistryEntry } from '@llm-control-plane/core';
import { createCredentialSecrets, credentialSecretFrom } from '../registry/secrets.js';
import { registryEntries } from '../registry/sync.js';
import { DATABASE_FILE, DEFAULT_DATA_DIR, openStore, StoreError } from '../storage/index.js';

/** The store of the config could not be read; the message says what to do instead. */
class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * The fleet a control plane started with this config would serve: the config's `worker_registry`, then the
 * workers registered at run time in its store (PostgreSQL at `database_url`, else the embedded store in
 * `dataDir`), their credentials decrypted as the server does. The store is closed before this resolves, so
 * a plan or apply never keeps it from a server. `notes` name stored workers whose credential is unreadable.
 */
export async function configFleetEntries(
  config: ControlPlaneConfig,
  env: Record<string, string | undefined>,
  dataDir: string | undefined,
): Promise<{ entries: WorkerRegistryEntry[]; notes: string[] }> {
  const configWorkers = config.worker_registry ?? [];
  const databaseUrl = config.general_settings?.database_url;
  const directory = resolve(dataDir ?? DEFAULT_DATA_DIR);
  // No embedded database yet: nothing was registered at run time, and planning must not create one.
  if (databaseUrl === undefined && !(await exists(join(directory, DATABASE_FILE)))) {
    return { entries: [...configWorkers], notes: [] };
  }
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(
      databaseUrl === undefined ? { dataDir: directory } : { databaseUrl, maxConnections: 1 },
    );
  } catch (error) {
    if (databaseUrl === undefined && StoreError.isInstance(error) && error.code === 'unavailable') {
      // One process per embedded store: a running control plane holds it, and only that server can read it.
      throw new StoreUnavailableError(
        `${error.message}\nA running control plane holds this store: plan and apply through it with ` +
          '--url <its URL> (token in CONTROL_PLANE_TOKEN), or stop it and run again.',
      );
    }
    throw error;
  }
  let stored: Awaited<ReturnType<typeof store.workers.list>>;
  try {
    stored = await store.workers.list();
  } finally {
    await store.close();
  }
  const secret = credentialSecretFrom(config, env);
  const notes: string[] = [];
  const entries = registryEntries(
    configWorkers,
    stored,
    secret === undefined ? undefined : createCredentialSecrets(secret),
    (error, { workerId }) => {
      notes.push(
        `the stored credential of worker ${workerId} cannot be decrypted (${(error as Error).message}); ` +
          'it is planned without one. Use the secret_key (or master_key) of the control plane that stored it.',
      );
    },
  );
  if (secret === undefined && stored.some((worker) => worker.api_key_encrypted !== null)) {
    notes.push(
      'stored workers have credentials but the config sets no secret_key or master_key to decrypt them',
    );
  }
  return { entries, notes };
}
