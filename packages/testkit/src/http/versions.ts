/**
 * What a worker of a given LiteLLM version serves. The testkit answers 404 on a route its emulated
 * version lacks, as that LiteLLM would, so tests can prove a caller copes with older workers.
 */

export type Version = readonly [number, number, number];

/** `1.83.10`, `v1.83.10-stable`, `1.79` → a comparable triple; null when there is no version in it. */
export function parseVersion(value: string): Version | null {
  const match = /v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(value);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), match[3] === undefined ? 0 : Number(match[3])];
}

export function atLeast(version: Version, minimum: string): boolean {
  const other = parseVersion(minimum) as Version;
  return (version[0] - other[0] || version[1] - other[1] || version[2] - other[2]) >= 0;
}

/** First LiteLLM release that serves each version-gated route (from LiteLLM's release notes). */
const ROUTE_SINCE: Readonly<Record<string, string>> = {
  'POST /v2/login': '1.80.8',
  'POST /v3/login': '1.83.3',
  'POST /v3/login/exchange': '1.83.3',
  'PATCH /model/{model_id}/update': '1.70.0',
};

/** `token` joined the `/v2/login` body in 1.83.10; before that it came only as a cookie. */
export const V2_LOGIN_BODY_TOKEN_SINCE = '1.83.10';

/** True when a worker of this version serves the route (method + template). */
export function servesRoute(version: Version, method: string, template: string): boolean {
  const since = ROUTE_SINCE[`${method} ${template}`];
  return since === undefined || atLeast(version, since);
}
