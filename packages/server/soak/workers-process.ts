import { startFakeWorkers } from '@llm-control-plane/testkit';

// Runs the soak's fake workers in their own process, so that the control plane under test does not share
// its event loop with them. Prints one JSON line with the workers, then runs until stdin closes.
const count = Number(process.argv[2] ?? 3);
const workers = await startFakeWorkers(count, (index) => ({
  host: '127.0.0.1',
  masterKey: `sk-soak-worker-${index}-${process.pid}`,
  name: `soak worker ${index}`,
  seed: { keys: 20, teams: 5, users: 10, spendLogs: 200, seed: index + 1 },
}));
process.stdout.write(
  `${JSON.stringify(workers.map((worker) => ({ url: worker.url, masterKey: worker.masterKey })))}\n`,
);
process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.allSettled(workers.map((worker) => worker.close())).then(() => process.exit(0));
});
