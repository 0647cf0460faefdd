import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-context.js';
import type { ResolvedSso } from '../auth/sso/settings.js';
import { type RouteDocs, route } from '../http/route-docs.js';
import { isAdminUiDisabled } from './ui.js';

/** LiteLLM's `UiDiscoveryEndpoints` shape, with `is_control_plane` always true. */
const UiConfigSchema = z.object({
  server_root_path: z.string(),
  proxy_base_url: z.string().nullable(),
  auto_redirect_to_sso: z.boolean(),
  admin_ui_disabled: z.boolean(),
  sso_configured: z.boolean(),
  hide_default_credentials_hint: z.boolean(),
  is_control_plane: z.literal(true),
  workers: z.array(z.object({ worker_id: z.string(), name: z.string(), url: z.string() })),
  /** Not in LiteLLM's document: false when only single sign-on is accepted. */
  password_login_enabled: z.boolean(),
});

/**
 * `/.well-known/litellm-ui-config` and its `/litellm` alias, so LiteLLM's own dashboard can treat this
 * server as its control plane. Public by design: it lists worker names and URLs, never credentials.
 */
export function discoveryRoutes(
  deps: AppDeps,
  docs: RouteDocs,
  options: { basePath: string; env: Record<string, string | undefined>; sso: ResolvedSso | null },
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const settings = deps.config.general_settings ?? {};
  const handler = (context: Context<AppEnv>) => {
    const body: z.infer<typeof UiConfigSchema> = {
      server_root_path: options.basePath === '' ? '/' : options.basePath,
      proxy_base_url: settings.control_plane_url ?? null,
      auto_redirect_to_sso: options.sso?.autoRedirect ?? false,
      admin_ui_disabled: isAdminUiDisabled(deps.config, options.env),
      sso_configured: options.sso !== null,
      hide_default_credentials_hint:
        settings.hide_default_credentials_hint === true ||
        options.env.LITELLM_HIDE_DEFAULT_CREDENTIALS_HINT === 'true',
      is_control_plane: true,
      workers: deps.fleet
        .workers()
        .map((entry) => ({ worker_id: entry.worker_id, name: entry.name, url: entry.url })),
      password_login_enabled: options.sso?.passwordLogin ?? true,
    };
    return context.json(body);
  };
  for (const path of ['/.well-known/litellm-ui-config', '/litellm/.well-known/litellm-ui-config']) {
    route(
      app,
      docs,
      {
        method: 'get',
        path,
        tag: 'discovery',
        auth: false,
        summary: "LiteLLM's UI discovery document (lists workers; no secrets)",
        response: UiConfigSchema,
      },
      handler,
    );
  }
  return app;
}
