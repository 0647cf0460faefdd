import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    controlPlaneUrl: string;
  }
}

/** Starts ./control-plane.ts with tsx (workspace packages resolved to source) and shares its URL. */
export default async function setup(project: TestProject) {
  const script = fileURLToPath(new URL('./control-plane.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@llm-control-plane/source', script],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const firstLine = await Promise.race([
    once(lines, 'line').then(([line]) => String(line)),
    once(child, 'exit').then(([code]) => {
      throw new Error(`The control plane exited early (code ${String(code)})`);
    }),
  ]);
  const { url } = JSON.parse(firstLine) as { url: string };
  project.provide('controlPlaneUrl', url);
  return async () => {
    child.stdin.end();
    await once(child, 'exit');
  };
}
