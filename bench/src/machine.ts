import os from 'node:os';
import type { Machine } from './types.js';

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    date: new Date().toISOString(),
  };
}

export function machineLine(machine: Machine): string {
  return (
    `machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.totalMemoryMb} MB, Node ${machine.node}, ` +
    `${machine.platform}, load ${machine.loadAverage}, ${machine.date}`
  );
}
