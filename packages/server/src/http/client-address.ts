import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The peer address of the connection. Forwarded headers are ignored on purpose: a client could set them to
 * dodge the login rate limit. Outside the node adapter (app.request in tests, other runtimes) all callers
 * share one bucket.
 */
export function clientAddress(context: Context): string {
  try {
    return getConnInfo(context).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
