import { CLI_USAGE, parseCliArguments } from './cli/arguments.js';
import type { FakeWorker } from './types.js';
import { startFakeWorker } from './worker.js';

async function main(): Promise<void> {
  const parsed = parseCliArguments(process.argv.slice(2), process.env);
  if (parsed.kind === 'help') {
    process.stdout.write(`${CLI_USAGE}\n`);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`fake-worker: ${parsed.message}\n\n${CLI_USAGE}\n`);
    process.exit(2);
  }
  let worker: FakeWorker;
  try {
    worker = await startFakeWorker(parsed.options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'EADDRINUSE'
        ? `port ${parsed.options.port} is already in use; pass another --port (or --port 0 for a random one)`
        : `failed to start: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`fake-worker: ${message}\n`);
    process.exit(1);
  }
  process.stdout.write(`fake-worker ${worker.name} listening on ${worker.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    worker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
