#!/usr/bin/env node
// Fails when a function in a package's or example's src/ spans more than MAX lines, counted from the
// line it starts on to the line it ends on (the way a reader meets it, comments and blank lines included).
// Biome's noExcessiveLinesPerFunction counts differently (JSX and body-only), so it cannot hold this line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const MAX = 150;
const root = new URL('..', import.meta.url).pathname;
const roots = ['packages', 'examples'].flatMap((dir) =>
  readdirSync(join(root, dir))
    .map((name) => join(root, dir, name, 'src'))
    .filter((path) => statSync(path, { throwIfNoEntry: false })?.isDirectory()),
);

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

function nameOf(node) {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  return '(anonymous)';
}

const tooLong = [];
for (const dir of roots) {
  for (const path of sourceFiles(dir)) {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        const lines = end - start + 1;
        if (lines > MAX)
          tooLong.push(`${relative(root, path)}:${start + 1} ${nameOf(node)} spans ${lines} lines`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
}

if (tooLong.length > 0) {
  console.error(`Functions over ${MAX} lines (split them into named parts):\n  ${tooLong.join('\n  ')}`);
  process.exit(1);
}
console.log(`function length: every function in src/ is at most ${MAX} lines`);
