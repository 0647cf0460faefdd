import { spawn } from 'node:child_process';
import { type FakeWorker, startFakeWorker } from '@llm-control-plane/testkit';
import { type FleetCommandIo, runFleetCommand } from '../../src/fleet-as-code/command.js';
import { workerKey } from './fixtures.js';

type Run = { code: number; stdout: string; stderr: string };

/** Runs `control-plane plan|apply` in-process and collects its exit code and output. */
export async function run(
  command: 'plan' | 'apply',
  args: string[],
  options: { env?: Record<string, string>; tty?: boolean; answer?: string } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: FleetCommandIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty === true },
    stderr: { write: (text: string) => (stderr += text) },
    env: { OPENAI_API_KEY: 'sk-openai-test-secret', ...options.env },
    ...(options.answer === undefined ? {} : { confirm: async () => options.answer === 'yes' }),
  };
  const code = await runFleetCommand(command, args, io);
  return { code, stdout, stderr };
}

const packageRoot = new URL('../..', import.meta.url).pathname;

/** Runs the `control-plane` binary (from source) in its own process. */
export async function runBinary(args: string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--conditions=@llm-control-plane/source', '--import', 'tsx', 'src/cli.ts', ...args],
    { cwd: packageRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code: code ?? -1, stdout, stderr };
}

/** Three fake workers, each with its own master key (`workerKey(index)`). */
export async function startThreeWorkers(): Promise<FakeWorker[]> {
  const workers: FakeWorker[] = [];
  for (let index = 0; index < 3; index += 1) {
    workers.push(await startFakeWorker({ masterKey: workerKey(index), name: `worker-${index}` }));
  }
  return workers;
}
