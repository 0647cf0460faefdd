import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';
import { SHORT_SOAK } from './vitest.config.js';

// The short soak holds 300 relayed requests a second for 30 s with zero errors: sharing two cores with
// the rest of the suite would measure the suite, so `pnpm test` runs it on its own afterwards.
export default mergeConfig(sharedConfig, {
  test: { include: [SHORT_SOAK], fileParallelism: false },
});
