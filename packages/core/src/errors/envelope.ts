/**
 * Parses the three error envelopes a LiteLLM proxy answers with (ProxyException,
 * FastAPI `{detail}` and 422 validation arrays) into one shape.
 */

export type ParsedErrorEnvelope = {
  message: string;
  type?: string;
  code?: string;
  param?: string;
  body?: unknown;
};

/** Longest message kept from a body that is not one of the known envelopes. */
const MAX_RAW_MESSAGE_LENGTH = 500;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    // LiteLLM fills absent params with the Python literal "None".
    return value === '' || value === 'None' ? undefined : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Handlers that re-raise an HTTPException through `handle_exception_on_proxy` put the Python
 * repr of the detail dict in `message` (`{'error': 'User with id u1 already exists'}`); the
 * inner text is what a person wants to read.
 */
function unwrapPythonRepr(message: string): string {
  const match = /^\{\s*['"](?:error|message|detail)['"]\s*:\s*(['"])([\s\S]*)\1\s*\}$/.exec(message.trim());
  return match?.[2] ?? message;
}

function validationMessage(items: unknown[]): { message: string; param?: string } {
  const parts: string[] = [];
  let param: string | undefined;
  for (const item of items) {
    if (!isRecord(item)) continue;
    const text = typeof item.msg === 'string' ? item.msg : JSON.stringify(item);
    const location = Array.isArray(item.loc) ? item.loc.filter((part) => part !== 'body').map(String) : [];
    if (param === undefined && location.length > 0) param = location.join('.');
    parts.push(location.length > 0 ? `${location.join('.')}: ${text}` : text);
  }
  const result: { message: string; param?: string } = { message: parts.join('; ') };
  if (param !== undefined) result.param = param;
  return result;
}

function fromObject(body: Record<string, unknown>, status: number): ParsedErrorEnvelope | undefined {
  const { error, detail, message } = body;
  if (isRecord(error)) {
    const parsed: ParsedErrorEnvelope = {
      message: unwrapPythonRepr(optionalText(error.message) ?? `HTTP ${status}`),
    };
    const type = optionalText(error.type);
    const code = optionalText(error.code);
    const param = optionalText(error.param);
    if (type !== undefined) parsed.type = type;
    if (code !== undefined) parsed.code = code;
    if (param !== undefined) parsed.param = param;
    return parsed;
  }
  if (typeof error === 'string') return { message: error };
  if (typeof detail === 'string') return { message: detail };
  if (isRecord(detail)) {
    const inner = optionalText(detail.error) ?? optionalText(detail.message);
    if (inner !== undefined) return { message: unwrapPythonRepr(inner) };
    return { message: JSON.stringify(detail) };
  }
  if (Array.isArray(detail)) {
    const validation = validationMessage(detail);
    const parsed: ParsedErrorEnvelope = {
      message: validation.message || `HTTP ${status}`,
      type: 'validation_error',
    };
    if (validation.param !== undefined) parsed.param = validation.param;
    return parsed;
  }
  if (typeof message === 'string') return { message };
  return undefined;
}

export function parseErrorEnvelope(status: number, bodyText: string): ParsedErrorEnvelope {
  let body: unknown;
  try {
    body = bodyText.length > 0 ? JSON.parse(bodyText) : undefined;
  } catch {
    body = undefined;
  }
  if (isRecord(body)) {
    const parsed = fromObject(body, status);
    if (parsed !== undefined) return { ...parsed, body };
  }
  if (typeof body === 'string' && body.length > 0) return { message: body, body };
  const trimmed = bodyText.trim();
  const message =
    trimmed.length === 0
      ? `HTTP ${status}`
      : trimmed.length > MAX_RAW_MESSAGE_LENGTH
        ? `${trimmed.slice(0, MAX_RAW_MESSAGE_LENGTH)}…`
        : trimmed;
  return body === undefined ? { message } : { message, body };
}
