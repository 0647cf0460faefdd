import { createRequire } from 'node:module';

/** The package version, read at run time so source and build report the same. */
export function packageVersion(): string {
  try {
    // src/version.ts and dist/*.js are both one level below package.json.
    const manifest = createRequire(import.meta.url)('../package.json') as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
