/**
 * Writes dist/THIRD-PARTY-NOTICES.md: the license (and NOTICE) texts of every third-party package the build
 * bundled into dist, which their licenses ask a redistribution to carry. The packages are read from the
 * bundle itself: esbuild marks each bundled module with a `// <path>/node_modules/<package>/…` comment.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(packageRoot, 'dist');
const MODULE_COMMENT = /^\/\/ (.*node_modules\/((?:@[^/]+\/)?[^/.][^/]*))\//gm;
const LEGAL_FILE = /^(licen[cs]e|notice)(\.(md|txt))?$/i;

/** Package directory (relative to the package root) by package name, for every package bundled in dist. */
async function bundledPackages(): Promise<Map<string, string>> {
  const packages = new Map<string, string>();
  for (const file of await readdir(dist)) {
    if (!file.endsWith('.js')) continue;
    for (const match of (await readFile(path.join(dist, file), 'utf8')).matchAll(MODULE_COMMENT)) {
      packages.set(match[2] as string, match[1] as string);
    }
  }
  return packages;
}

async function notice(name: string, directory: string): Promise<string> {
  const absolute = path.resolve(packageRoot, directory);
  const manifest = JSON.parse(await readFile(path.join(absolute, 'package.json'), 'utf8')) as {
    version: string;
    license?: string;
  };
  const legalFiles = (await readdir(absolute)).filter((file) => LEGAL_FILE.test(file)).sort();
  if (legalFiles.length === 0) throw new Error(`${name} has no LICENSE file to carry in the bundle`);
  const texts = await Promise.all(
    legalFiles.map(
      async (file) =>
        `${file}:\n\n\`\`\`\n${(await readFile(path.join(absolute, file), 'utf8')).trim()}\n\`\`\``,
    ),
  );
  return `## ${name} ${manifest.version} (${manifest.license ?? 'see below'})\n\n${texts.join('\n\n')}\n`;
}

const packages = [...(await bundledPackages())].sort(([left], [right]) => left.localeCompare(right));
const sections = await Promise.all(packages.map(([name, directory]) => notice(name, directory)));
await writeFile(
  path.join(dist, 'THIRD-PARTY-NOTICES.md'),
  `# Third-party code bundled in this package\n\n${sections.join('\n')}`,
);
