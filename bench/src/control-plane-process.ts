import { CONTROL_PLANE_NODE_FLAGS } from '@llm-control-plane/server';
import { type Host, type HostOptions, startHost } from './processes.js';

/**
 * The control plane in its own process, with the V8 flags its CLI re-executes itself with, so that its
 * figures are the ones a `control-plane` process shows.
 */
export function startControlPlaneHost(options: HostOptions = {}): Host {
  return startHost('control-plane-host.ts', {
    ...options,
    execArgv: [...CONTROL_PLANE_NODE_FLAGS, ...(options.execArgv ?? [])],
  });
}
