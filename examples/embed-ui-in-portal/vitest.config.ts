import react from '@vitejs/plugin-react';
import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

export default mergeConfig(sharedConfig, {
  plugins: [react()],
  test: { environment: 'jsdom', globalSetup: ['test/support/control-plane.global.ts'] },
});
