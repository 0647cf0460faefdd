import { ApiError, errorFromBody } from './errors.js';
import { joinUrl } from './query.js';

/**
 * Sessions for workers the control plane holds no credential for: the browser logs in to the worker
 * itself and keeps one token per worker in sessionStorage, so switching workers never logs anyone out.
 */
export type WorkerSession = { token: string; subject: string | null; expiresAt: string | null };

const STORAGE_PREFIX = 'llm-control-plane.worker-session.';

function sessionStorageOrNull(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function readWorkerSession(workerId: string): WorkerSession | null {
  const raw = sessionStorageOrNull()?.getItem(STORAGE_PREFIX + workerId);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as WorkerSession;
    if (typeof session.token !== 'string') return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
      clearWorkerSession(workerId);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveWorkerSession(workerId: string, session: WorkerSession): void {
  sessionStorageOrNull()?.setItem(STORAGE_PREFIX + workerId, JSON.stringify(session));
}

export function clearWorkerSession(workerId: string): void {
  sessionStorageOrNull()?.removeItem(STORAGE_PREFIX + workerId);
}

function decodeJwtClaims(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const json = decodeURIComponent(
      Array.from(
        atob(padded),
        (character) => `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`,
      ).join(''),
    );
    const claims: unknown = JSON.parse(json);
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * LiteLLM's UI token is a JWT whose `key` claim is the session virtual key the worker accepts as a
 * bearer; a token that is not such a JWT is used as the bearer itself.
 */
function sessionFromToken(token: string): WorkerSession {
  const claims = decodeJwtClaims(token);
  const key = claims && typeof claims.key === 'string' ? claims.key : null;
  const subject =
    claims && typeof claims.user_email === 'string'
      ? claims.user_email
      : claims && typeof claims.user_id === 'string'
        ? claims.user_id
        : null;
  const expiresAt =
    claims && typeof claims.exp === 'number' ? new Date(claims.exp * 1000).toISOString() : null;
  return { token: key ?? token, subject, expiresAt };
}

async function postJson(
  fetchImplementation: typeof fetch,
  url: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<{ status: number; body: unknown; requestId: string | null }> {
  let response: Response;
  try {
    response = await fetchImplementation(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      signal,
    });
  } catch (error) {
    throw new ApiError({
      status: 0,
      code: 'worker_unreachable',
      message: `Cannot reach the worker at ${new URL(url).origin} from this browser (${error instanceof Error ? error.message : String(error)}). It may be down or not allow this origin (CORS).`,
    });
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed, requestId: response.headers.get('x-litellm-call-id') };
}

function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** LiteLLM's control-plane login: `/v3/login` gives a one-time code, `/v3/login/exchange` the token. */
export async function loginToWorker(options: {
  fetch: typeof fetch;
  workerUrl: string;
  username: string;
  password: string;
  signal?: AbortSignal;
}): Promise<WorkerSession> {
  const credentials = { username: options.username, password: options.password };
  let login = await postJson(
    options.fetch,
    joinUrl(options.workerUrl, '/v3/login'),
    credentials,
    options.signal,
  );
  if (login.status === 404) {
    // Workers without `control_plane_url` have no /v3 routes; /v2/login answers the token directly.
    login = await postJson(
      options.fetch,
      joinUrl(options.workerUrl, '/v2/login'),
      credentials,
      options.signal,
    );
  }
  if (login.status < 200 || login.status >= 300)
    throw errorFromBody(login.status, login.body, login.requestId);
  const directToken = field(login.body, 'token');
  if (directToken) return sessionFromToken(directToken);
  const code = field(login.body, 'code');
  if (!code) {
    // LiteLLM before 1.83.10 puts the token of /v2/login only in a cookie of its own origin.
    throw new ApiError({
      status: 502,
      code: 'worker_login_unsupported',
      message:
        'This LiteLLM version gives a browser on another origin no token: it needs LiteLLM ≥ 1.83.10, or ' +
        '≥ 1.83.3 with general_settings.control_plane_url. Otherwise give the control plane a credential ' +
        'for this worker (api_key, or ui_username and ui_password) and it logs in itself.',
    });
  }
  const exchange = await postJson(
    options.fetch,
    joinUrl(options.workerUrl, '/v3/login/exchange'),
    { code },
    options.signal,
  );
  if (exchange.status < 200 || exchange.status >= 300) {
    throw errorFromBody(exchange.status, exchange.body, exchange.requestId);
  }
  const token = field(exchange.body, 'token');
  if (!token)
    throw new ApiError({ status: 502, code: 'worker_bad_response', message: 'The worker sent no token.' });
  return sessionFromToken(token);
}
