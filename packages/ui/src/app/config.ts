export type ControlPlaneOptions = {
  /** Base URL of the control-plane API, e.g. `/api/v1` or `https://cp.example/api/v1`. */
  apiBase: string;
  /** Path prefix the UI owns in the browser's URL, e.g. `/ui` or `/portal/llm`. */
  basePath: string;
  /** Replaces `fetch` for every call, e.g. to add a portal's own auth header. */
  fetch?: typeof fetch;
};

const DEFAULT_OPTIONS: ControlPlaneOptions = { apiBase: '/api/v1', basePath: '/ui' };

/** Reads `<meta name="cp-config" content='{"apiBase":…,"basePath":…}'>` injected by the server. */
function readMetaConfig(documentToRead: Document | undefined): Partial<ControlPlaneOptions> {
  const meta = documentToRead?.querySelector('meta[name="cp-config"]');
  const content = meta?.getAttribute('content');
  if (!content) return {};
  try {
    const parsed: unknown = JSON.parse(content);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { apiBase, basePath } = parsed as Record<string, unknown>;
    const result: Partial<ControlPlaneOptions> = {};
    if (typeof apiBase === 'string' && apiBase !== '') result.apiBase = apiBase;
    if (typeof basePath === 'string') result.basePath = basePath;
    return result;
  } catch {
    return {};
  }
}

function normaliseBasePath(basePath: string): string {
  const trimmed = basePath.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Explicit options win over the meta tag, which wins over the defaults. */
export function resolveOptions(
  explicit: Partial<ControlPlaneOptions> | undefined,
  documentToRead: Document | undefined,
): ControlPlaneOptions {
  const meta = readMetaConfig(documentToRead);
  const merged = { ...DEFAULT_OPTIONS, ...meta, ...definedOnly(explicit ?? {}) };
  return { ...merged, basePath: normaliseBasePath(merged.basePath) };
}

function definedOnly(options: Partial<ControlPlaneOptions>): Partial<ControlPlaneOptions> {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<ControlPlaneOptions>;
}
