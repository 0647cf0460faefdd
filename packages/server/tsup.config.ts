import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

const base = packageBuild(['src/index.ts', 'src/cli.ts']);

export default defineConfig({
  ...base,
  // prom-client is bundled: its summary metric pulls in tdigest and bintrees, whose published test data
  // alone outweighs the rest of the metrics stack (docs/decisions/0002-bundle-prom-client.md).
  noExternal: ['prom-client'],
  // prom-client is CommonJS and requires Node built-ins; an ESM bundle needs a real `require` for them.
  banner: {
    js: "import { createRequire as createRequireForBundledCommonJs } from 'node:module';\nconst require = createRequireForBundledCommonJs(import.meta.url);",
  },
});
