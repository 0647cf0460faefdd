import { WorkerResponseError } from '../../errors/worker-errors.js';
import type {
  ExchangeCodeResponse,
  LoginCodeResponse,
  LoginRequest,
  LoginResponse,
} from '../schemas/auth.js';
import { ExchangeCodeResponseSchema, LoginCodeResponseSchema, V2LoginBodySchema } from '../schemas/auth.js';
import type { CallOptions, Transport, TransportResponse } from '../transport.js';
import { parseResponseBody } from '../validate.js';
import { requiringFeature } from '../version-gate.js';

export interface AuthResource {
  /**
   * Logs in with the worker's UI credentials and returns its UI JWT, whatever the worker's generation:
   * the `token` of the `/v2/login` body (LiteLLM 1.83.10+), else the `token` cookie of `/v2/login`
   * (1.80.8 to 1.83.9), else the `token` cookie of the form `POST /login` 303, read without following
   * the redirect (older workers, which answer 404 on `/v2/login`).
   */
  login(body: LoginRequest, options?: CallOptions): Promise<LoginResponse>;
  /** `/v3/login` then `/v3/login/exchange`: for workers with `general_settings.control_plane_url`. */
  loginWithControlPlane(body: LoginRequest, options?: CallOptions): Promise<LoginResponse>;
  /** POST /v3/login → one-time { code, expires_in } (needs control_plane_url on the worker). */
  loginWithCode(body: LoginRequest, options?: CallOptions): Promise<LoginCodeResponse>;
  /** POST /v3/login/exchange { code } → { token, redirect_url } */
  exchangeCode(code: string, options?: CallOptions): Promise<ExchangeCodeResponse>;
}

/** Statuses that mean "this worker has no such login route", so an older shape is tried. */
const ROUTE_ABSENT = new Set([404, 405]);

/** The value of the `token` cookie a response sets, if any. */
export function tokenCookie(response: Pick<TransportResponse, 'headers'>): string | undefined {
  const header = response.headers['set-cookie'];
  const cookies = header === undefined ? [] : Array.isArray(header) ? header : [header];
  for (const cookie of cookies) {
    const pair = cookie.split(';', 1)[0] ?? '';
    const separator = pair.indexOf('=');
    if (separator === -1 || pair.slice(0, separator).trim() !== 'token') continue;
    const value = pair
      .slice(separator + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (value !== '') return decodeURIComponent(value);
  }
  return undefined;
}

function missingToken(transport: Transport, route: string, status: number): WorkerResponseError {
  const worker = transport.workerId === undefined ? 'the worker' : `worker "${transport.workerId}"`;
  return new WorkerResponseError(
    `POST ${route} on ${worker} answered ${status} without a token in its body or a token cookie`,
    { workerId: transport.workerId },
  );
}

/** A login POST: never retried, since a repeat would mint a second session. */
function postOnce(
  transport: Transport,
  request: { path: string; body?: unknown; form?: Record<string, string> },
  options: CallOptions,
): Promise<TransportResponse> {
  return transport.send({
    method: 'POST',
    ...request,
    retry: false,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    headers: options.headers,
  });
}

async function formLogin(
  transport: Transport,
  body: LoginRequest,
  options: CallOptions,
): Promise<LoginResponse> {
  const response = await postOnce(
    transport,
    { path: '/login', form: { username: body.username, password: body.password } },
    options,
  );
  if (response.status >= 400) throw transport.apiError(response);
  const token = tokenCookie(response);
  if (token === undefined) throw missingToken(transport, '/login', response.status);
  const location = response.headers.location;
  return {
    token,
    redirect_url: Array.isArray(location) ? location[0] : location,
    source: 'form_cookie',
  };
}

async function v2Login(
  transport: Transport,
  body: LoginRequest,
  options: CallOptions,
): Promise<LoginResponse> {
  const response = await postOnce(transport, { path: '/v2/login', body }, options);
  if (ROUTE_ABSENT.has(response.status)) return formLogin(transport, body, options);
  if (response.status >= 400) throw transport.apiError(response);
  const parsed = parseResponseBody(V2LoginBodySchema, response.bodyText, {
    label: () => 'POST /v2/login',
    status: response.status,
    workerId: transport.workerId,
    contentType: response.contentType,
  });
  const redirectUrl = parsed.redirect_url ?? undefined;
  if (parsed.token) return { token: parsed.token, redirect_url: redirectUrl, source: 'v2_body' };
  const cookie = tokenCookie(response);
  if (cookie !== undefined) return { token: cookie, redirect_url: redirectUrl, source: 'v2_cookie' };
  throw missingToken(transport, '/v2/login', response.status);
}

export function createAuthResource(transport: Transport): AuthResource {
  const loginWithCode = (body: LoginRequest, options?: CallOptions) =>
    requiringFeature('v3_login', () =>
      transport.call({ method: 'POST', path: '/v3/login', body }, LoginCodeResponseSchema, options),
    );
  const exchangeCode = (code: string, options?: CallOptions) =>
    transport.call(
      { method: 'POST', path: '/v3/login/exchange', body: { code } },
      ExchangeCodeResponseSchema,
      options,
    );
  return {
    login: (body: LoginRequest, options: CallOptions = {}) => v2Login(transport, body, options),
    async loginWithControlPlane(body: LoginRequest, options?: CallOptions) {
      const { code } = await loginWithCode(body, options);
      const exchanged = await exchangeCode(code, options);
      return { token: exchanged.token, redirect_url: exchanged.redirect_url, source: 'v3_code' };
    },
    loginWithCode,
    exchangeCode,
  };
}
