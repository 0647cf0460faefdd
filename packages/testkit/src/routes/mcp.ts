import type { RegistrySpec } from '../domain/admin-objects.js';
import {
  allRecords,
  createRecord,
  objectField,
  recordFromPath,
  removeFromPath,
  requireFeature,
  updateRecord,
} from '../domain/admin-objects.js';
import { isoTime } from '../domain/common.js';
import type { RequestContext, RouteDefinition } from '../http/context.js';
import { Reply, route } from '../http/context.js';
import { detailError } from '../http/errors.js';
import { BodyReader } from '../http/validate.js';

const SERVERS: RegistrySpec = {
  collection: 'mcpServers',
  label: 'MCP Server',
  idField: 'server_id',
  nameField: 'server_name',
  generatedId: false,
};
const TOOLSETS: RegistrySpec = {
  collection: 'mcpToolsets',
  label: 'Toolset',
  idField: 'toolset_id',
  nameField: 'toolset_name',
  generatedId: true,
};
const TRANSPORTS = ['sse', 'http', 'stdio'];
const NO_CONTENT = { rawBody: '' };

/** The fields `NewMCPServerRequest` takes; `stdio` servers need a command, the others a url. */
function readServer(body: unknown, requireName: boolean) {
  const reader = new BodyReader(body);
  const serverName = requireName ? reader.requiredString('server_name') : reader.string('server_name');
  const transport = reader.string('transport') ?? 'sse';
  const url = reader.string('url');
  reader.stringArray('allowed_tools');
  reader.stringArray('mcp_access_groups');
  reader.done();
  if (!TRANSPORTS.includes(transport)) {
    throw detailError(400, `transport must be one of ${TRANSPORTS.join(', ')}`);
  }
  if (transport !== 'stdio' && !url) throw detailError(400, 'url is required for sse and http servers');
  return {
    server_name: serverName,
    alias: serverName,
    description: null,
    auth_type: 'none',
    mcp_info: {},
    mcp_access_groups: [],
    allowed_tools: null,
    extra_headers: null,
    ...reader.body,
    transport,
    status: 'unknown',
    last_health_check: null,
    health_check_error: null,
  };
}

function list(context: RequestContext): unknown {
  return allRecords(context, 'mcpServers');
}

function get(context: RequestContext): unknown {
  return recordFromPath(context, SERVERS);
}

function create(context: RequestContext): unknown {
  return new Reply(
    201,
    createRecord(context, SERVERS, () => readServer(context.body, true)),
  );
}

function update(context: RequestContext): unknown {
  const record = updateRecord(
    context,
    SERVERS,
    () => new BodyReader(context.body).requiredString('server_id'),
    (stored) => readServer({ ...stored, ...objectField('body', context.body) }, false),
  );
  return new Reply(202, record);
}

function remove(context: RequestContext): unknown {
  removeFromPath(context, SERVERS);
  return new Reply(202, null, NO_CONTENT);
}

/** Every server answers healthy: the emulator has no upstream MCP servers to call. */
function health(context: RequestContext): unknown {
  const records = requireFeature(context, 'mcpServers');
  const wanted = context.query.getAll('server_ids');
  const checkedAt = isoTime(context.now);
  return [...records.values()]
    .filter((record) => wanted.length === 0 || wanted.includes(record.server_id as string))
    .map((record) => ({
      server_id: record.server_id,
      status: 'healthy',
      last_health_check: checkedAt,
      error: null,
    }));
}

function readToolset(body: unknown, requireName: boolean) {
  const reader = new BodyReader(body);
  if (requireName) reader.requiredString('toolset_name');
  reader.array('tools');
  reader.done();
  return { description: null, tools: [], ...reader.body };
}

function listToolsets(context: RequestContext): unknown {
  return allRecords(context, 'mcpToolsets');
}

function getToolset(context: RequestContext): unknown {
  return recordFromPath(context, TOOLSETS);
}

function createToolset(context: RequestContext): unknown {
  return createRecord(context, TOOLSETS, () => readToolset(context.body, true));
}

function updateToolset(context: RequestContext): unknown {
  return updateRecord(
    context,
    TOOLSETS,
    () => new BodyReader(context.body).requiredString('toolset_id'),
    (stored) => readToolset({ ...stored, ...objectField('body', context.body) }, false),
  );
}

function removeToolset(context: RequestContext): unknown {
  removeFromPath(context, TOOLSETS);
  return new Reply(202, null, NO_CONTENT);
}

export const mcpRoutes: RouteDefinition[] = [
  route('GET', '/v1/mcp/server', 'any', list),
  route('GET', '/v1/mcp/server/health', 'any', health),
  route('GET', '/v1/mcp/server/{server_id}', 'any', get),
  route('POST', '/v1/mcp/server', 'admin', create),
  route('PUT', '/v1/mcp/server', 'admin', update),
  route('DELETE', '/v1/mcp/server/{server_id}', 'admin', remove),
  route('GET', '/v1/mcp/toolset', 'any', listToolsets),
  route('POST', '/v1/mcp/toolset', 'admin', createToolset),
  route('PUT', '/v1/mcp/toolset', 'admin', updateToolset),
  route('GET', '/v1/mcp/toolset/{toolset_id}', 'any', getToolset),
  route('DELETE', '/v1/mcp/toolset/{toolset_id}', 'admin', removeToolset),
];
