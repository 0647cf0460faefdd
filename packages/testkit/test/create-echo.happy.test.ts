import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorker, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient, json } from './helpers.js';

/** Fields LiteLLM's create routes answer with as sent. */
const ECHOED = {
  duration: '30d',
  tags: ['billing'],
  model_rpm_limit: { 'gpt-4o': 10 },
  model_tpm_limit: { 'gpt-4o': 1000 },
  enforced_params: ['user'],
  guardrails: ['pii'],
  prompts: ['support-v2'],
  router_settings: { num_retries: 2 },
};

describe('create routes echo the request fields LiteLLM echoes', () => {
  let worker: FakeWorker;
  let api: ApiClient;

  beforeAll(async () => {
    worker = await startFakeWorker({ masterKey: 'sk-echo-master' });
    api = apiClient(worker);
  });
  afterAll(() => worker.close());

  it('/key/generate and /user/new', async () => {
    const key = json(await api.post('/key/generate', ECHOED));
    expect(key).toMatchObject(ECHOED);
    expect(key.metadata).toMatchObject({ tags: ['billing'], guardrails: ['pii'], prompts: ['support-v2'] });
    const user = json(await api.post('/user/new', { ...ECHOED, user_email: 'echo@example.com' }));
    expect(user).toMatchObject({ ...ECHOED, user_email: 'echo@example.com' });
  });

  it('/organization/new with model_spend, and /team/new with soft_budget and its organization', async () => {
    const { duration: _duration, enforced_params: _enforced, ...orgFields } = ECHOED;
    const organization = json(
      await api.post('/organization/new', { organization_alias: 'Echo Org', ...orgFields }),
    );
    expect(organization).toMatchObject({ ...orgFields, model_spend: {}, organization_alias: 'Echo Org' });
    const team = json(
      await api.post('/team/new', {
        team_alias: 'Echo Team',
        organization_id: organization.organization_id,
        soft_budget: 5,
        ...orgFields,
      }),
    );
    expect(team).toMatchObject({ ...orgFields, soft_budget: 5, team_alias: 'Echo Team' });
    expect(team.litellm_organization_table).toMatchObject({
      organization_id: organization.organization_id,
      organization_alias: 'Echo Org',
    });
    const loneTeam = json(await api.post('/team/new', { team_alias: 'Alone' }));
    expect(loneTeam).toMatchObject({ soft_budget: null, litellm_organization_table: null });
  });
});
