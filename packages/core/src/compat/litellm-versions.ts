/**
 * Which LiteLLM version brought which part of the admin surface, so that callers can say
 * "needs LiteLLM ≥ X" instead of failing on an older worker. Versions come from LiteLLM's release
 * notes (the first release whose notes list the change).
 */
export const LITELLM_FEATURES = {
  /** Form `POST /login` answering 303 with a `token` cookie: every version with a UI login. */
  form_login: { since: '1.0.0', summary: 'form POST /login (303 and token cookie)' },
  /** JSON `POST /v2/login` answering 200 `{redirect_url}` and a `token` cookie (PR #17443). */
  v2_login: { since: '1.80.8', summary: 'POST /v2/login' },
  /** `token` in the `/v2/login` body, readable by a browser on another origin (PR #23532). */
  v2_login_body_token: { since: '1.83.10', summary: 'the token in the /v2/login body' },
  /** `/v3/login` + `/v3/login/exchange`, when the worker sets `control_plane_url` (PR #24217). */
  v3_login: { since: '1.83.3', summary: 'POST /v3/login and /v3/login/exchange' },
  /**
   * `PATCH /model/{model_id}/update`: already in the route lists of mid-2025 (1.7x), the oldest
   * generation this project supports.
   */
  model_patch: { since: '1.70.0', summary: 'PATCH /model/{model_id}/update' },
} as const satisfies Record<string, { since: string; summary: string }>;

export type LiteLLMFeature = keyof typeof LITELLM_FEATURES;

export type LiteLLMVersion = readonly [major: number, minor: number, patch: number];

/**
 * Parses what LiteLLM reports as `litellm_version` and what its tags look like: `1.83.10`,
 * `v1.83.10-stable`, `main-v1.82.3-nightly`, `1.81.0.rc1`, `1.79`. Null when there is no version in it.
 */
export function parseLiteLLMVersion(value: string | null | undefined): LiteLLMVersion | null {
  if (typeof value !== 'string') return null;
  const match = /(?:^|[^0-9.])v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(` ${value.trim()}`);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), match[3] === undefined ? 0 : Number(match[3])];
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareLiteLLMVersions(a: LiteLLMVersion, b: LiteLLMVersion): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** True or false when the version is known, undefined when it is not (then try and see). */
export function litellmSupports(
  version: string | null | undefined,
  feature: LiteLLMFeature,
): boolean | undefined {
  const parsed = parseLiteLLMVersion(version);
  if (parsed === null) return undefined;
  const since = parseLiteLLMVersion(LITELLM_FEATURES[feature].since) as LiteLLMVersion;
  return compareLiteLLMVersions(parsed, since) >= 0;
}

/** `"POST /v3/login and /v3/login/exchange needs LiteLLM ≥ 1.83.3"`. */
export function featureRequirement(feature: LiteLLMFeature): string {
  const { since, summary } = LITELLM_FEATURES[feature];
  return `${summary} needs LiteLLM ≥ ${since}`;
}

/** Whether a browser on the control plane's origin can log in to a worker itself. */
export type BrowserLoginSupport = {
  /** null when the worker's version is not known. */
  possible: boolean | null;
  /** What it takes, when it is not simply possible. */
  note: string | null;
};

/**
 * A browser cannot read a cookie of another origin, so it needs the token in a response body: the
 * `/v3/login` code exchange (with `control_plane_url` on the worker) or the `/v2/login` body token.
 */
export function browserLoginSupport(version: string | null | undefined): BrowserLoginSupport {
  const bodyToken = litellmSupports(version, 'v2_login_body_token');
  if (bodyToken === undefined) return { possible: null, note: null };
  if (bodyToken) return { possible: true, note: null };
  if (litellmSupports(version, 'v3_login')) {
    return {
      possible: true,
      note: 'the worker must set general_settings.control_plane_url (its /v2/login keeps the token in a cookie)',
    };
  }
  return {
    possible: false,
    note:
      `LiteLLM ${version} hands a browser on another origin no token (${featureRequirement('v3_login')}, ` +
      `${featureRequirement('v2_login_body_token')}). Give the control plane this worker's api_key, or ` +
      'ui_username and ui_password, and it logs in itself.',
  };
}
