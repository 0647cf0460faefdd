import { describe, expect, it } from 'vitest';
import { CANARY, jsonBody, startHarness } from './support/fixtures.js';

const VERSIONS = ['1.79.0', '1.82.0', '1.83.7', '1.84.0'];
const UI_PASSWORD = `ui-password-${CANARY}`;
const KEY_HEADER = 'X-Worker-Key';

describe('workers of every LiteLLM login generation, through the control plane', () => {
  it('logs in with the held UI login of each version, relays with the session, and leaks nothing', async () => {
    await using harness = await startHarness({
      workers: 5,
      worker: (index) =>
        index < VERSIONS.length
          ? { litellmVersion: VERSIONS[index], uiPassword: UI_PASSWORD }
          : { keyHeaderName: KEY_HEADER },
      entry: (index) =>
        index < VERSIONS.length
          ? { api_key: undefined, ui_username: 'admin', ui_password: UI_PASSWORD }
          : { litellm_key_header_name: KEY_HEADER },
    });
    const listed = (await (await harness.request('/api/v1/workers')).json()) as {
      workers: { worker_id: string; has_credential: boolean }[];
    };
    expect(listed.workers.map((worker) => worker.has_credential)).toEqual([true, true, true, true, true]);

    const seen: string[] = [JSON.stringify(listed)];
    for (const worker of listed.workers) {
      const teams = await harness.request(`/api/v1/workers/${worker.worker_id}/admin/team/list`);
      const text = await teams.text();
      seen.push(text);
      expect(teams.status, `${worker.worker_id}: ${text}`).toBe(200);
      expect((JSON.parse(text) as unknown[]).length).toBe(2);
      const created = await harness.request(
        `/api/v1/workers/${worker.worker_id}/admin/key/generate`,
        jsonBody({ key_alias: `through-${worker.worker_id}` }),
      );
      seen.push(await created.text());
      expect(created.status).toBe(200);
    }
    // The worker with the key header refuses Authorization: only the header the entry names works.
    const headerWorker = harness.workers[4]!;
    const direct = await fetch(`${headerWorker.url}/team/list`, {
      headers: { authorization: `Bearer ${headerWorker.masterKey}` },
    });
    expect(direct.status).toBe(401);

    await harness.controlPlane.fleet.health();
    const overview = await harness.request('/api/v1/fleet/overview');
    const overviewText = await overview.text();
    seen.push(overviewText);
    const versions = (JSON.parse(overviewText) as { workers: { version?: string | null }[] }).workers.map(
      (row) => row.version,
    );
    expect(versions.slice(0, 4)).toEqual(VERSIONS);
    for (const text of [...seen, ...harness.logLines]) expect(text).not.toContain(CANARY);
  });
});
