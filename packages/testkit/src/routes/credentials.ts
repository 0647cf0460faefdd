import type { AdminRecord, RegistrySpec } from '../domain/admin-objects.js';
import {
  allRecords,
  createRecord,
  masked,
  objectField,
  recordFromPath,
  removeFromPath,
  updateRecord,
} from '../domain/admin-objects.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { route } from '../http/context.js';
import { BodyReader } from '../http/validate.js';

const CREDENTIALS: RegistrySpec = {
  collection: 'credentials',
  label: 'Credential',
  idField: 'credential_name',
  nameField: 'credential_name',
  generatedId: false,
};

/** Every value masked: credential values are write-only on LiteLLM. */
function present(record: AdminRecord): AdminRecord {
  return { ...record, credential_values: masked(record.credential_values, true) };
}

function list(context: RequestContext): unknown {
  return { credentials: allRecords(context, 'credentials').map(present) };
}

function get(context: RequestContext): unknown {
  return present(recordFromPath(context, CREDENTIALS));
}

function create(context: RequestContext): unknown {
  createRecord(context, CREDENTIALS, () => {
    const reader = new BodyReader(context.body);
    const name = reader.requiredString('credential_name');
    reader.object('credential_values');
    reader.object('credential_info');
    reader.done();
    return {
      credential_name: name,
      credential_values: objectField('credential_values', reader.body.credential_values),
      credential_info: objectField('credential_info', reader.body.credential_info),
    };
  });
  return { success: true, message: 'Credential created successfully' };
}

/** PATCH merges the values and info it is given; the rest of the credential stays. */
function update(context: RequestContext): unknown {
  updateRecord(
    context,
    CREDENTIALS,
    () => context.params[0]!,
    (record) => {
      const reader = new BodyReader(context.body);
      reader.object('credential_values');
      reader.object('credential_info');
      reader.done();
      return {
        ...record,
        credential_values: {
          ...objectField('', record.credential_values),
          ...objectField('credential_values', reader.body.credential_values),
        },
        credential_info: {
          ...objectField('', record.credential_info),
          ...objectField('credential_info', reader.body.credential_info),
        },
      };
    },
  );
  return { success: true, message: 'Credential updated successfully' };
}

function remove(context: RequestContext): unknown {
  removeFromPath(context, CREDENTIALS);
  return { success: true, message: 'Credential deleted successfully' };
}

export const credentialRoutes: RouteDefinition[] = [
  route('GET', '/credentials', 'viewer', list),
  route('GET', '/credentials/by_name/{credential_name}', 'viewer', get),
  route('POST', '/credentials', 'admin', create),
  route('PATCH', '/credentials/{credential_name}', 'admin', update),
  route('DELETE', '/credentials/{credential_name}', 'admin', remove),
];
