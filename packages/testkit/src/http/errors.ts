/**
 * The three error envelopes a LiteLLM proxy answers with (contract §1.4). Handlers throw
 * `HttpError`; the dispatcher serialises `body` verbatim.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string> | undefined;

  constructor(status: number, body: unknown, headers?: Record<string, string>) {
    super(`HTTP ${status}`);
    this.name = 'HttpError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** ProxyException: `{error: {message, type, param, code}}` with `code` the status as a string. */
export function proxyError(
  status: number,
  message: string,
  type: string,
  param: string | null = null,
): HttpError {
  return new HttpError(status, { error: { message, type, param: param ?? 'None', code: String(status) } });
}

/** Bare FastAPI HTTPException whose detail is LiteLLM's usual `{error: message}` object. */
export function detailError(status: number, message: string): HttpError {
  return new HttpError(status, { detail: { error: message } });
}

/** Bare FastAPI HTTPException with a plain string detail. */
export function plainDetailError(status: number, detail: string): HttpError {
  return new HttpError(status, { detail });
}

/** Python `repr()` of a one-entry dict, as produced when LiteLLM stringifies an HTTPException detail. */
function pythonDictRepr(field: string, message: string): string {
  const quote = message.includes("'") && !message.includes('"') ? '"' : "'";
  return `{'${field}': ${quote}${message}${quote}}`;
}

/**
 * `handle_exception_on_proxy`: an HTTPException with a dict detail re-raised as a ProxyException whose
 * message is the Python repr of the detail.
 */
export function wrappedError(status: number, message: string, type = 'internal_server_error'): HttpError {
  return proxyError(status, pythonDictRepr('error', message), type);
}

export type ValidationIssue = {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
};

/** Pydantic / FastAPI request validation failure (422). */
export function validationError(issues: ValidationIssue[]): HttpError {
  return new HttpError(422, { detail: issues });
}

export function missingFieldError(location: 'body' | 'query', field: string, input: unknown): HttpError {
  return validationError([{ type: 'missing', loc: [location, field], msg: 'Field required', input }]);
}

export const NOT_PREMIUM_MESSAGE =
  'You must be a LiteLLM Enterprise user to use this feature. If you have a license please set `LITELLM_LICENSE` in your env. Get a 7 day trial key here: https://www.litellm.ai/#trial. \nPricing: https://www.litellm.ai/#pricing';
