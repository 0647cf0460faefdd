import type { z } from 'zod';
import { parseErrorEnvelope } from '../errors/envelope.js';
import { WorkerApiError } from '../errors/worker-errors.js';
import type { Redactor } from '../redact.js';
import type { CallOptions, TransportRequest, TransportResponse } from './transport.js';
import { type FastCheck, parseResponseBody } from './validate.js';

/**
 * The request body as sent, shared by both transports: `bodyText` as it is, else `body` as JSON. Sets the
 * JSON content type when there is a body and the caller set none.
 */
export function serialisedBody(
  request: TransportRequest,
  headers: Record<string, string>,
): string | undefined {
  if (request.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return new URLSearchParams(request.form).toString();
  }
  const body = request.bodyText ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  return body;
}

type DecodableResponse = {
  status: number;
  contentType: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
};

type DecodeContext = {
  /** Built only when an error needs it. */
  label: () => string;
  workerId: string | undefined;
  redactor: Redactor;
  fastCheck?: FastCheck | undefined;
};

export function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The WorkerApiError a response with status >= 400 stands for, with the credential redacted. */
export function apiErrorFrom(
  response: DecodableResponse,
  context: { workerId: string | undefined; redactor: Redactor },
): WorkerApiError {
  const requestId =
    headerText(response.headers['x-litellm-call-id']) ?? headerText(response.headers['x-request-id']);
  const envelope = parseErrorEnvelope(response.status, response.bodyText);
  return new WorkerApiError(
    {
      status: response.status,
      message: context.redactor.text(envelope.message),
      type: envelope.type,
      code: envelope.code,
      param: envelope.param,
      requestId,
      body: context.redactor.value(envelope.body),
    },
    { workerId: context.workerId },
  );
}

/**
 * Turns a worker answer into the schema's value: statuses >= 400 become WorkerApiError, bodies that
 * are not JSON or fail the schema become WorkerResponseError. Shared by the Node and the fetch transport
 * so both report failures identically.
 */
function decodeResponse<Schema extends z.ZodType>(
  response: DecodableResponse,
  schema: Schema,
  context: DecodeContext,
): z.output<Schema> {
  const { workerId } = context;
  if (response.status >= 400) throw apiErrorFrom(response, context);
  return parseResponseBody(
    schema,
    response.bodyText,
    { label: context.label, status: response.status, workerId, contentType: response.contentType },
    context.fastCheck,
  );
}

/**
 * The `call` of a transport: sends with the per-call options applied, then decodes the answer. Shared by
 * the Node and the fetch transport.
 */
export function createCall(
  send: (request: TransportRequest) => Promise<TransportResponse>,
  context: {
    label(request: TransportRequest): string;
    workerId: string | undefined;
    redactor: Redactor;
    /** Whether to use a request's FastCheck; the browser transport leaves every body to zod. */
    fastChecks: boolean;
  },
) {
  return async function call<Schema extends z.ZodType>(
    request: TransportRequest,
    schema: Schema,
    callOptions: CallOptions = {},
  ): Promise<z.output<Schema>> {
    const response = await send({
      ...request,
      signal: callOptions.signal ?? request.signal,
      timeoutMs: callOptions.timeoutMs ?? request.timeoutMs,
      headers:
        callOptions.headers === undefined ? request.headers : { ...request.headers, ...callOptions.headers },
    });
    // LiteLLM answers some deletes with a bare 202; such a reply reads as `null` where the route allows it.
    const empty = request.allowEmptyBody === true && response.status < 400 && response.bodyText.trim() === '';
    return decodeResponse(empty ? { ...response, bodyText: 'null' } : response, schema, {
      label: () => context.label(request),
      workerId: context.workerId,
      redactor: context.redactor,
      fastCheck: context.fastChecks ? request.fastCheck : undefined,
    });
  };
}
