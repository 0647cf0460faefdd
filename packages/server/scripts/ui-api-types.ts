/**
 * Generates the admin UI's types for the control-plane API (`packages/ui/src/api/schema.d.ts`) from the
 * OpenAPI document a real control plane serves (its `/api/v1` routes, relative to it), so the UI's typed client cannot drift from the routes.
 * Run `pnpm --filter @llm-control-plane/server generate:ui-api` after changing a route; the test
 * `openapi.ui-types.test.ts` fails while the checked-in file is stale.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { createControlPlane } from '../src/index.js';
import { createJsonLogger } from '../src/logger.js';
import { createMemoryStore } from '../test/support/memory-store.js';

export const UI_API_TYPES_PATH = fileURLToPath(new URL('../../ui/src/api/schema.d.ts', import.meta.url));

const API_PREFIX = '/api/v1';
const MASTER_KEY = 'sk-openapi-dump-0123456789abcdef';

const HEADER = `/**
 * Types of the control-plane HTTP API, generated from /openapi.json by
 * packages/server/scripts/ui-api-types.ts. Do not edit: run
 * \`pnpm --filter @llm-control-plane/server generate:ui-api\`.
 */

`;

/** Boots a control plane in-process (no workers, in-memory store) and returns its `/openapi.json`. */
export async function dumpOpenApiDocument(): Promise<Record<string, unknown>> {
  const controlPlane = await createControlPlane({
    config: { worker_registry: [], general_settings: { master_key: MASTER_KEY } },
    store: createMemoryStore(),
    uiAssetsDir: false,
    monitorIntervalMs: 60_000,
    logger: createJsonLogger({ level: 'error', write: () => {} }),
  });
  try {
    const response = await controlPlane.app.request('/openapi.json', {
      headers: { authorization: `Bearer ${MASTER_KEY}` },
    });
    if (response.status !== 200) throw new Error(`/openapi.json answered ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  } finally {
    await controlPlane.close();
  }
}

type Operations = Record<string, { operationId?: string }>;

/**
 * Keeps the `/api/v1` routes with paths relative to it (the UI's client is based at its `apiBase`, which
 * an embedding host may mount anywhere). openapi-typescript refuses repeated operationIds; the relay's
 * catch-all route documents one operation per method under a single id, so repeats get the method appended.
 */
function uiDocument(document: Record<string, unknown>): Record<string, unknown> {
  const seen = new Set<string>();
  const paths: Record<string, Operations> = {};
  for (const [path, operations] of Object.entries((document.paths ?? {}) as Record<string, Operations>)) {
    if (path.startsWith(`${API_PREFIX}/`)) paths[path.slice(API_PREFIX.length)] = operations;
  }
  for (const operations of Object.values(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const id = operation.operationId;
      if (id === undefined) continue;
      if (seen.has(id)) operation.operationId = `${id}_${method}`;
      seen.add(operation.operationId ?? id);
    }
  }
  return { ...document, paths };
}

export async function renderUiApiTypes(): Promise<string> {
  const document = uiDocument(await dumpOpenApiDocument());
  // The served JSON is an OpenAPI 3.1 document; openapi-typescript validates it again before use.
  const ast = await openapiTS(document as unknown as OpenAPI3);
  return HEADER + astToString(ast);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(UI_API_TYPES_PATH, await renderUiApiTypes());
  console.log(`wrote ${UI_API_TYPES_PATH}`);
}
