import type { FakeWorker } from '@llm-control-plane/testkit';
import { type RunningControlPlane, startControlPlane } from '../../src/start.js';
import { MASTER_KEY } from './fixtures.js';
import { createMemoryStore } from './memory-store.js';

/**
 * A control plane on a real socket (port 0) managing one worker as `worker-a`: for tests whose request
 * targets must reach the server byte for byte (fetch and `app.request` normalise paths first).
 */
export function startSocketControlPlane(worker: FakeWorker): Promise<RunningControlPlane> {
  return startControlPlane({
    config: {
      worker_registry: [{ worker_id: 'worker-a', name: 'A', url: worker.url, api_key: worker.masterKey }],
      general_settings: { master_key: MASTER_KEY },
    },
    store: createMemoryStore(),
    port: 0,
    uiAssetsDir: false,
    monitorIntervalMs: 600_000,
  });
}
