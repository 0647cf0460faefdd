import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm dev` serves the portal and forwards /api to a control plane running next to it
// (CONTROL_PLANE_URL, default http://127.0.0.1:4000), so the session cookie stays same-origin.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: process.env.CONTROL_PLANE_URL ?? 'http://127.0.0.1:4000', changeOrigin: true },
    },
  },
});
