import { parseArgs } from 'node:util';
import { startFakeWorker } from './worker.js';

const USAGE = `Usage: fake-worker --master-key sk-... [options]

Options:
  --master-key <key>          master key of the worker (required, must start with sk-)
  --port <port>               port to listen on (default 0: a random free port)
  --host <host>               interface to bind (default 127.0.0.1)
  --name <name>               display name (default fake-worker-<port>)
  --control-plane-url <url>   enables /v3/login and /v3/login/exchange
  --latency-ms <ms>           latency added to every response (default 0)
  --seed <n>                  seed deterministic demo data with PRNG seed n
  --ui-username <name>        UI login user name (default admin)
  --ui-password <password>    UI login password (default: the master key)
  --help                      show this help`;

function fail(message: string): never {
  process.stderr.write(`fake-worker: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function nonNegativeInteger(
  value: string | undefined,
  flag: string,
  maximum = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > maximum)
    fail(`${flag} must be an integer between 0 and ${maximum}, got '${value}'`);
  return Number(value);
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const masterKey = values['master-key'] ?? process.env.LITELLM_MASTER_KEY;
  if (!masterKey) fail('--master-key is required (or set LITELLM_MASTER_KEY)');
  if (!masterKey.startsWith('sk-')) fail("--master-key must start with 'sk-'");
  const controlPlaneUrl = values['control-plane-url'];
  if (controlPlaneUrl !== undefined && !/^https?:\/\//.test(controlPlaneUrl)) {
    fail('--control-plane-url must start with http:// or https://');
  }
  const port = nonNegativeInteger(values.port, '--port', 65_535);
  let worker: Awaited<ReturnType<typeof startFakeWorker>>;
  try {
    worker = await startFakeWorker({
      masterKey,
      port,
      host: values.host,
      name: values.name,
      controlPlaneUrl,
      latencyMs: nonNegativeInteger(values['latency-ms'], '--latency-ms'),
      seed: nonNegativeInteger(values.seed, '--seed'),
      uiUsername: values['ui-username'],
      uiPassword: values['ui-password'],
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      process.stderr.write(
        `fake-worker: port ${port} is already in use; pass another --port (or 0 for a random one)\n`,
      );
    } else {
      process.stderr.write(
        `fake-worker: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
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

function parse() {
  return parseArgs({
    options: {
      'master-key': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      name: { type: 'string' },
      'control-plane-url': { type: 'string' },
      'latency-ms': { type: 'string' },
      seed: { type: 'string' },
      'ui-username': { type: 'string' },
      'ui-password': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
}

await main();
