import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ControlPlaneApp } from '../src/index.js';
import { signedInFleetPerTest, visit } from './support/fleet-fixtures.js';

describe('admin object pages', () => {
  const server = signedInFleetPerTest();

  it('a worker without the feature shows "not available" with its LiteLLM version, not an error', async () => {
    // FastAPI's bare 404: this worker's LiteLLM has no such route.
    server.on('GET /api/v1/workers/ap-south/admin/v2/guardrails/list', {
      status: 404,
      body: { detail: 'Not Found' },
    });
    visit('/ui/workers/ap-south/guardrails');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    expect(await screen.findByText('Not available on this worker (LiteLLM 1.79.2)')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getAllByRole('link', { name: 'Vector stores' }).length).toBeGreaterThan(0);
  });

  it('a community edition says the feature is an enterprise one', async () => {
    server.on('GET /api/v1/workers/us-east/admin/tag/list', {
      status: 403,
      body: {
        error: {
          message: 'You must be a LiteLLM Enterprise user to use this feature.',
          type: 'auth_error',
          code: '403',
        },
      },
    });
    visit('/ui/workers/us-east/tags');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    expect(
      await screen.findByText('Not available on this worker (LiteLLM 1.80.0, enterprise feature)'),
    ).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('lists a worker’s objects on the shared resource page through core’s typed resources', async () => {
    server.on('GET /api/v1/workers/us-east/admin/v1/mcp/server', {
      body: [{ server_id: 's1', server_name: 'github', url: 'https://gh', allowed_tools: ['a', 'b'] }],
    });
    visit('/ui/workers/us-east/mcp-servers');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    const table = await screen.findByRole('table', { name: 'MCP servers on US East' });
    const row = within(table).getByRole('rowheader', { name: 'github' }).closest('tr');
    expect(row?.textContent).toContain('a, b');
  });

  it('creates an object with the shared dialog', async () => {
    let servers = [{ server_id: 's1', server_name: 'github', url: 'https://gh' }];
    server.on('GET /api/v1/workers/us-east/admin/v1/mcp/server', () => ({ body: servers }));
    server.on('POST /api/v1/workers/us-east/admin/v1/mcp/server', (request) => {
      const body = request.body as { server_name: string; url: string; transport: string };
      servers = [...servers, { server_id: 's2', ...body }];
      return { status: 201, body: servers[1] };
    });
    visit('/ui/workers/us-east/mcp-servers');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create MCP server' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create MCP server' });
    fireEvent.change(within(dialog).getByLabelText(/^Name/), { target: { value: 'wiki' } });
    fireEvent.change(within(dialog).getByLabelText(/^URL/), {
      target: { value: 'https://wiki.example/mcp' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create MCP server' }));
    const table = await screen.findByRole('table', { name: 'MCP servers on US East' });
    await within(table).findByRole('rowheader', { name: 'wiki' });
    const created = server.requests.find((request) => request.method === 'POST');
    expect(created?.body).toEqual({
      server_name: 'wiki',
      url: 'https://wiki.example/mcp',
      transport: 'http',
    });
  });

  it('roll-out previews the per-worker plan and shows the outcome of apply', async () => {
    server.on('GET /api/v1/fleet/objects/guardrails', () => ({
      body: {
        kind: 'guardrails',
        workers: [
          { workerId: 'us-east', status: 'ok', items: [{ guardrail_name: 'pii-mask', litellm_params: {} }] },
        ],
      },
    }));
    let planned: unknown;
    const plan = {
      id: 'p1',
      kind: 'guardrails',
      name: 'pii-mask',
      object: { guardrail_name: 'pii-mask' },
      secretFields: [],
      workers: [
        { workerId: 'us-east', action: 'noop' },
        {
          workerId: 'eu-west',
          action: 'update',
          diff: [{ field: 'litellm_params.mode', from: 'post_call', to: 'pre_call' }],
        },
        { workerId: 'ap-south', action: 'unavailable', litellmVersion: '1.66.0' },
      ],
      summary: {},
    };
    server.on('POST /api/v1/fleet/objects/guardrails/plan', (request) => {
      planned = request.body;
      return { body: plan };
    });
    server.on('POST /api/v1/fleet/objects/guardrails/apply', () => ({
      body: {
        planId: 'p1',
        name: 'pii-mask',
        status: 'applied',
        correlationId: 'c1',
        workers: [
          { workerId: 'us-east', status: 'unchanged' },
          { workerId: 'eu-west', status: 'applied' },
          { workerId: 'ap-south', status: 'unavailable', litellmVersion: '1.66.0' },
        ],
      },
    }));
    visit('/ui/fleet/rollout?kind=guardrails&worker=us-east');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    await screen.findByRole('option', { name: 'pii-mask' });
    fireEvent.click(screen.getByRole('button', { name: 'Preview plan' }));
    const planTable = await screen.findByRole('table', { name: 'Plan per worker' });
    expect(planTable.textContent).toContain('litellm_params.mode: post_call → pre_call');
    expect(planTable.textContent).toContain('not available on this worker (LiteLLM 1.66.0)');
    expect(planned).toEqual({
      object: { guardrail_name: 'pii-mask', litellm_params: {} },
      labels: { env: 'prod' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apply to 1 worker' }));
    const outcome = await screen.findByRole('table', { name: 'Outcome per worker' });
    expect(outcome.textContent).toContain('applied');
  });
});
