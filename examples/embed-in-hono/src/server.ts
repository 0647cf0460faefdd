import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { startFakeWorkers } from '@llm-control-plane/testkit';
import { createParentApp } from './app.js';

// Two seeded fake LiteLLM workers stand in for real proxies.
const workers = await startFakeWorkers(2, (index) => ({
  masterKey: `sk-${randomBytes(16).toString('hex')}`,
  name: `worker-${index + 1}`,
  seed: { seed: index + 1 },
}));
const masterKey = `sk-${randomBytes(16).toString('hex')}`;
const { app, controlPlane } = await createParentApp({
  config: {
    worker_registry: workers.map((worker, index) => ({
      worker_id: `worker-${index + 1}`,
      name: `Worker ${index + 1}`,
      url: worker.url,
      api_key: worker.masterKey,
    })),
    general_settings: { master_key: masterKey },
  },
  dataDir: './.control-plane',
});

const port = Number(process.env.PORT ?? 3000);
const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(
    `App on http://127.0.0.1:${info.port}/ — control plane under /cp (UI /cp/ui/, login admin / ${masterKey})\n`,
  );
});

const stop = async () => {
  server.close();
  await controlPlane.close();
  await Promise.all(workers.map((worker) => worker.close()));
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
