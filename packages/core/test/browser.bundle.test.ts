import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/browser.ts', import.meta.url));

describe('@llm-control-plane/core/browser bundle', () => {
  it('bundles for the browser with no Node built-in and no undici in its module graph', async () => {
    // platform 'browser' makes esbuild fail on any `node:` import instead of leaving it external.
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.endsWith('src/client/resources/keys.ts'))).toBe(true);
    expect(inputs.filter((input) => /undici|node:|\/yaml\//.test(input))).toEqual([]);
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/from\s*["']node:|require\(["']node:|["']undici["']/);
  });
});
