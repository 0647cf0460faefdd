import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const SSO_CLIENT_ID = 'control-plane';
export const SSO_CLIENT_SECRET = 'sso-client-secret-0123456789abcdef';

export type TestIdp = {
  issuer: string;
  /** Method and URL of every request the IdP received, in order. */
  requests: string[];
  /** Registers the client with the control plane's callback URL; call once the control plane's URL is known. */
  start(redirectUri: string): void;
  close(): Promise<void>;
};

export type TestIdpOptions = {
  /** Serves the provider under this path, as Keycloak serves a realm under `/realms/<name>`. */
  mountPath?: string;
  /** false answers 404 for the discovery document, as an OAuth server without OpenID discovery does. */
  discovery?: boolean;
};

/**
 * A real OpenID provider (`oidc-provider`) on 127.0.0.1 with its development login and consent pages: any
 * login name is accepted, and `accounts` gives each name its groups.
 */
export async function startTestIdp(
  accounts: Record<string, string[]>,
  options: TestIdpOptions = {},
): Promise<TestIdp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const mountPath = options.mountPath ?? '';
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${mountPath}`;
  const requests: string[] = [];
  return {
    issuer,
    requests,
    start(redirectUri) {
      const provider = new Provider(issuer, {
        interactions: { url: (_context, interaction) => `${mountPath}/interaction/${interaction.uid}` },
        clients: [
          {
            client_id: SSO_CLIENT_ID,
            client_secret: SSO_CLIENT_SECRET,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        claims: { openid: ['sub'], email: ['email'], profile: ['name'], groups: ['groups'] },
        scopes: ['openid', 'email', 'profile', 'groups'],
        // Groups in the ID token as well as from userinfo, as most IdPs are configured for SSO.
        conformIdTokenClaims: false,
        pkce: { required: () => true },
        cookies: { keys: ['test-idp-cookie-key'] },
        ttl: {
          IdToken: 300,
          AccessToken: 300,
          AuthorizationCode: 60,
          Interaction: 600,
          Session: 600,
          Grant: 600,
        },
        async findAccount(_context, id) {
          return {
            accountId: id,
            async claims() {
              return {
                sub: id,
                email: `${id}@example.com`,
                name: id,
                ...(accounts[id] ? { groups: accounts[id] } : {}),
              };
            },
          };
        },
      });
      const handle = provider.callback();
      server.on('request', (request: IncomingMessage & { originalUrl?: string }, response) => {
        const url = request.url ?? '/';
        requests.push(`${request.method} ${url}`);
        if (
          (options.discovery === false && url.includes('/.well-known/openid-configuration')) ||
          !url.startsWith(`${mountPath}/`)
        ) {
          response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
          return;
        }
        // How oidc-provider is mounted under a path: it reads the prefix from originalUrl.
        request.originalUrl = url;
        request.url = url.slice(mountPath.length);
        handle(request, response);
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Jar = Map<string, Map<string, string>>;

function remember(jar: Jar, url: string, response: Response): void {
  const origin = new URL(url).origin;
  const cookies = jar.get(origin) ?? new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(';');
    const [name, ...value] = (pair ?? '').split('=');
    const expired = attributes.some(
      (attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /expires=Thu, 01 Jan 1970/i.test(attribute),
    );
    if (expired || value.join('=') === '') cookies.delete((name ?? '').trim());
    else cookies.set((name ?? '').trim(), value.join('='));
  }
  jar.set(origin, cookies);
}

function cookieHeader(jar: Jar, url: string): string {
  return [...(jar.get(new URL(url).origin) ?? new Map()).entries()]
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

/** A cookie-keeping client that follows no redirect by itself, to drive a sign-in step by step. */
export function browserlessClient() {
  const jar: Jar = new Map();
  return {
    async get(url: string): Promise<Response> {
      const response = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader(jar, url) } });
      remember(jar, url, response);
      return response;
    },
    async postForm(url: string, form: Record<string, string>): Promise<Response> {
      const response = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookieHeader(jar, url), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
      remember(jar, url, response);
      return response;
    },
    cookies(url: string): Map<string, string> {
      return jar.get(new URL(url).origin) ?? new Map();
    },
  };
}

/**
 * Signs `login` in at the IdP from an authorization URL (as the browser would) and returns the URL the IdP
 * sends the browser back to: the control plane's callback with `code` and `state`.
 */
export async function authorizeAtIdp(
  browser: ReturnType<typeof browserlessClient>,
  authorizationUrl: string,
  login: string,
  callbackPrefix: string,
): Promise<string> {
  let location = authorizationUrl;
  for (let step = 0; step < 10; step += 1) {
    if (location.startsWith(callbackPrefix)) return location;
    const response = await browser.get(location);
    const next = response.headers.get('location');
    if (next !== null) {
      location = new URL(next, location).href;
      continue;
    }
    const page = await response.text();
    const prompt = /name="prompt" value="(login|consent)"/.exec(page)?.[1];
    if (prompt === undefined)
      throw new Error(`unexpected IdP page (HTTP ${response.status}): ${page.slice(0, 300)}`);
    const submitted = await browser.postForm(
      location,
      prompt === 'login' ? { prompt, login, password: 'any' } : { prompt },
    );
    const after = submitted.headers.get('location');
    if (after === null)
      throw new Error(`the IdP did not redirect after ${prompt} (HTTP ${submitted.status})`);
    location = new URL(after, location).href;
  }
  throw new Error('the IdP did not send the browser back');
}
