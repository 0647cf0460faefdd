import { createServer } from 'node:net';
import { parseConfig } from '@llm-control-plane/core';
import { type RunningControlPlane, startControlPlane } from '../../src/start.js';
import { MASTER_KEY } from './fixtures.js';
import { createMemoryStore } from './memory-store.js';
import { SSO_CLIENT_ID, SSO_CLIENT_SECRET, startTestIdp, type TestIdp } from './oidc-provider.js';

export const ROLE_MAPPINGS = [
  { group: 'platform-admins', role: 'admin' },
  { group: 'sre', role: 'operator', scope: { labels: { env: 'prod' } } },
  { group: 'support', role: 'viewer', scope: { workers: ['worker-a'] } },
];

const ACCOUNTS: Record<string, string[]> = {
  alice: ['platform-admins', 'support'],
  bob: ['sre', 'support'],
  carol: ['marketing'],
};

export type SsoSetup = {
  idp: TestIdp;
  controlPlane: RunningControlPlane;
  url: string;
  [Symbol.asyncDispose](): Promise<void>;
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A real IdP and a control plane (over HTTP) that signs users in with it. */
export async function startSsoSetup(
  options: {
    sso?: Record<string, unknown>;
    generalSettings?: Record<string, unknown>;
    env?: (issuer: string) => Record<string, string>;
    now?: () => number;
    uiAssetsDir?: string | false;
  } = {},
): Promise<SsoSetup> {
  const idp = await startTestIdp(ACCOUNTS);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = options.env?.(idp.issuer);
  const sso = env
    ? { role_mappings: ROLE_MAPPINGS, ...options.sso }
    : {
        issuer: idp.issuer,
        client_id: SSO_CLIENT_ID,
        client_secret: 'os.environ/SSO_SECRET',
        scope: 'openid email profile groups',
        role_mappings: ROLE_MAPPINGS,
        ...options.sso,
      };
  const { config } = parseConfig(
    JSON.stringify({
      worker_registry: [],
      general_settings: { master_key: MASTER_KEY, control_plane_url: url, sso, ...options.generalSettings },
    }),
    { env: { SSO_SECRET: SSO_CLIENT_SECRET } },
  );
  let controlPlane: RunningControlPlane;
  try {
    controlPlane = await startControlPlane({
      config,
      port,
      store: createMemoryStore(),
      uiAssetsDir: options.uiAssetsDir ?? false,
      monitorIntervalMs: 60_000,
      env: env ?? {},
      ...(options.now ? { now: options.now } : {}),
    });
  } catch (error) {
    await idp.close();
    throw error;
  }
  idp.start(`${url}/sso/callback`);
  return {
    idp,
    controlPlane,
    url,
    async [Symbol.asyncDispose]() {
      await controlPlane.close();
      await idp.close();
    },
  };
}
