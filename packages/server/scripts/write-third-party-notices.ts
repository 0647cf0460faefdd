/**
 * Writes dist/THIRD-PARTY-NOTICES.md: the license (and NOTICE) texts of every third-party package the build
 * bundled into dist, which their licenses ask a redistribution to carry. The packages are read from what the
 * build reports, so the list cannot drift from what is bundled: the unminified library marks each bundled
 * module with a `// <path>/node_modules/<package>/…` comment, and the minified CLI build writes esbuild's
 * metafile, whose inputs name every bundled file.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(packageRoot, 'dist');
const MODULE_COMMENT = /^\/\/ (.*node_modules\/((?:@[^/]+\/)?[^/.][^/]*))\//gm;
const MODULE_PATH = /^(.*node_modules\/((?:@[^/]+\/)?[^/.][^/]*))\//;
const METAFILE = path.join(dist, 'metafile-esm.json');
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
  const metafile = JSON.parse(await readFile(METAFILE, 'utf8')) as { inputs: Record<string, unknown> };
  for (const input of Object.keys(metafile.inputs)) {
    const match = MODULE_PATH.exec(input);
    if (match) packages.set(match[2] as string, match[1] as string);
  }
  return packages;
}

async function notice(name: string, directory: string): Promise<string> {
  const absolute = path.resolve(packageRoot, directory);
  const manifest = JSON.parse(await readFile(path.join(absolute, 'package.json'), 'utf8')) as {
    version: string;
    license?: string;
    author?: string | { name?: string };
  };
  const legalFiles = (await readdir(absolute)).filter((file) => LEGAL_FILE.test(file)).sort();
  if (legalFiles.length === 0) {
    // A few packages (@hono/zod-validator) publish no license file; their manifest's license and author
    // are then all the notice there is to carry.
    if (!manifest.license)
      throw new Error(`${name} has neither a LICENSE file nor a license in package.json`);
    const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
    return `## ${name} ${manifest.version} (${manifest.license})

The package publishes no license file; its package.json states the ${manifest.license} license${author ? `, author ${author}` : ''}.
`;
  }
  const texts = await Promise.all(
    legalFiles.map(
      async (file) =>
        `${file}:\n\n\`\`\`\n${(await readFile(path.join(absolute, file), 'utf8')).trim()}\n\`\`\``,
    ),
  );
  return `## ${name} ${manifest.version} (${manifest.license ?? 'see below'})\n\n${texts.join('\n\n')}\n`;
}

/** The license comments esbuild moved out of the minified CLI chunks (`legalComments: 'external'`). */
async function extractedLegalComments(): Promise<string[]> {
  const files = (await readdir(dist)).filter((file) => file.endsWith('.LEGAL.txt')).sort();
  const texts = await Promise.all(files.map((file) => readFile(path.join(dist, file), 'utf8')));
  return texts.map(
    (text) => `## License comments kept from the bundled code\n\n\`\`\`\n${text.trim()}\n\`\`\`\n`,
  );
}

const packages = [...(await bundledPackages())].sort(([left], [right]) => left.localeCompare(right));
const sections = await Promise.all(packages.map(([name, directory]) => notice(name, directory)));
sections.push(...(await extractedLegalComments()));
await writeFile(
  path.join(dist, 'THIRD-PARTY-NOTICES.md'),
  `# Third-party code bundled in this package\n\n${sections.join('\n')}`,
);
