import { BlockList, isIP } from 'node:net';

/*
 * The one place that decides whether a worker URL is acceptable, for the config file, the SDK and the
 * server's runtime registry alike.
 */

export type WorkerUrlOptions = {
  /**
   * Host rules for workers added at run time (`general_settings.allowed_worker_hosts`). When given, even
   * empty, cloud metadata addresses are refused unless listed exactly, and a non-empty list refuses every
   * host it does not match.
   */
  allowedHosts?: readonly string[] | undefined;
};

/**
 * Checks a worker base URL and returns it normalised: lowercase scheme and host, default port dropped,
 * trailing slashes removed (a path prefix such as `/litellm` is kept). With `allowedHosts`, the host rules
 * apply as well. Throws an Error whose message gives the reason; the message never repeats the URL,
 * which may hold a secret.
 */
export function validateWorkerUrl(url: string, options: WorkerUrlOptions = {}): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('URL is not valid: expected an absolute http or https URL such as http://10.0.0.5:4000');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`URL must use http or https (got "${parsed.protocol}")`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new Error('URL must not contain credentials (user:password@host); put the credential in api_key');
  }
  if (parsed.hostname === '') {
    throw new Error('URL must name a host');
  }
  // A base URL is joined with API paths, so a query or fragment would end up in the wrong place.
  if (parsed.search !== '' || parsed.hash !== '') {
    throw new Error('URL must not contain a query string or fragment');
  }
  const pathname = parsed.pathname.replace(/\/+$/, '');
  const normalised = `${parsed.protocol}//${parsed.host}${pathname}`;
  if (options.allowedHosts !== undefined) {
    const problem = workerHostProblem(normalised, options.allowedHosts);
    if (problem !== null) throw new Error(problem);
  }
  return normalised;
}

/**
 * Addresses of cloud metadata services: the classic SSRF target. Refused unless the allow-list names
 * them explicitly, even when no allow-list is configured.
 */
const METADATA_HOSTS: readonly string[] = [
  '169.254.169.254',
  '169.254.170.2',
  'fd00:ec2::254',
  '100.100.100.200',
  'metadata.google.internal',
  'metadata.goog',
];

/**
 * Checks the host of a normalised worker URL against `general_settings.allowed_worker_hosts`.
 * Entries: an exact host name or IP (`10.0.0.5`, `::1`), a wildcard for subdomains (`*.internal.example`),
 * an IP range in CIDR notation (`10.0.0.0/8`, `fd00::/8`), any of these with `:port` to pin the port
 * (`workers.internal:4000`, `[::1]:4000`). Returns the reason for a refusal, or null when allowed.
 *
 * The check is on the name as written: it does not resolve DNS, so list names only in zones you control.
 */
function workerHostProblem(url: string, allowList: readonly string[] | undefined): string | null {
  const parsed = new URL(url);
  const host = normaliseHost(parsed.hostname);
  const port = parsed.port === '' ? (parsed.protocol === 'https:' ? '443' : '80') : parsed.port;
  const entries = (allowList ?? []).map((entry) => entry.trim()).filter((entry) => entry !== '');
  const matchesEntry = entries.some((entry) => matches(entry, host, port));

  if (isMetadataHost(host) && !entries.some((entry) => exactlyNames(entry, host))) {
    return `host ${host} is a cloud metadata address and is refused unless general_settings.allowed_worker_hosts lists it exactly`;
  }
  if (entries.length === 0 || matchesEntry) return null;
  return `host ${host}${parsed.port === '' ? '' : `:${parsed.port}`} is not in general_settings.allowed_worker_hosts`;
}

function normaliseHost(hostname: string): string {
  let host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  // IPv4-mapped IPv6 (::ffff:a9fe:a9fe) reaches the IPv4 address; judge it as that address.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped !== null) {
    const high = Number.parseInt(mapped[1] ?? '0', 16);
    const low = Number.parseInt(mapped[2] ?? '0', 16);
    host = [high >> 8, high & 255, low >> 8, low & 255].join('.');
  } else if (host.startsWith('::ffff:') && isIP(host.slice(7)) === 4) {
    host = host.slice(7);
  }
  return host;
}

function isMetadataHost(host: string): boolean {
  return METADATA_HOSTS.some((candidate) => sameAddress(candidate, host));
}

function sameAddress(left: string, right: string): boolean {
  if (left === right) return true;
  const family = isIP(left);
  if (family === 0 || family !== isIP(right)) return false;
  const list = new BlockList();
  list.addAddress(left, family === 4 ? 'ipv4' : 'ipv6');
  return list.check(right, family === 4 ? 'ipv4' : 'ipv6');
}

/** Splits `host`, `host:port`, `[v6]:port` and `v6` (no port) into parts. */
function splitEntry(entry: string): { pattern: string; port: string | null } {
  const lowered = entry.toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(lowered);
  if (bracketed !== null) return { pattern: bracketed[1] ?? '', port: bracketed[2] ?? null };
  if (isIP(lowered.split('/')[0] ?? '') === 6) return { pattern: lowered, port: null };
  const withPort = /^(.+):(\d+)$/.exec(lowered);
  if (withPort !== null) return { pattern: withPort[1] ?? '', port: withPort[2] ?? null };
  return { pattern: lowered, port: null };
}

function exactlyNames(entry: string, host: string): boolean {
  const { pattern } = splitEntry(entry);
  return !pattern.includes('*') && !pattern.includes('/') && sameAddress(normaliseHost(pattern), host);
}

function matches(entry: string, host: string, port: string): boolean {
  const { pattern, port: pinnedPort } = splitEntry(entry);
  if (pinnedPort !== null && pinnedPort !== port) return false;
  if (pattern.startsWith('*.')) {
    const suffix = pattern.slice(1);
    return isIP(host) === 0 && host.endsWith(suffix) && host.length > suffix.length;
  }
  if (pattern.includes('/')) {
    const [network = '', prefixText = ''] = pattern.split('/');
    const family = isIP(network);
    const prefix = Number(prefixText);
    if (family === 0 || isIP(host) !== family || !Number.isInteger(prefix)) return false;
    if (prefix < 0 || prefix > (family === 4 ? 32 : 128)) return false;
    const list = new BlockList();
    list.addSubnet(network, prefix, family === 4 ? 'ipv4' : 'ipv6');
    return list.check(host, family === 4 ? 'ipv4' : 'ipv6');
  }
  return sameAddress(normaliseHost(pattern), host);
}
