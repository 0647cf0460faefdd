import type { ControlPlaneConfig, SsoSettings } from '@llm-control-plane/core';

export type SsoRoleMapping = SsoSettings['role_mappings'][number];

/** SSO settings with the environment merged in and defaults applied. */
export type ResolvedSso = {
  /**
   * The issuer ID tokens are checked against. Without it the endpoints are all given (LiteLLM's variables), and
   * the issuer is looked for by discovery beside the authorization endpoint, else identity comes from userinfo.
   */
  issuer: string | undefined;
  clientId: string;
  clientSecret: string | undefined;
  /** Endpoints given explicitly; when both authorization and token endpoints are set, discovery is skipped. */
  endpoints: { authorization?: string; token?: string; userinfo?: string };
  scope: string;
  groupsClaim: string;
  usernameClaim: string | undefined;
  roleMappings: SsoRoleMapping[];
  passwordLogin: boolean;
  /** Where the IdP sends the browser back: `<public URL><base path>/sso/callback`. */
  redirectUri: string;
  autoRedirect: boolean;
};

type Env = Record<string, string | undefined>;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * Reads `general_settings.sso` and LiteLLM's generic-SSO variables (GENERIC_CLIENT_ID, GENERIC_CLIENT_SECRET,
 * GENERIC_AUTHORIZATION_ENDPOINT, GENERIC_TOKEN_ENDPOINT, GENERIC_USERINFO_ENDPOINT, GENERIC_SCOPE, and the
 * optional GENERIC_ISSUER); the config wins. `null` when SSO is not configured.
 */
export function resolveSsoSettings(
  config: ControlPlaneConfig,
  env: Env,
  basePath: string,
): ResolvedSso | null | { problem: string } {
  const settings = config.general_settings ?? {};
  const sso = settings.sso;
  if (sso === undefined) {
    if (nonEmpty(env.GENERIC_CLIENT_ID) !== undefined) {
      return {
        problem:
          'GENERIC_CLIENT_ID is set but general_settings.sso is missing: SSO needs a role table, e.g. ' +
          'general_settings.sso.role_mappings: [{ group: platform-admins, role: admin }]',
      };
    }
    return null;
  }
  const clientId = sso.client_id ?? nonEmpty(env.GENERIC_CLIENT_ID);
  const issuer = sso.issuer ?? nonEmpty(env.GENERIC_ISSUER);
  const publicUrl = nonEmpty(env.PROXY_BASE_URL) ?? settings.control_plane_url;
  const endpoints: ResolvedSso['endpoints'] = {};
  const authorization = sso.authorization_endpoint ?? nonEmpty(env.GENERIC_AUTHORIZATION_ENDPOINT);
  const token = sso.token_endpoint ?? nonEmpty(env.GENERIC_TOKEN_ENDPOINT);
  const userinfo = sso.userinfo_endpoint ?? nonEmpty(env.GENERIC_USERINFO_ENDPOINT);
  if (authorization !== undefined) endpoints.authorization = authorization;
  if (token !== undefined) endpoints.token = token;
  if (userinfo !== undefined) endpoints.userinfo = userinfo;
  const missing: string[] = [];
  if (clientId === undefined) missing.push('client_id (or GENERIC_CLIENT_ID)');
  if (issuer === undefined && (authorization === undefined || token === undefined || userinfo === undefined))
    missing.push(
      'issuer (or GENERIC_ISSUER) for discovery, or all of the authorization, token and userinfo endpoints ' +
        '(GENERIC_AUTHORIZATION_ENDPOINT, GENERIC_TOKEN_ENDPOINT, GENERIC_USERINFO_ENDPOINT)',
    );
  if (publicUrl === undefined)
    missing.push('the public URL for the callback: PROXY_BASE_URL or general_settings.control_plane_url');
  if (missing.length > 0 || clientId === undefined || publicUrl === undefined) {
    return { problem: `general_settings.sso is incomplete; set ${missing.join(', ')}` };
  }
  if ((authorization === undefined) !== (token === undefined)) {
    return {
      problem:
        'general_settings.sso: give both the authorization and the token endpoint, or neither (discovery)',
    };
  }
  const urls = { ...(issuer === undefined ? {} : { issuer }), ...endpoints, publicUrl };
  for (const [name, value] of Object.entries(urls)) {
    try {
      const url = new URL(value);
      if (url.protocol !== 'https:' && !isLoopback(url.hostname)) {
        return {
          problem: `general_settings.sso: ${name} must be an https URL (plain http only on loopback)`,
        };
      }
    } catch {
      return { problem: `general_settings.sso: ${name} is not a valid URL` };
    }
  }
  return {
    issuer,
    clientId,
    clientSecret: sso.client_secret ?? nonEmpty(env.GENERIC_CLIENT_SECRET),
    endpoints,
    scope: sso.scope ?? nonEmpty(env.GENERIC_SCOPE) ?? 'openid email profile',
    groupsClaim: sso.groups_claim ?? 'groups',
    usernameClaim: sso.username_claim,
    roleMappings: sso.role_mappings,
    passwordLogin: sso.password_login ?? true,
    redirectUri: `${publicUrl.replace(/\/+$/, '')}${basePath}/sso/callback`,
    autoRedirect:
      settings.auto_redirect_ui_login_to_sso === true || env.AUTO_REDIRECT_UI_LOGIN_TO_SSO === 'true',
  };
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
