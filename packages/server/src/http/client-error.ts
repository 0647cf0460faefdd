import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { ERROR_STATUS, type ErrorEnvelope } from '../errors.js';

/**
 * Answers a request Node could not parse (oversized headers, broken HTTP) with the API's error envelope
 * instead of Node's bare status line, so even these refusals say what to fix. For `clientError`.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // As Node does by default: answer only when no byte of an in-flight response was written yet, which
  // would otherwise corrupt what the peer reads.
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (!socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const envelope: ErrorEnvelope = {
    error: tooLarge
      ? {
          code: 'headers_too_large',
          message: 'Request headers are larger than the server accepts (16 KiB in all)',
          request_id: randomUUID(),
        }
      : { code: 'invalid_request', message: 'The request is not valid HTTP', request_id: randomUUID() },
  };
  const status = ERROR_STATUS[envelope.error.code];
  const body = JSON.stringify(envelope);
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      'content-type: application/json\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      'connection: close\r\n\r\n' +
      body,
  );
}
