import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Absolute path of the built static app (`dist/app`), for a server to serve at `/ui`. Works both from
 * the built `dist/lib/assets.js` and from this source file (workspace development).
 */
export const uiAssetsDir: string =
  basename(here) === 'lib' && basename(dirname(here)) === 'dist'
    ? join(here, '..', 'app')
    : join(here, '..', 'dist', 'app');
