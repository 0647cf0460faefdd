import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError } from '@llm-control-plane/core';
import { startDemo } from './demo.js';
import { runFleetCommand } from './fleet-as-code/command.js';
import { createJsonLogger, type LogLevel } from './logger.js';
import { applyRuntimeNodeFlags } from './node-flags.js';
import { ListenError, startControlPlane } from './start.js';
import { StoreError } from './storage/types.js';
import { packageVersion } from './version.js';

const USAGE = `Usage:
  control-plane --config cp_config.yaml [--port 4000] [--host 127.0.0.1] [--data-dir ./.control-plane]
  control-plane demo [--workers 3] [--port 4000] [--host 127.0.0.1]
  control-plane plan|apply -f fleet.yaml (--url URL | --config cp_config.yaml [--data-dir DIR]) [--json] [--yes]
                  (see control-plane plan --help)

Options:
  --config, -c    Config file (LiteLLM format with worker_registry). Env: CONFIG_FILE_PATH
  --port, -p      Port to listen on. Env: PORT. Default 4000
  --host          Address to bind. Env: HOST. Default 127.0.0.1
  --data-dir      Embedded store directory when no database_url is set. Default ./.control-plane
  --log-level     debug, info, warn or error. Env: LOG_LEVEL. Default info
  --workers       (demo) number of fake workers. Default 3
  --help, -h      Show this help
  --version, -v   Show the version`;

class UsageError extends Error {}

function parsePort(value: string | undefined, source: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 65_535) {
    throw new UsageError(`${source} must be a port number between 0 and 65535 (got "${value}")`);
  }
  return Number(value);
}

function parseLevel(value: string | undefined): LogLevel {
  const level = value ?? 'info';
  if (level === 'debug' || level === 'info' || level === 'warn' || level === 'error') return level;
  throw new UsageError(`--log-level must be debug, info, warn or error (got "${level}")`);
}

/** What to tell the user for a start-up failure. */
function describeStartupError(error: unknown): string {
  if (error instanceof UsageError) return `${error.message}\n\n${USAGE}`;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
    return `${(error as Error).message}\n\n${USAGE}`;
  if (error instanceof ListenError) {
    if (error.code === 'EADDRINUSE') {
      return `Port ${error.port} is already in use. Choose another port with --port <number> or the PORT environment variable.`;
    }
    if (error.code === 'EACCES') {
      return `${error.message}. Choose a port above 1024 with --port <number> or the PORT environment variable.`;
    }
    return `${error.message}. Check --host / HOST and --port / PORT.`;
  }
  if (ConfigError.isInstance(error)) return error.message;
  if (StoreError.isInstance(error)) return `The control plane store could not be opened: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Asks on the terminal; only "yes" (or "y") goes on. */
async function confirmOnTerminal(question: string): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await terminal.question(question)).trim());
  } finally {
    terminal.close();
  }
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [first, ...rest] = argv;
  if (first === 'plan' || first === 'apply') {
    return runFleetCommand(first, rest, {
      stdout: process.stdout,
      stderr: process.stderr,
      env,
      ...(process.stdin.isTTY ? { confirm: confirmOnTerminal } : {}),
    });
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'log-level': { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = positionals[0];
  if (positionals.length > 1 || (command !== undefined && command !== 'demo')) {
    throw new UsageError(`Unknown command "${positionals.join(' ')}"`);
  }
  const port = parsePort(values.port, '--port') ?? parsePort(env.PORT, 'PORT') ?? 4000;
  const host = values.host ?? (env.HOST || undefined) ?? '127.0.0.1';
  const masterKeys: string[] = [];
  const logger = createJsonLogger({
    level: parseLevel(values['log-level'] ?? env.LOG_LEVEL),
    secrets: () => masterKeys,
  });

  let close: () => Promise<void>;
  if (command === 'demo') {
    const workers = values.workers === undefined ? 3 : Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 50) {
      throw new UsageError(`--workers must be a whole number from 1 to 50 (got "${values.workers}")`);
    }
    const demo = await startDemo({ workers, port, host, logger, env });
    masterKeys.push(demo.masterKey);
    const lines = [
      '',
      `  Control plane demo running at ${demo.controlPlane.url}/ui/`,
      `  Log in as admin with password ${demo.masterKey}`,
      `  (or call the API with: curl -H "Authorization: Bearer ${demo.masterKey}" ${demo.controlPlane.url}/api/v1/workers)`,
      '',
      '  Workers:',
      ...demo.workers.map((worker) =>
        worker.managed
          ? `    ${worker.name.padEnd(10)} ${worker.url}  managed by the control plane`
          : `    ${worker.name.padEnd(10)} ${worker.url}  browser-direct: log in to it in the UI as admin / ${worker.uiPassword}`,
      ),
      '',
      '  Press Ctrl+C to stop.',
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    applyRuntimeNodeFlags();
    close = () => demo.close();
  } else {
    const configPath = values.config ?? (env.CONFIG_FILE_PATH || undefined);
    if (configPath === undefined) {
      throw new UsageError('--config is required: the path of the config file (or set CONFIG_FILE_PATH)');
    }
    const running = await startControlPlane({
      configPath,
      port,
      host,
      env,
      logger,
      ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
    });
    applyRuntimeNodeFlags();
    process.stdout.write(`Control plane listening on ${running.url} (UI: ${running.url}/ui/)\n`);
    logger.info('listening', { url: running.url, store: running.store.kind });
    close = () => running.close();
  }

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        process.stderr.write(`Received ${signal} again; exiting immediately.\n`);
        resolve(1);
        return;
      }
      stopping = true;
      logger.info('shutting down', { signal });
      close().then(
        () => resolve(0),
        (error: unknown) => {
          logger.error('shutdown failed', { error });
          resolve(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`control-plane: ${describeStartupError(error)}\n`);
    process.exit(1);
  },
);
