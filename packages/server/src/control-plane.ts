import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { ControlPlaneConfig } from '@llm-control-plane/core';
import { Fleet, type FleetMonitor, type FleetOptions } from '@llm-control-plane/sdk';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './app-context.js';
import { createAuditLog } from './audit.js';
import { access } from './auth/access.js';
import { createAuthenticator, resolveAuthSettings } from './auth/authenticator.js';
import { createLoginThrottle, type LoginThrottle, type LoginThrottleOptions } from './auth/login-throttle.js';
import { authenticationMiddleware } from './auth/middleware.js';
import { type ResolvedSso, resolveSsoSettings } from './auth/sso/settings.js';
import { ApiError, errorResponse, toApiError } from './errors.js';
import { accessLog } from './http/access-log.js';
import { createRelayDecisions } from './http/relay-decisions.js';
import { createRelayFastPath, type RelayFastPath, type StackHeaders } from './http/relay-fast-path.js';
import { requestIdMiddleware } from './http/request-id.js';
import { MAX_BODY_BYTES, queryLimits } from './http/request-limits.js';
import { corsMiddleware, type ListenAddress, loopbackGuard, rawPathGuard } from './http/security.js';
import { createJsonLogger, type Logger } from './logger.js';
import { type ControlPlaneMetrics, createMetrics } from './metrics/metrics.js';
import { createCredentialSecrets, credentialSecretFrom } from './registry/secrets.js';
import { type RegistrySync, startRegistrySync } from './registry/sync.js';
import { auditRoutes } from './routes/audit.js';
import { isHttps, loginRoutes, sessionRoutes } from './routes/auth.js';
import { discoveryRoutes } from './routes/discovery.js';
import { type FleetRouteOptions, fleetRoutes } from './routes/fleet.js';
import { fleetObjectRoutes } from './routes/fleet-objects.js';
import { healthRoutes } from './routes/health.js';
import { lockoutRoutes } from './routes/lockouts.js';
import {
  countedAuditLog,
  fanOutMetrics,
  loginMetrics,
  metricsRoutes,
  relayMetrics,
} from './routes/metrics.js';
import { openApiRoutes } from './routes/openapi.js';
import { type RegistryRouteOptions, registryRoutes } from './routes/registry.js';
import { relayRoutes } from './routes/relay.js';
import { ssoRoutes } from './routes/sso.js';
import { isAdminUiDisabled, locateUiAssets, uiRoutes } from './routes/ui.js';
import { userRoutes } from './routes/users.js';
import { workerRoutes } from './routes/workers.js';
import { DEFAULT_DATA_DIR, openStore } from './storage/index.js';
import type { ControlPlaneStore } from './storage/types.js';

/** Options of `hono/secure-headers` on every response, including those the app never sees (see start.ts). */
export const SECURE_HEADERS_OPTIONS = {
  crossOriginResourcePolicy: 'same-origin',
  referrerPolicy: 'no-referrer',
} as const;

export { MAX_BODY_BYTES } from './http/request-limits.js';

/** See ControlPlaneOptions.sessionCacheMs. */
export const DEFAULT_SESSION_CACHE_MS = 2000;

export type ControlPlaneOptions = {
  config: ControlPlaneConfig;
  /** A fleet to use instead of one built from `config`; the caller keeps ownership (close() leaves it open). */
  fleet?: Fleet;
  /** Options of the fleet built from `config` (ignored when `fleet` is given). */
  fleetOptions?: FleetOptions;
  /** A store to use instead of opening one; the caller keeps ownership. */
  store?: ControlPlaneStore;
  /** Directory of the embedded store when no database_url is configured. @default './.control-plane' */
  dataDir?: string;
  /** @default JSON lines on stderr, level `warn` */
  logger?: Logger;
  /** Environment consulted for LITELLM_MASTER_KEY, UI_USERNAME, UI_PASSWORD, DISABLE_ADMIN_UI. @default {} */
  env?: Record<string, string | undefined>;
  now?: () => number;
  /** Built UI directory; `false` disables the UI; default: `uiAssetsDir` of `@llm-control-plane/ui/assets`. */
  uiAssetsDir?: string | false;
  /** Path prefix the whole app is served under (also reported as `server_root_path`). @default '' */
  basePath?: string;
  /** Health probe interval of the background monitor. @default 10_000 */
  monitorIntervalMs?: number;
  /** Poll interval of the runtime registry (other replicas' changes). @default 1000 */
  registryIntervalMs?: number;
  /**
   * How long one fleet overview fan-out answers every caller (concurrent callers always share the one in
   * flight); 0 turns the reuse of finished fan-outs off. @default 2000
   */
  overviewCacheMs?: number;
  /**
   * How long a verified session token is reused without re-checking its signature, revocation and user
   * record. Logout and user changes through this process apply at once; changes made through another
   * replica apply within this time. 0 checks every request. @default 2000
   */
  sessionCacheMs?: number;
  /**
   * Where the server listens, once known. When it is a loopback address, Host and Origin headers are
   * checked against DNS rebinding. `startControlPlane` sets it.
   */
  listenAddress?: () => ListenAddress | undefined;
  /** Sign-in throttling: failures per username and address, progressive delay, lock-out per username. */
  loginThrottle?: LoginThrottleOptions;
};

export type ControlPlane = {
  app: Hono<AppEnv>;
  fleet: Fleet;
  store: ControlPlaneStore;
  /**
   * A Node request listener that serves relayed reads without going through `app` (same checks, same
   * answers, less work per call); it returns false, untouched, for every other request. `startControlPlane`
   * puts it in front of the app; a server of your own can do the same.
   */
  relayFastPath: RelayFastPath;
  /** Stops the monitor and the registry sync, then closes what this control plane opened. Idempotent. */
  close(): Promise<void>;
};

function normaliseBasePath(basePath: string | undefined): string {
  if (basePath === undefined || basePath === '' || basePath === '/') return '';
  const trimmed = `/${basePath.replace(/^\/+|\/+$/g, '')}`;
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(trimmed))
    throw new TypeError('basePath must look like /segment[/segment]');
  return trimmed;
}

/**
 * Builds the control plane: a Hono app with every route, error handling and security middleware, plus
 * the fleet, the store, the background health monitor and the runtime registry sync.
 */
export async function createControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const config = options.config;
  const env = options.env ?? {};
  const now = options.now ?? Date.now;
  const basePath = normaliseBasePath(options.basePath);
  const settings = config.general_settings ?? {};
  const authSettings = resolveAuthSettings(config, env);
  if ('problem' in authSettings) throw new TypeError(authSettings.problem);
  const sso = resolveSsoSettings(config, env, basePath);
  if (sso !== null && 'problem' in sso) throw new TypeError(sso.problem);
  const logger =
    options.logger ?? createJsonLogger({ level: 'warn', secrets: () => [authSettings.masterKey] });

  const ownsStore = options.store === undefined;
  const store =
    options.store ??
    (await openStore({
      ...(settings.database_url === undefined ? {} : { databaseUrl: settings.database_url }),
      dataDir: options.dataDir ?? DEFAULT_DATA_DIR,
      durability: settings.embedded_store_durability,
    }));

  const ownsFleet = options.fleet === undefined;
  const fleet = options.fleet ?? Fleet.fromConfig(config, options.fleetOptions);

  let monitor: FleetMonitor | undefined;
  let metrics: ControlPlaneMetrics | undefined;
  let registrySync: RegistrySync | undefined;
  const secret = credentialSecretFrom(config, env);
  const secrets = secret === undefined ? undefined : createCredentialSecrets(secret);
  const cleanUp = async () => {
    metrics?.close();
    monitor?.stop();
    registrySync?.stop();
    if (ownsFleet) await fleet.close();
    if (ownsStore) await store.close();
  };

  try {
    registrySync = startRegistrySync({
      store,
      fleet,
      configWorkers: config.worker_registry ?? [],
      secrets,
      intervalMs: options.registryIntervalMs ?? 1000,
      onError: (error, context) =>
        logger.warn('registry sync failed', {
          error,
          ...(context.workerId ? { worker_id: context.workerId } : {}),
        }),
    });
    await registrySync.refresh();
  } catch (error) {
    await cleanUp();
    throw error;
  }

  metrics = createMetrics(fleet);
  const deps: AppDeps = {
    store,
    fleet,
    config,
    audit: countedAuditLog(createAuditLog(store, logger), metrics),
    access,
    logger,
    relayDecisions: createRelayDecisions(),
    now,
  };
  const throttle = createLoginThrottle({
    store: store.logins,
    audit: deps.audit,
    now,
    ...(options.loginThrottle === undefined ? {} : { options: options.loginThrottle }),
  });
  let app: Hono<AppEnv>;
  let fastPath: RelayFastPath;
  try {
    const authenticator = createAuthenticator({
      settings: authSettings,
      store,
      now,
      sessionCacheMs: options.sessionCacheMs ?? DEFAULT_SESSION_CACHE_MS,
    });
    const listenAddress = options.listenAddress ?? (() => undefined);
    const origins = originsOf(deps);
    fastPath = createRelayFastPath({
      deps,
      authenticator,
      metrics,
      loopback: { listenAddress, allowedOrigins: origins.trustedOrigins },
      basePath,
      headers: await stackHeaders(origins.corsOrigins),
      reportFailure: (error, request) => reportFailure(logger, error, request),
    });
    app = buildApp(deps, {
      env,
      basePath,
      authenticator,
      listenAddress,
      uiAssetsDir: locateUiAssets(options.uiAssetsDir),
      throttle,
      fleetRoutes: options.overviewCacheMs === undefined ? {} : { overviewCacheMs: options.overviewCacheMs },
      registry: { sync: registrySync, ...(secrets === undefined ? {} : { secrets }) },
      metrics,
      sso,
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }

  monitor = fleet.monitor({ intervalMs: options.monitorIntervalMs ?? 10_000 });
  metrics.watch(monitor);
  // Revocations only matter until the session would have expired, failures and lock-outs until they end;
  // drop older ones hourly.
  const purgeTimer = setInterval(() => {
    store.sessions.purgeExpired().catch((error: unknown) => logger.warn('session purge failed', { error }));
    throttle.purge().catch((error: unknown) => logger.warn('sign-in throttle purge failed', { error }));
  }, 3_600_000);
  purgeTimer.unref();

  let closing: Promise<void> | undefined;
  return {
    app,
    fleet,
    store,
    relayFastPath: fastPath,
    close() {
      clearInterval(purgeTimer);
      closing ??= cleanUp();
      return closing;
    },
  };
}

type AppOptions = {
  env: Record<string, string | undefined>;
  basePath: string;
  authenticator: ReturnType<typeof createAuthenticator>;
  listenAddress: () => ListenAddress | undefined;
  uiAssetsDir: Promise<string | null>;
  throttle: LoginThrottle;
  fleetRoutes: FleetRouteOptions;
  registry: RegistryRouteOptions;
  metrics: ControlPlaneMetrics;
  sso: ResolvedSso | null;
};

/** Origins allowed by CORS (`*` included), and those trusted as same-site for cookie writes and logins. */
function originsOf(deps: AppDeps): { corsOrigins: string[]; trustedOrigins: string[] } {
  const settings = deps.config.general_settings ?? {};
  const corsOrigins = (settings.cors_allow_origins ?? []).map((origin) => origin.replace(/\/+$/, ''));
  const trustedOrigins = corsOrigins.filter((origin) => origin !== '*');
  if (settings.control_plane_url !== undefined)
    trustedOrigins.push(new URL(settings.control_plane_url).origin);
  return { corsOrigins, trustedOrigins };
}

function notFoundResponse(context: Context<AppEnv>): Response {
  return errorResponse(
    context,
    new ApiError('not_found', 'No such route'),
    context.get('requestId') ?? randomUUID(),
  );
}

/** The envelope error of anything a request failed with; unexpected ones are logged with the request. */
function reportFailure(
  logger: Logger,
  error: unknown,
  request: { requestId: string; method: string; pathname: string },
): ApiError {
  const apiError = toApiError(error);
  if (apiError.status >= 500 && apiError.code === 'internal_error') {
    logger.error('request failed', {
      request_id: request.requestId,
      method: request.method,
      path: request.pathname,
      error,
    });
  }
  return apiError;
}

/** Every error becomes the envelope; unexpected ones are logged with the request they failed. */
function handleErrors(app: Hono<AppEnv>, logger: Logger): void {
  app.onError((error, context) => {
    const requestId = context.get('requestId') ?? randomUUID();
    const apiError = reportFailure(logger, error, {
      requestId,
      method: context.req.method,
      pathname: new URL(context.req.url).pathname,
    });
    return errorResponse(context, apiError, requestId);
  });
  app.notFound(notFoundResponse);
}

/** CORS (when configured) and `cache-control: no-store` on API answers; they come after the guards. */
function apiAnswerHeaders(app: Hono<AppEnv>, corsOrigins: string[]): void {
  const cors = corsMiddleware(corsOrigins);
  if (cors !== undefined) {
    app.use('/api/*', cors);
    app.use('/openapi.json', cors);
  }
  app.use('/api/*', async (context, next) => {
    // Set before the handler so responses built by the context carry it as is; changing headers of a
    // finished response afterwards turns it into a stream and costs the Node adapter its fast path.
    context.header('cache-control', 'no-store');
    await next();
    if (context.res.headers.get('cache-control') !== 'no-store') context.header('cache-control', 'no-store');
  });
}

/**
 * The headers the middleware above adds to an answer to a request without Origin, taken once from the
 * middleware itself for the relay fast path: the secure headers alone (answers of the guards), and with
 * CORS and cache-control (every later answer).
 */
async function stackHeaders(corsOrigins: string[]): Promise<StackHeaders> {
  const probe = new Hono<AppEnv>();
  probe.use('*', secureHeaders(SECURE_HEADERS_OPTIONS));
  apiAnswerHeaders(probe, corsOrigins);
  probe.get('*', (context) => context.body(null, 204));
  const headersOf = async (path: string) => {
    const headers: Record<string, string> = {};
    const response = await probe.fetch(new Request(`http://control-plane.invalid${path}`));
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return headers;
  };
  return { guarded: await headersOf('/guarded'), api: await headersOf('/api/probe') };
}

/** What every request passes before any route: request id, access log, headers, origin guards, limits. */
function guardRequests(
  app: Hono<AppEnv>,
  deps: AppDeps,
  options: AppOptions,
  origins: ReturnType<typeof originsOf>,
): void {
  app.use('*', requestIdMiddleware());
  app.use('*', accessLog(deps.logger));
  app.use('*', secureHeaders(SECURE_HEADERS_OPTIONS));
  app.use(
    '*',
    loopbackGuard({ listenAddress: options.listenAddress, allowedOrigins: origins.trustedOrigins }),
  );
  app.use('*', rawPathGuard());
  apiAnswerHeaders(app, origins.corsOrigins);
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError('body_too_large', `Request body is larger than ${MAX_BODY_BYTES} bytes`);
    },
  });
  // Reading methods carry no body; skipping the limiter spares building a full fetch Request per call.
  app.use('/api/*', (context, next) =>
    context.req.method === 'GET' || context.req.method === 'HEAD' ? next() : limitBody(context, next),
  );
  app.use('/api/*', queryLimits());
}

/** Routes answered without a credential: health, discovery and signing in (password and SSO). */
function publicRoutes(app: Hono<AppEnv>, deps: AppDeps, options: AppOptions, trustedOrigins: string[]): void {
  app.route('/', healthRoutes(deps));
  app.route('/', discoveryRoutes(deps, { basePath: options.basePath, env: options.env, sso: options.sso }));
  app.use('/api/v1/auth/login', loginMetrics(options.metrics));
  if (options.sso !== null) {
    const sso = options.sso;
    app.route(
      '/',
      ssoRoutes(deps, {
        settings: sso,
        authenticator: options.authenticator,
        metrics: options.metrics,
        basePath: options.basePath,
        secure: (context) => isHttps(deps, context),
      }),
    );
    if (!sso.passwordLogin) {
      app.post('/api/v1/auth/login', () => {
        throw new ApiError(
          'forbidden',
          `Password login is switched off; sign in with single sign-on at ${options.basePath}/sso/login`,
        );
      });
    }
  }
  app.route(
    '/',
    loginRoutes(deps, {
      authenticator: options.authenticator,
      throttle: options.throttle,
      trustedOrigins,
    }),
  );
}

/** The authentication middleware, then every route that needs a credential. */
function authenticatedRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: AppDeps,
  options: AppOptions,
  trustedOrigins: string[],
): void {
  const authenticate = authenticationMiddleware(options.authenticator, trustedOrigins);
  app.use('/api/*', authenticate);
  app.use('/openapi.json', authenticate);
  app.route('/', metricsRoutes(deps, { metrics: options.metrics, authenticate }));
  app.use('/api/v1/workers/:workerId/admin', relayMetrics(deps, options.metrics));
  app.use('/api/v1/workers/:workerId/admin/*', relayMetrics(deps, options.metrics));
  app.use('/api/*', fanOutMetrics(options.metrics));

  app.route('/', sessionRoutes(deps, { authenticator: options.authenticator }));
  app.route('/', lockoutRoutes(deps));
  app.route('/', workerRoutes(deps));
  app.route('/', registryRoutes(deps, options.registry));
  app.route(
    '/',
    userRoutes(deps, {
      reservedUsernames: [options.authenticator.settings.adminUsername],
      onUserChanged: (username) => options.authenticator.forgetUser(username),
    }),
  );
  app.route('/', relayRoutes(deps));
  app.route('/', fleetRoutes(deps, options.fleetRoutes));
  app.route('/', fleetObjectRoutes(deps));
  app.route('/', auditRoutes(deps));
  app.route('/', openApiRoutes(app));
  // Unknown API paths keep the envelope even when the app is mounted inside another app.
  app.all('/api/*', () => {
    throw new ApiError('not_found', 'No such API route');
  });
}

function buildApp(deps: AppDeps, options: AppOptions): Hono<AppEnv> {
  const origins = originsOf(deps);
  const app = new OpenAPIHono<AppEnv>();
  handleErrors(app, deps.logger);
  guardRequests(app, deps, options, origins);
  // Public routes come before the authentication middleware: a handler that answers ends the chain.
  publicRoutes(app, deps, options, origins.trustedOrigins);
  authenticatedRoutes(app, deps, options, origins.trustedOrigins);
  app.route(
    '/',
    uiRoutes(deps, { assetsDir: options.uiAssetsDir, disabled: isAdminUiDisabled(deps.config, options.env) }),
  );

  if (options.basePath === '') return app;
  const outer = new Hono<AppEnv>();
  outer.notFound(notFoundResponse);
  outer.route(options.basePath, app);
  return outer;
}
