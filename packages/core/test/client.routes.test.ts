import { describe, expect, it } from 'vitest';
import { isLlmPath, isManagementPath, normaliseRoutePath } from '../src/index.js';

const llmPaths = [
  '/chat/completions',
  '/v1/chat/completions',
  '/completions',
  '/v1/completions',
  '/embeddings',
  '/v1/embeddings',
  '/responses',
  '/v1/responses',
  '/v1/responses/resp_123/cancel',
  '/openai/deployments/gpt-4o/chat/completions',
  '/engines/gpt-4o/completions',
  '/v1/messages',
  '/messages',
  '/audio/transcriptions',
  '/v1/audio/speech',
  '/images/generations',
  '/v1/images/edits',
  '/moderations',
  '/v1/moderations',
  '/rerank',
  '/v1/rerank',
  '/v2/rerank',
  '/batches',
  '/v1/batches/batch_1',
  '/files',
  '/v1/files/file-1/content',
  '/fine_tuning/jobs',
  '/v1/fine_tuning/jobs',
  '/assistants',
  '/v1/threads/thread_1/runs',
  '/realtime',
  '/v1/realtime',
  '/anthropic/v1/messages',
  '/vertex_ai/v1/projects/p/locations/l/publishers/google/models/m:generateContent',
];

const llmVariants = [
  '/CHAT/Completions',
  '//chat//completions',
  '/chat/completions/',
  '/v1/chat/completions?stream=true',
  '/chat%2Fcompletions',
  '/%63hat/completions',
  '/key/../chat/completions',
  '/V1/Embeddings/',
];

const managementPaths = [
  '/key/generate',
  '/key/list',
  '/key/sk-abc/regenerate',
  '/v2/key/info',
  '/team/new',
  '/v2/team/list',
  '/user/info',
  '/v2/user/info',
  '/model/new',
  '/v2/model/info',
  '/v1/model/info',
  '/models',
  '/v1/models',
  '/model_group/info',
  '/budget/list',
  '/organization/info',
  '/customer/list',
  '/end_user/info',
  '/spend/logs/ui',
  '/global/spend/report',
  '/health',
  '/health/readiness',
  '/health/liveliness',
  '/v2/login',
  '/v3/login',
  '/v3/login/exchange',
  '/get/ui_settings',
  '/update/internal_user_settings',
  '/config/list',
  '/audit',
  '/tag/list',
  '/credentials',
  '/cache/ping',
  '/invitation/new',
  '/access_group/list',
  '/.well-known/litellm-ui-config',
  '/litellm/.well-known/litellm-ui-config',
  '/KEY/List',
  '/team/list/',
  '/team//list',
];

const refusedManagement = [
  '/',
  '/keys',
  '/modelsx',
  '/login',
  '/metrics',
  '/sso/key/generate',
  '/key/../chat/completions',
  '/key/%2e%2e/chat/completions',
  '/key/..%2fchat',
  '/key%252flist',
  '/key\\..\\chat\\completions',
  '/key/%zz',
  '/admin',
  '',
];

describe('route classification', () => {
  it.each(llmPaths)('%s is an LLM path and not a management path', (path) => {
    expect(isLlmPath(path)).toBe(true);
    expect(isManagementPath(path)).toBe(false);
  });

  it.each(llmVariants)('%s (normalised) is an LLM path', (path) => {
    expect(isLlmPath(path)).toBe(true);
    expect(isManagementPath(path)).toBe(false);
  });

  it.each(managementPaths)('%s is a management path', (path) => {
    expect(isManagementPath(path)).toBe(true);
    expect(isLlmPath(path)).toBe(false);
  });

  it.each(refusedManagement)('%j is not a management path', (path) => {
    expect(isManagementPath(path)).toBe(false);
  });

  it('normalises once and refuses double-encoded slashes', () => {
    expect(normaliseRoutePath('//Key//List/?a=1')).toEqual({ path: '/key/list', suspicious: false });
    expect(normaliseRoutePath('/a/./b/../c')).toEqual({ path: '/a/c', suspicious: true });
    expect(normaliseRoutePath('/chat%252Fcompletions')).toBeNull();
    expect(normaliseRoutePath('/bad%')).toBeNull();
  });
});
