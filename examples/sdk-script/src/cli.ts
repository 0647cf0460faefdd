import { parseArgs } from 'node:util';
import { startFakeWorkers } from '@llm-control-plane/testkit';
import { main } from './main.js';

// Without --config the script manages three fake workers it starts itself, one of them down.
const { values } = parseArgs({ options: { config: { type: 'string' } } });

async function run(): Promise<void> {
  if (values.config) {
    await main({ configPath: values.config });
    return;
  }
  await using workers = await startFakeWorkers(3, (index) => ({
    host: '127.0.0.1',
    port: 0,
    masterKey: `sk-example-${index}`,
    name: `example ${index}`,
    seed: { spendLogs: 30, seed: index + 1 },
  }));
  await workers[2]?.fault('down');
  await main({
    entries: workers.map((worker, index) => ({
      worker_id: `example-${index}`,
      name: worker.name,
      url: worker.url,
      api_key: worker.masterKey,
    })),
    timeoutMs: 2_000,
  });
}

run().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
