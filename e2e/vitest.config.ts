import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../vitest.shared.js';

// Browser tests share one machine with the rest of the suite: run files one at a time.
export default mergeConfig(sharedConfig, {
  test: { fileParallelism: false, testTimeout: 60_000, hookTimeout: 120_000 },
});
