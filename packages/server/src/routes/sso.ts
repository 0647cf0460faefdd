import { hkdfSync } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps, AppEnv } from '../app-context.js';
import type { Authenticator } from '../auth/authenticator.js';
import { setSessionCookies } from '../auth/middleware.js';
import { createOidcClient, type PendingSignIn, SsoRefusedError } from '../auth/sso/oidc.js';
import { groupsOf, mapGroups } from '../auth/sso/roles.js';
import type { ResolvedSso } from '../auth/sso/settings.js';
import { createApiApp, route } from '../http/openapi-route.js';
import type { ControlPlaneMetrics } from '../metrics/metrics.js';

const FLOW_COOKIE = 'cp_sso';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A plain page for a refused sign-in: what went wrong and how to go on; no script. */
function refusalPage(
  context: Context<AppEnv>,
  status: ContentfulStatusCode,
  title: string,
  detail: string,
  basePath: string,
) {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
h1{font-size:1.4rem}code{background:#f3f4f6;padding:0 .2rem}</style></head><body>
<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>
<p><a href="${basePath}/sso/login">Try signing in again</a> · <a href="${basePath}/ui/login">Back to the login page</a></p>
<p>Request id: <code>${escapeHtml(context.get('requestId') ?? '')}</code></p></body></html>`;
  context.header('cache-control', 'no-store');
  return context.html(body, status);
}

function isPending(value: unknown): value is PendingSignIn {
  const pending = value as Partial<PendingSignIn> | null;
  return (
    typeof pending?.state === 'string' &&
    typeof pending.nonce === 'string' &&
    typeof pending.verifier === 'string' &&
    typeof pending.expiresAt === 'number'
  );
}

function usernameOf(claims: Record<string, unknown>, subject: string, claim: string | undefined): string {
  for (const name of claim === undefined ? ['email', 'preferred_username'] : [claim]) {
    const value = claims[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return subject;
}

/**
 * `GET /sso/login` (LiteLLM's `/sso/key/generate` too) sends the browser to the identity provider;
 * `GET /sso/callback` completes the sign-in and sets the same session cookie as a password login.
 */
export function ssoRoutes(
  deps: AppDeps,
  options: {
    settings: ResolvedSso;
    authenticator: Authenticator;
    metrics: ControlPlaneMetrics;
    basePath: string;
    secure: (context: Context<AppEnv>) => boolean;
  },
): OpenAPIHono<AppEnv> {
  const app = createApiApp();
  const { settings, basePath } = options;
  const oidc = createOidcClient(settings, deps.now, deps.logger);
  const flowSecret = Buffer.from(
    hkdfSync('sha256', options.authenticator.settings.masterKey, 'llm-control-plane', 'sso-flow-v1', 32),
  );
  const cookiePath = `${basePath}/sso`;

  const begin = async (context: Context<AppEnv>) => {
    let started: Awaited<ReturnType<typeof oidc.begin>>;
    try {
      started = await oidc.begin(deps.now());
    } catch (error) {
      deps.logger.warn('sso unavailable', { error, request_id: context.get('requestId') });
      return refusalPage(context, 502, 'Single sign-on is unavailable', (error as Error).message, basePath);
    }
    // Lax, not Strict: the identity provider's redirect back is a cross-site navigation.
    await setSignedCookie(context, FLOW_COOKIE, JSON.stringify(started.pending), flowSecret, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: options.secure(context),
      path: cookiePath,
      maxAge: 600,
    });
    context.header('cache-control', 'no-store');
    return context.redirect(started.url, 302);
  };
  for (const path of ['/sso/login', '/sso/key/generate']) {
    route(
      app,
      {
        method: 'get',
        path,
        tag: 'auth',
        auth: false,
        summary: 'Start single sign-on: redirects to the identity provider (authorization code + PKCE)',
        responseDescription: '302 to the identity provider',
        status: 302,
      },
      begin,
    );
  }

  const refuse = (context: Context<AppEnv>, status: ContentfulStatusCode, title: string, detail: string) => {
    options.metrics.login('sso', false);
    deps.logger.info('sso sign-in refused', { reason: detail, request_id: context.get('requestId') });
    return refusalPage(context, status, title, detail, basePath);
  };

  route(
    app,
    {
      method: 'get',
      path: '/sso/callback',
      tag: 'auth',
      auth: false,
      summary:
        'Complete single sign-on: checks state, PKCE, nonce and the ID token, then maps groups to a role',
      responseDescription: '303 to the UI with the session cookie set, or an HTML page saying why not',
      status: 303,
    },
    async (context) => {
      const raw = await getSignedCookie(context, flowSecret, FLOW_COOKIE);
      // Single use: whatever happens next, this browser must start again for another attempt.
      deleteCookie(context, FLOW_COOKIE, { path: cookiePath, secure: options.secure(context) });
      let pending: unknown;
      try {
        pending = typeof raw === 'string' ? JSON.parse(raw) : undefined;
      } catch {
        pending = undefined;
      }
      if (!isPending(pending) || pending.expiresAt < deps.now()) {
        return refuse(
          context,
          400,
          'Sign-in expired',
          'This sign-in was not started in this browser or took longer than 10 minutes. Start again.',
        );
      }
      const callbackUrl = new URL(settings.redirectUri);
      callbackUrl.search = new URL(context.req.url).search;
      let identity: Awaited<ReturnType<typeof oidc.complete>>;
      try {
        identity = await oidc.complete(callbackUrl, pending);
      } catch (error) {
        if (!(error instanceof SsoRefusedError)) throw error;
        return refuse(context, 400, 'Sign-in refused', error.message);
      }
      const username = usernameOf(identity.claims, identity.subject, settings.usernameClaim);
      const groups = groupsOf(identity.claims[settings.groupsClaim]);
      const mapped = mapGroups(groups, settings.roleMappings);
      if (mapped === null) {
        return refuse(
          context,
          403,
          'No access to this control plane',
          `You are signed in at the identity provider as ${username}, but none of your groups ` +
            `(${groups.length === 0 ? `no "${settings.groupsClaim}" claim` : groups.join(', ')}) is mapped to a role here. ` +
            'Ask a control-plane admin to add one of them to general_settings.sso.role_mappings.',
        );
      }
      const session = options.authenticator.issueSso(username, mapped.role, mapped.scope);
      setSessionCookies(context, session, options.secure(context));
      options.metrics.login('sso', true);
      deps.logger.info('login', {
        subject: username,
        role: mapped.role,
        method: 'sso',
        request_id: context.get('requestId'),
      });
      context.header('cache-control', 'no-store');
      return context.redirect(`${basePath}/ui/`, 303);
    },
  );
  return app;
}
