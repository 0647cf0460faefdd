import { memoryUsage, resourceUsage, uptime } from 'node:process';
import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * The standard process metrics, read at scrape time. prom-client's `collectDefaultMetrics` is not used:
 * it installs a GC observer and an event-loop monitor that can never be removed, once per registry.
 */
export function registerProcessMetrics(registry: Registry): void {
  const registers = [registry];
  new Counter({
    name: 'process_cpu_user_seconds_total',
    help: 'User CPU time spent in seconds.',
    registers,
    collect() {
      this.reset();
      this.inc(resourceUsage().userCPUTime / 1e6);
    },
  });
  new Counter({
    name: 'process_cpu_system_seconds_total',
    help: 'System CPU time spent in seconds.',
    registers,
    collect() {
      this.reset();
      this.inc(resourceUsage().systemCPUTime / 1e6);
    },
  });
  new Gauge({
    name: 'process_resident_memory_bytes',
    help: 'Resident memory size in bytes.',
    registers,
    collect() {
      this.set(memoryUsage.rss());
    },
  });
  new Gauge({
    name: 'nodejs_heap_size_used_bytes',
    help: 'Process heap size used from Node.js in bytes.',
    registers,
    collect() {
      this.set(memoryUsage().heapUsed);
    },
  });
  new Gauge({
    name: 'process_start_time_seconds',
    help: 'Start time of the process since unix epoch in seconds.',
    registers,
  }).set(Math.round(Date.now() / 1000 - uptime()));
}
