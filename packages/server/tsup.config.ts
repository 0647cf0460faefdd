import { defineConfig, type Options } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

const base = packageBuild(['src/index.ts']);

// prom-client is CommonJS and requires Node built-ins; an ESM bundle needs a real `require` for them.
const requireBanner = {
  js: "import { createRequire as createRequireForBundledCommonJs } from 'node:module';\nconst require = createRequireForBundledCommonJs(import.meta.url);",
};

/** The library (`import { createControlPlane } from '@llm-control-plane/server'`): dependencies stay external. */
const library: Options = {
  ...base,
  // prom-client is bundled: its summary metric pulls in tdigest and bintrees, whose published test data
  // alone outweighs the rest of the metrics stack (docs/decisions/0002-bundle-prom-client.md).
  noExternal: ['prom-client'],
  banner: requireBanner,
};

/**
 * The CLI (`npx @llm-control-plane/server`), bundled whole with its dependencies and minified: resolving and
 * loading some 250 module files took longer than everything else a start does
 * (docs/decisions/0004-bundle-the-cli.md). pg loads only for a database_url and the testkit only for
 * `demo`, so both stay external. The metafile lists the bundled packages for THIRD-PARTY-NOTICES.md.
 */
const cli: Options = {
  ...base,
  entry: ['src/cli.ts'],
  dts: false,
  clean: false,
  noExternal: [/^(?!(pg|@llm-control-plane\/testkit)(\/|$))/],
  minify: true,
  metafile: true,
  banner: requireBanner,
  esbuildOptions(options) {
    // Legal comments go to dist/*.LEGAL.txt (folded into THIRD-PARTY-NOTICES.md by `pnpm build`), not to the
    // end of the chunks: one non-ASCII letter in a name there made V8 hold the whole 1.3 MB chunk as a
    // two-byte string, decoded and scanned on every start.
    options.legalComments = 'external';
  },
};

export default defineConfig([library, cli]);
