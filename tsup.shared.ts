import type { Options } from 'tsup';

/**
 * The build every Node package shares. Declarations are what makes a build slow, and only `pnpm build`
 * (publishing, package checks) needs them: the `build:run` script, which `pnpm start` runs, skips them.
 * No source maps: the output is unminified ESM that keeps the source's names and shape, so stack traces
 * read well without them, and maps (which embed the whole source) more than doubled the published size.
 */
export function packageBuild(entry: string[]): Options {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: pnpm sets it to the running script's name, which turbo hashes as the task name
  const declarations = process.env.npm_lifecycle_event !== 'build:run';
  return {
    entry,
    format: ['esm'],
    target: 'node22',
    dts: declarations ? { compilerOptions: { customConditions: [] } } : false,
    tsconfig: 'tsconfig.build.json',
    sourcemap: false,
    clean: true,
    // `node:sqlite` exists only with its prefix; keep every `node:` import as written.
    removeNodeProtocol: false,
  };
}
