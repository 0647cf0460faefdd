import { redactUrl } from '@llm-control-plane/core';
import { openEmbeddedStore } from './embedded.js';
import { type ControlPlaneStore, type OpenStoreOptions, StoreError } from './types.js';

export { AUDIT_CSV_COLUMNS, auditToCsv } from './audit-export.js';
export { DATABASE_FILE, DEFAULT_DATA_DIR } from './embedded.js';
export { MIGRATIONS } from './migrations.js';
export * from './types.js';

/**
 * Opens the control plane's store and brings its schema up to date: PostgreSQL when `databaseUrl` is
 * set, otherwise the embedded store under `dataDir`. Fails with a StoreError naming the directory or
 * the (redacted) URL when the store cannot be used.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<ControlPlaneStore> {
  const databaseUrl = options.databaseUrl?.trim();
  if (databaseUrl !== undefined && databaseUrl !== '') {
    if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) {
      throw new StoreError(
        'invalid',
        `database_url must be a postgres:// or postgresql:// URL (got ${redactUrl(databaseUrl)})`,
      );
    }
    // The PostgreSQL module (and with it `pg`) loads only when a database URL is configured.
    const { openPostgresStore } = await import('./postgres.js');
    return openPostgresStore({ databaseUrl, maxConnections: options.maxConnections });
  }
  return openEmbeddedStore({ dataDir: options.dataDir, durability: options.durability });
}
