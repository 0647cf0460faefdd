import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-context.js';
import { ApiError } from '../errors.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * Adds `<meta name="cp-config">` telling the UI where the API and its own routes live, and a `<base>` so
 * the build's relative asset URLs resolve from any deep link (`/ui/workers/a/keys`), not only from `/ui/`.
 */
function injectConfig(html: string, config: { apiBase: string; basePath: string }): string {
  const meta =
    `<meta name="cp-config" content='${escapeAttribute(JSON.stringify(config))}'>` +
    `<base href="${escapeAttribute(config.basePath.replace(/\/+$/, ''))}/">`;
  const withoutOld = html
    .replace(/<meta\s+name=["']cp-config["'][^>]*>/gi, '')
    .replace(/<base\s[^>]*>/gi, '');
  if (/<head[^>]*>/i.test(withoutOld)) return withoutOld.replace(/<head[^>]*>/i, (head) => `${head}${meta}`);
  return `${meta}${withoutOld}`;
}

/**
 * True when the admin UI is turned off: `DISABLE_ADMIN_UI=true` in the environment (as in LiteLLM) or
 * `general_settings.disable_admin_ui: true`.
 */
export function isAdminUiDisabled(
  config: AppDeps['config'],
  env: Record<string, string | undefined>,
): boolean {
  return (
    env.DISABLE_ADMIN_UI?.trim().toLowerCase() === 'true' ||
    config.general_settings?.disable_admin_ui === true
  );
}

/** Where the UI's built assets are: the option, else the installed `@llm-control-plane/ui` package. */
export async function locateUiAssets(option: string | false | undefined): Promise<string | null> {
  if (option === false) return null;
  if (typeof option === 'string') return option;
  try {
    // A variable specifier keeps the UI an optional, run-time-only dependency.
    const specifier = '@llm-control-plane/ui/assets';
    const module = (await import(specifier)) as { uiAssetsDir?: unknown };
    return typeof module.uiAssetsDir === 'string' ? module.uiAssetsDir : null;
  } catch {
    return null;
  }
}

function contentSecurityPolicy(deps: AppDeps): string {
  // Browser-direct workers (no stored credential) are called by the UI itself, so their origins are allowed.
  const workerOrigins = new Set<string>();
  for (const entry of deps.fleet.workers()) {
    if (entry.has_credential) continue;
    try {
      workerOrigins.add(new URL(entry.url).origin);
    } catch {
      // Entries are validated by the registry; an unparsable one is simply not allowed.
    }
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${[...workerOrigins].map((origin) => ` ${origin}`).join('')}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * `/ui/*` serves the built UI with an SPA fallback to index.html; `/` redirects to it. Files are
 * resolved inside the assets directory only (real paths compared, so symlinks cannot escape).
 */
export function uiRoutes(
  deps: AppDeps,
  options: { assetsDir: Promise<string | null>; disabled?: boolean },
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  if (options.disabled === true) {
    const disabled = () => {
      throw new ApiError(
        'not_found',
        'The admin UI is disabled (DISABLE_ADMIN_UI or general_settings.disable_admin_ui); the API under ' +
          '/api/v1 is available.',
      );
    };
    app.all('/ui', disabled);
    app.all('/ui/*', disabled);
    app.get('/', disabled);
    return app;
  }

  const notBuilt = (context: Context<AppEnv>): Response => {
    const explanation =
      'The control plane UI is not built. Run `pnpm --filter @llm-control-plane/ui build` (or install ' +
      '@llm-control-plane/ui), then restart. The API under /api/v1 works without it.';
    const accept = context.req.header('accept') ?? '';
    // A person at a browser reads the plain explanation; programs get the usual envelope.
    if (/text\/html/i.test(accept) && !/application\/json/i.test(accept)) {
      context.header('cache-control', 'no-store');
      return context.text(explanation, 503);
    }
    throw new ApiError('ui_not_built', explanation);
  };

  const prefixOf = (context: Context<AppEnv>): string => {
    // routePath includes the mount prefix (e.g. /cp/ui/*), which the request URL cannot spoof.
    const routePath = context.req.routePath;
    const index = routePath.lastIndexOf('/ui');
    return index <= 0 ? '' : routePath.slice(0, index);
  };

  const serveIndex = async (context: Context<AppEnv>, root: string) => {
    let html: string;
    try {
      html = await readFile(join(root, 'index.html'), 'utf8');
    } catch {
      return notBuilt(context);
    }
    const prefix = prefixOf(context);
    context.header('content-security-policy', contentSecurityPolicy(deps));
    context.header('cache-control', 'no-cache');
    return context.html(injectConfig(html, { apiBase: `${prefix}/api/v1`, basePath: `${prefix}/ui` }));
  };

  const handler = async (context: Context<AppEnv>) => {
    const method = context.req.method;
    if (method !== 'GET' && method !== 'HEAD')
      throw new ApiError('method_not_allowed', 'The UI is read-only');
    const assetsDir = await options.assetsDir;
    if (assetsDir === null) return notBuilt(context);
    let root: string;
    try {
      root = await realpath(resolve(assetsDir));
    } catch {
      return notBuilt(context);
    }
    const pathname = new URL(context.req.url).pathname;
    const marker = `${prefixOf(context)}/ui`;
    const relative = pathname.startsWith(marker) ? pathname.slice(marker.length) : '';
    if (relative === '') return context.redirect(`${marker}/`, 301);
    let segments: string[];
    try {
      segments = relative.split('/').map((segment) => decodeURIComponent(segment));
    } catch {
      throw new ApiError('invalid_path', 'Invalid percent-encoding in the path');
    }
    if (segments.some((segment) => segment === '..' || segment.includes('\0'))) {
      throw new ApiError('invalid_path', 'Invalid path');
    }
    const decoded = segments.join('/');
    // A segment holding an encoded slash or backslash (a worker id in a deep link) never names a file.
    if (segments.some((segment) => segment.includes('/') || segment.includes('\\'))) {
      if (extname(segments.at(-1) ?? '') === '') return serveIndex(context, root);
      throw new ApiError('invalid_path', 'Invalid path');
    }
    if (decoded === '/' || decoded === '/index.html') return serveIndex(context, root);
    const candidate = resolve(root, `.${decoded}`);
    if (candidate.startsWith(root + sep)) {
      try {
        const real = await realpath(candidate);
        const info = await stat(real);
        if (real.startsWith(root + sep) && info.isFile()) {
          const type = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
          const body = await readFile(real);
          const immutable = decoded.startsWith('/assets/');
          return context.body(body, 200, {
            'content-type': type,
            'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          });
        }
      } catch {
        // Fall through to the SPA fallback.
      }
    }
    // Client-side routes (no extension) get the app; a missing file with an extension is a real 404.
    if (extname(decoded) === '') return serveIndex(context, root);
    throw new ApiError('not_found', 'No such file in the UI');
  };

  app.all('/ui', handler);
  app.all('/ui/*', handler);
  app.get('/', (context) => {
    const pathname = new URL(context.req.url).pathname.replace(/\/+$/, '');
    return context.redirect(`${pathname}/ui/`, 302);
  });
  return app;
}
