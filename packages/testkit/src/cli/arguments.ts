import { parseArgs } from 'node:util';
import type { FakeWorkerOptions } from '../types.js';

export const CLI_USAGE = `Usage: fake-worker --master-key sk-... [options]

Options:
  --master-key <key>          master key of the worker (required unless LITELLM_MASTER_KEY is set; must start with sk-)
  --port <port>               port to listen on (default 0: a random free port)
  --host <host>               interface to bind (default 127.0.0.1)
  --name <name>               display name (default fake-worker-<port>)
  --control-plane-url <url>   enables /v3/login and /v3/login/exchange
  --latency-ms <ms>           latency added to every response (default 0)
  --seed <n>                  seed deterministic demo data with PRNG seed n
  --ui-username <name>        UI login user name (default admin)
  --ui-password <password>    UI login password (default: the master key)
  --litellm-version <version> LiteLLM version to emulate: login shapes and version-gated routes (default 1.84.0)
  --key-header-name <header>  read keys only from this header, as general_settings.litellm_key_header_name
  --help                      show this help`;

export type CliParseResult =
  | { kind: 'start'; options: FakeWorkerOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

function integerFlag(value: string | undefined, flag: string, maximum: number): number | string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > maximum) {
    return `${flag} must be an integer between 0 and ${maximum}, got '${value}'`;
  }
  return Number(value);
}

/** Parses `fake-worker` arguments; never throws and never exits (the entry point decides). */
export function parseCliArguments(
  argv: string[],
  env: Record<string, string | undefined> = {},
): CliParseResult {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
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
        'litellm-version': { type: 'string' },
        'key-header-name': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: 'help' };
  const text = (name: string) => values[name] as string | undefined;
  const masterKey = text('master-key') ?? env.LITELLM_MASTER_KEY;
  if (!masterKey) return { kind: 'error', message: '--master-key is required (or set LITELLM_MASTER_KEY)' };
  if (!masterKey.startsWith('sk-')) return { kind: 'error', message: "--master-key must start with 'sk-'" };
  const controlPlaneUrl = text('control-plane-url');
  if (controlPlaneUrl !== undefined && !/^https?:\/\/\S+$/.test(controlPlaneUrl)) {
    return { kind: 'error', message: '--control-plane-url must be an http:// or https:// URL' };
  }
  const litellmVersion = text('litellm-version');
  if (litellmVersion !== undefined && !/^v?\d+\.\d+(\.\d+)?/.test(litellmVersion)) {
    return { kind: 'error', message: `--litellm-version must look like 1.83.10, got '${litellmVersion}'` };
  }
  const keyHeaderName = text('key-header-name');
  if (keyHeaderName !== undefined && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(keyHeaderName)) {
    return { kind: 'error', message: '--key-header-name must be an HTTP header name' };
  }
  const port = integerFlag(text('port'), '--port', 65_535);
  const latencyMs = integerFlag(text('latency-ms'), '--latency-ms', 3_600_000);
  const seed = integerFlag(text('seed'), '--seed', 4_294_967_295);
  for (const value of [port, latencyMs, seed]) {
    if (typeof value === 'string') return { kind: 'error', message: value };
  }
  return {
    kind: 'start',
    options: {
      masterKey,
      port: port as number | undefined,
      host: text('host'),
      name: text('name'),
      controlPlaneUrl,
      latencyMs: latencyMs as number | undefined,
      seed: seed as number | undefined,
      uiUsername: text('ui-username'),
      uiPassword: text('ui-password'),
      litellmVersion,
      keyHeaderName,
    },
  };
}
