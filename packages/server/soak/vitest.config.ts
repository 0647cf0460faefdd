import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../../vitest.shared.js';

// The soak runs alone (not in CI): long timeouts, one file at a time, and `gc` exposed so that memory
// is compared after a full collection.
export default mergeConfig(sharedConfig, {
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    // Named *.soak.ts so the CI run (default include: *.test.ts) never picks them up.
    include: ['soak/**/*.soak.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    execArgv: ['--expose-gc'],
  },
});
