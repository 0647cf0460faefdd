import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ControlPlaneConfig } from '@llm-control-plane/core';
import { Fleet, type FleetMonitor } from '@llm-control-plane/sdk';
import { processSample, serveHost } from './serve.js';

/**
 * The control plane in its own process, so that its CPU time and RSS can be read alone. `server` runs the real
 * HTTP server (startControlPlane); `fleet-monitor` runs only the SDK's health monitor, the part of the server
 * that polls workers.
 */

type Running = {
  close(): Promise<void>;
  polls?: () => number;
  pollDurations?: number[];
};

const running: Running[] = [];
const temporaryDirectories: string[] = [];

async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'cp-bench-'));
  temporaryDirectories.push(directory);
  return directory;
}

serveHost(
  {
    async server(message) {
      const { silentLogger, startControlPlane } = await import('@llm-control-plane/server');
      const dataDir = await temporaryDirectory();
      const started = performance.now();
      const server = await startControlPlane({
        config: message.config as ControlPlaneConfig,
        port: 0,
        host: '127.0.0.1',
        dataDir,
        // The benchmarks check every status themselves; a client that disconnects at the end of a load run
        // would otherwise fill the output with warnings.
        logger: silentLogger,
        ...(typeof message.uiAssetsDir === 'string' ? { uiAssetsDir: message.uiAssetsDir } : {}),
      });
      running.push({ close: () => server.close() });
      return { url: server.url, startMs: Math.round(performance.now() - started) };
    },
    'fleet-monitor'(message) {
      const fleet = Fleet.fromConfig(message.config as ControlPlaneConfig);
      const pollDurations: number[] = [];
      let roundStarted = performance.now();
      const monitor: FleetMonitor = fleet.monitor({ intervalMs: Number(message.intervalMs) });
      monitor.addEventListener('poll', () => {
        pollDurations.push(performance.now() - roundStarted);
        // The next round starts one interval after this one started, or a tenth of an interval after
        // this one ended when it ran over (see FleetMonitor).
        roundStarted = Math.max(
          roundStarted + monitor.intervalMs,
          performance.now() + monitor.intervalMs / 10,
        );
      });
      running.push({
        close: async () => {
          monitor.stop();
          await fleet.close();
        },
        polls: () => monitor.polls,
        pollDurations,
      });
      return null;
    },
    sample(message) {
      // With --expose-gc the caller can ask for the live heap: garbage not yet collected is not retention.
      const collect = (globalThis as { gc?: () => void }).gc;
      if (message.collectGarbage === true && collect) collect();
      const current = running[running.length - 1];
      return {
        ...processSample(),
        polls: current?.polls?.() ?? null,
        pollDurationsMs: current?.pollDurations?.map((value) => Math.round(value)) ?? null,
      };
    },
  },
  async () => {
    await Promise.allSettled(running.map((entry) => entry.close()));
    await Promise.allSettled(
      temporaryDirectories.map((directory) => rm(directory, { recursive: true, force: true })),
    );
  },
);
