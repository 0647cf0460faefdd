import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const sourceDirectory = fileURLToPath(new URL('./src/', import.meta.url));

// Two builds from one config: the static single-page app (`dist/app`, relative asset URLs so it
// can be served under any prefix) and the embeddable library (`dist/lib`, React left to the host).
// Mode `assets` builds only the library's `assets` entry, all a server needs to find `dist/app`:
// `build:run` (what `pnpm start` runs) uses it to skip compiling the library.
export default defineConfig(({ mode }) => {
  if (mode === 'lib' || mode === 'assets') {
    const entry: Record<string, string> = { assets: `${sourceDirectory}assets.ts` };
    if (mode === 'lib') entry.index = `${sourceDirectory}index.ts`;
    return {
      plugins: [react()],
      build: {
        outDir: 'dist/lib',
        emptyOutDir: true,
        // No maps: they embedded the whole source, which the package ships in `src` anyway, and were
        // half of its installed size.
        sourcemap: false,
        target: 'es2022',
        lib: {
          entry,
          formats: ['es'],
          cssFileName: 'style',
        },
        rollupOptions: {
          external: [/^react($|\/)/, /^react-dom($|\/)/, /^node:/],
        },
      },
    };
  }
  return {
    base: './',
    plugins: [react()],
    build: {
      outDir: 'dist/app',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      modulePreload: { polyfill: false },
      // Read by scripts/size.mjs to find the chunks a first visit loads.
      manifest: true,
    },
  };
});
