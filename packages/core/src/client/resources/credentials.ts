import { path } from '../path.js';
import { UnknownResponseSchema } from '../schemas/common.js';
import type {
  Credential,
  CredentialList,
  CredentialPatch,
  CredentialRequest,
} from '../schemas/credentials.js';
import { CredentialListSchema, CredentialSchema } from '../schemas/credentials.js';
import type { CallOptions, Transport } from '../transport.js';
import { createFeatureCaller, deleteByRoute } from './feature.js';

/** Shared provider credentials. Values are write-only: every read answers them masked by the worker. */
export interface CredentialsResource {
  list(options?: CallOptions): Promise<CredentialList>;
  get(name: string, options?: CallOptions): Promise<Credential>;
  create(body: CredentialRequest, options?: CallOptions): Promise<void>;
  update(name: string, body: CredentialPatch, options?: CallOptions): Promise<void>;
  delete(name: string, options?: CallOptions): Promise<void>;
}

const ITEM_ROUTE = '/credentials/{credential_name}';

export function createCredentialsResource(transport: Transport): CredentialsResource {
  const call = createFeatureCaller(transport, 'credentials');
  return {
    /** GET /credentials */
    list: (options) => call({ method: 'GET', path: '/credentials' }, CredentialListSchema, options),
    /** GET /credentials/by_name/{credential_name} */
    get: (name, options) =>
      call(
        {
          method: 'GET',
          path: path`/credentials/by_name/${name}`,
          route: '/credentials/by_name/{credential_name}',
        },
        CredentialSchema,
        options,
      ),
    /** POST /credentials */
    create: async (body, options) => {
      await call({ method: 'POST', path: '/credentials', body }, UnknownResponseSchema, options);
    },
    /** PATCH /credentials/{credential_name} */
    update: async (name, body, options) => {
      await call(
        { method: 'PATCH', path: path`/credentials/${name}`, route: ITEM_ROUTE, body },
        UnknownResponseSchema,
        options,
      );
    },
    /** DELETE /credentials/{credential_name} */
    delete: async (name, options) => {
      await deleteByRoute(call, ITEM_ROUTE, name, options);
    },
  };
}
