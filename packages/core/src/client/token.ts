import { createHash } from 'node:crypto';

/**
 * The token under which LiteLLM stores a virtual key: the hex SHA-256 of the raw `sk-` key. Lookups by
 * token (`/key/info?key=<token>`) let a caller find a key without sending the raw secret to any worker.
 */
export function hashToken(rawKey: string): string {
  return createHash('sha256').update(rawKey).digest('hex');
}
