import type { Redactor } from '../redact.js';

/** What a worker answered, with its body readable as bytes and as text, the credential redacted from both. */
export type RedactedResponse = {
  status: number;
  contentType: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** The body as UTF-8 text (a leading BOM dropped, invalid sequences replaced, as fetch's `text()` reads it). */
  readonly bodyText: string;
  /** The body's bytes: exactly as the worker sent them unless they hold a secret, else the redacted text. */
  readonly body: Uint8Array<ArrayBuffer>;
};

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * A response whose body is decoded only when its text is read: a relay passes the worker's bytes on
 * without turning them into a string and back (see Redactor.foundIn).
 */
export function redactedResponse(
  head: Pick<RedactedResponse, 'status' | 'contentType' | 'headers'>,
  bytes: Uint8Array<ArrayBuffer>,
  redactor: Redactor,
): RedactedResponse {
  let text: string | undefined;
  let body: Uint8Array<ArrayBuffer> | undefined;
  const readText = (): string => {
    text ??= redactor.text(decoder.decode(bytes));
    return text;
  };
  return {
    status: head.status,
    contentType: head.contentType,
    headers: head.headers,
    get bodyText() {
      return readText();
    },
    get body() {
      body ??= redactor.foundIn(bytes) ? encoder.encode(readText()) : bytes;
      return body;
    },
  };
}
