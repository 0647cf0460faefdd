import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';

/**
 * The Node response under a Hono context, where the app is served by @hono/node-server (which passes it as
 * `env.outgoing`); undefined when the app is called through `fetch` (tests, other runtimes).
 */
export function nodeResponseOf(context: Context): ServerResponse | undefined {
  const outgoing = (context.env as { outgoing?: Partial<ServerResponse> } | undefined)?.outgoing;
  return typeof outgoing?.once === 'function' ? (outgoing as ServerResponse) : undefined;
}
