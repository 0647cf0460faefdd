// Runs the control plane "next to" the portal in its own Node process (the tests run in jsdom, where the
// embedded store cannot load). Prints its URL as one JSON line, and stops when stdin closes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, startControlPlane } from '@llm-control-plane/server';
import { startFakeWorker } from '@llm-control-plane/testkit';
import { PORTAL_MASTER_KEY } from './constants.js';

const dataDir = await mkdtemp(join(tmpdir(), 'portal-example-'));
const workers = await Promise.all(
  ['Portal East', 'Portal West'].map((name, index) =>
    startFakeWorker({
      masterKey: `sk-portal-worker-${index}`,
      name,
      seed: { seed: index + 1, keys: 3, spendLogs: 10 },
    }),
  ),
);
const controlPlane = await startControlPlane({
  port: 0,
  dataDir,
  logger: silentLogger,
  uiAssetsDir: false,
  config: {
    general_settings: { master_key: PORTAL_MASTER_KEY },
    worker_registry: workers.map((worker, index) => ({
      worker_id: `portal-${index}`,
      name: worker.name,
      url: worker.url,
      api_key: worker.masterKey,
      region: index === 0 ? 'us-east-1' : 'us-west-2',
    })),
  },
});
process.stdout.write(`${JSON.stringify({ url: controlPlane.url })}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await controlPlane.close();
  await Promise.all(workers.map((worker) => worker.close()));
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
});
