import { CONTROL_PLANE_NODE_FLAGS } from '@llm-control-plane/server';
import { type Host, type HostOptions, startHost } from './processes.js';

/**
 * The control plane in its own process, built (each package's dist) and with the V8 flags its CLI re-executes
 * itself with, so that its figures are the ones a `control-plane` process shows. Running it from source
 * through tsx would measure esbuild's keepNames wrappers and tsx's loader too.
 */
export function startControlPlaneHost(options: HostOptions = {}): Host {
  return startHost('control-plane-host.ts', {
    built: true,
    ...options,
    execArgv: [...CONTROL_PLANE_NODE_FLAGS, ...(options.execArgv ?? [])],
  });
}
