import { configDefaults, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

/** Runs after the other tests and alone (see vitest.short-soak.config.ts): it measures sustained load. */
export const SHORT_SOAK = 'test/soak.short.test.ts';

export default mergeConfig(sharedConfig, {
  test: { exclude: [...configDefaults.exclude, SHORT_SOAK] },
});
