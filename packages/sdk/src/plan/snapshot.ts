import type {
  Budget,
  Deployment,
  KeyObject,
  Organization,
  Team,
  WorkerClient,
} from '@llm-control-plane/core';

export type Snapshot = {
  teams?: Team[];
  models?: Deployment[];
  budgets?: Budget[];
  keys?: KeyObject[];
  organizations?: Organization[];
};

export type SnapshotNeeds = {
  teams?: boolean;
  models?: boolean;
  budgets?: boolean;
  organizations?: boolean;
  /** Aliases to look up, or `all` for every key that has an alias. */
  keyAliases?: string[] | 'all';
};

const PAGE_SIZE = 100;

async function allTeams(client: WorkerClient, signal: AbortSignal): Promise<Team[]> {
  const teams: Team[] = [];
  for (let page = 1; ; page += 1) {
    const response = await client.teams.listPage({ page, page_size: PAGE_SIZE }, { signal });
    teams.push(...response.teams);
    if (response.teams.length === 0 || page >= (response.total_pages ?? 0)) return teams;
  }
}

async function keysByAlias(client: WorkerClient, aliases: string[] | 'all', signal: AbortSignal) {
  const keys: KeyObject[] = [];
  if (aliases === 'all') {
    for await (const key of client.keys.listAll({}, { signal })) if (key.key_alias) keys.push(key);
    return keys;
  }
  for (const alias of aliases) {
    for await (const key of client.keys.listAll({ key_alias: alias }, { signal })) {
      if (key.key_alias === alias) keys.push(key);
    }
  }
  return keys;
}

/** Reads the parts of a worker's state a plan or drift report needs, one resource after another. */
export async function readSnapshot(
  client: WorkerClient,
  needs: SnapshotNeeds,
  signal: AbortSignal,
): Promise<Snapshot> {
  const snapshot: Snapshot = {};
  if (needs.budgets) snapshot.budgets = await client.budgets.list({ signal });
  if (needs.models) snapshot.models = (await client.models.info({}, { signal })).data;
  if (needs.teams) snapshot.teams = await allTeams(client, signal);
  if (needs.organizations) snapshot.organizations = await client.organizations.list({}, { signal });
  if (needs.keyAliases && (needs.keyAliases === 'all' || needs.keyAliases.length > 0)) {
    snapshot.keys = await keysByAlias(client, needs.keyAliases, signal);
  }
  return snapshot;
}
