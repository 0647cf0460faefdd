import type { BudgetRecord, DeploymentRecord, KeyRecord, UserRecord } from '../store/records.js';
import type { FakeWorkerState } from '../store/state.js';
import type { SeedOptions } from '../types.js';
import { isoTime } from './common.js';
import { insertKey } from './keys.js';
import { providerOf } from './models.js';
import { recordSpend } from './spend.js';
import { insertTeam } from './teams.js';
import { insertUser } from './users.js';

const DAY_MS = 86_400_000;
const REQUEST_TAGS = ['production', 'batch', 'chat-ui', 'evaluation'];
const TEAM_NAMES = ['Platform', 'Research', 'Support', 'Marketing', 'Finance', 'Data', 'Security', 'Sales'];
const FIRST_NAMES = [
  'ada',
  'grace',
  'alan',
  'linus',
  'margaret',
  'dennis',
  'barbara',
  'ken',
  'frances',
  'edsger',
];
const SEED_MODELS: { name: string; model: string; input: number; output: number; mode: string }[] = [
  { name: 'gpt-4o', model: 'openai/gpt-4o', input: 0.000_002_5, output: 0.000_01, mode: 'chat' },
  {
    name: 'gpt-4o-mini',
    model: 'openai/gpt-4o-mini',
    input: 0.000_000_15,
    output: 0.000_000_6,
    mode: 'chat',
  },
  {
    name: 'claude-3-5-sonnet',
    model: 'anthropic/claude-3-5-sonnet-20240620',
    input: 0.000_003,
    output: 0.000_015,
    mode: 'chat',
  },
  {
    name: 'text-embedding-3-small',
    model: 'openai/text-embedding-3-small',
    input: 0.000_000_02,
    output: 0,
    mode: 'embedding',
  },
];

/** mulberry32: tiny deterministic PRNG so seeded workers are reproducible. */
function createRandom(seed: number): () => number {
  let value = seed >>> 0 || 1;
  return () => {
    value = (value + 0x6d2b79f5) >>> 0;
    let mixed = value;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function randomUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** The raw key of the seeded key number `index` (0-based) for a PRNG seed; documented for tests. */
export function seededRawKey(seed: number, index: number): string {
  return `sk-seed${seed}-fakeworker-${String(index + 1).padStart(4, '0')}`;
}

/** What every seeder shares: the state it fills, the PRNG (drawn in a fixed order) and the clock. */
type Seeding = {
  state: FakeWorkerState;
  seed: number;
  random: () => number;
  now: number;
  /** The start of the 30 seeded days. */
  start: number;
  /** The ISO time `fraction` of the way through the 30 seeded days. */
  at(fraction: number): string;
};

/**
 * Deterministic demo data: organizations, budgets, models (unless configured), users, teams, keys,
 * customers and spend logs spread over the last 30 days.
 */
export function seedState(
  state: FakeWorkerState,
  options: SeedOptions,
  context: { now: number; withModels: boolean },
): void {
  const seed = options.seed ?? 1;
  const { now } = context;
  const start = now - 30 * DAY_MS;
  const seeding: Seeding = {
    state,
    seed,
    random: createRandom(seed),
    now,
    start,
    at: (fraction) => isoTime(start + fraction * 30 * DAY_MS),
  };
  // The order matters: each seeder draws from the one PRNG.
  const organizationIds = seedOrganizations(seeding);
  if (context.withModels) seedModels(seeding);
  const deployments = [...state.models.values()];
  const users = seedUsers(seeding, options.users ?? 6, organizationIds);
  const teamIds = seedTeams(seeding, options.teams ?? 4, { users, organizationIds, deployments });
  const keys = seedKeys(seeding, options.keys ?? 12, { users, teamIds });
  seedCustomers(state);
  seedSpendLogs(seeding, keys.length > 0 && deployments.length > 0 ? (options.spendLogs ?? 300) : 0, {
    keys,
    deployments,
  });
}

/** Two organizations, each with its own budget; returns their ids. */
function seedOrganizations({ state, random, now, at }: Seeding): string[] {
  for (const [index, name] of ['Acme Research', 'Acme Operations'].entries()) {
    const budget: BudgetRecord = {
      budget_id: randomUuid(random),
      max_budget: 1_000 * (index + 1),
      soft_budget: 800 * (index + 1),
      max_parallel_requests: null,
      tpm_limit: null,
      rpm_limit: null,
      model_max_budget: null,
      budget_duration: '30d',
      budget_reset_at: isoTime(now + 10 * DAY_MS),
      created_at: at(index * 0.01),
      created_by: 'default_user_id',
      updated_at: at(index * 0.01),
      updated_by: 'default_user_id',
    };
    state.budgets.set(budget.budget_id, budget);
    const organizationId = randomUuid(random);
    state.organizations.set(organizationId, {
      organization_id: organizationId,
      organization_alias: name,
      budget_id: budget.budget_id,
      spend: 0,
      metadata: {},
      models: [],
      created_by: 'default_user_id',
      updated_by: 'default_user_id',
      created_at: at(index * 0.01),
      updated_at: at(index * 0.01),
      object_permission_id: null,
      object_permission: null,
    });
  }
  return [...state.organizations.keys()];
}

/** The seeded deployments: two from the config file, two from the database. */
function seedModels({ state, random, at }: Seeding): void {
  for (const [index, model] of SEED_MODELS.entries()) {
    const id = randomUuid(random);
    const deployment: DeploymentRecord = {
      model_name: model.name,
      litellm_params: {
        model: model.model,
        input_cost_per_token: model.input,
        output_cost_per_token: model.output,
        tpm: 100_000,
        rpm: 1_000,
      },
      model_info: {
        id,
        db_model: index >= 2,
        mode: model.mode,
        input_cost_per_token: model.input,
        output_cost_per_token: model.output,
        max_input_tokens: 128_000,
        max_output_tokens: 16_384,
        created_at: at(0.02),
        updated_at: at(0.02),
        created_by: 'default_user_id',
        updated_by: 'default_user_id',
      },
    };
    state.models.set(id, deployment);
  }
}

/** Users with a spread of roles, each a member of one organization. */
function seedUsers(
  { state, random, now, at }: Seeding,
  userCount: number,
  organizationIds: readonly string[],
): UserRecord[] {
  const users: UserRecord[] = [];
  for (let index = 0; index < userCount; index += 1) {
    const name = `${FIRST_NAMES[index % FIRST_NAMES.length]}${index >= FIRST_NAMES.length ? index : ''}`;
    const role =
      index === 0 ? 'proxy_admin_viewer' : index % 4 === 3 ? 'internal_user_viewer' : 'internal_user';
    const user = insertUser(
      state,
      {
        user_id: randomUuid(random),
        user_email: `${name}@example.com`,
        user_alias: name.charAt(0).toUpperCase() + name.slice(1),
        user_role: role,
        max_budget: index % 2 === 0 ? 100 : null,
      },
      now,
    );
    user.created_at = at(0.05 + index * 0.01);
    user.updated_at = user.created_at;
    const organizationId = organizationIds[index % organizationIds.length];
    if (organizationId) {
      user.organization_memberships.push({
        user_id: user.user_id,
        organization_id: organizationId,
        user_role: index === 1 ? 'org_admin' : 'internal_user',
        spend: 0,
        budget_id: null,
        created_at: user.created_at,
        updated_at: user.created_at,
        user_email: user.user_email,
        litellm_budget_table: null,
      });
    }
    users.push(user);
  }
  return users;
}

/** Teams of the seeded users, spread over the organizations; returns their ids. */
function seedTeams(
  { state, random, now, at }: Seeding,
  teamCount: number,
  from: {
    users: readonly UserRecord[];
    organizationIds: readonly string[];
    deployments: readonly DeploymentRecord[];
  },
): string[] {
  const { users, organizationIds, deployments } = from;
  const teamIds: string[] = [];
  for (let index = 0; index < teamCount; index += 1) {
    const members = users.filter(
      (_user, userIndex) => userIndex % Math.max(teamCount, 1) === index || userIndex === index,
    );
    const team = insertTeam(
      state,
      {
        team_id: randomUuid(random),
        team_alias: `${TEAM_NAMES[index % TEAM_NAMES.length]}${index >= TEAM_NAMES.length ? ` ${index}` : ''}`,
        organization_id: organizationIds[index % organizationIds.length] ?? null,
        members_with_roles: [
          { user_id: 'default_user_id', user_email: null, role: 'admin' },
          ...members.map((user, memberIndex) => ({
            user_id: user.user_id,
            user_email: user.user_email,
            role: memberIndex === 0 ? ('admin' as const) : ('user' as const),
          })),
        ],
        max_budget: 500 + index * 250,
        budget_duration: '30d',
        models:
          index === 0 ? [] : deployments.slice(0, 2 + (index % 2)).map((deployment) => deployment.model_name),
        metadata: {},
      },
      now,
    );
    team.created_at = at(0.1 + index * 0.01);
    team.updated_at = team.created_at;
    teamIds.push(team.team_id);
  }
  return teamIds;
}

/** Keys owned by the seeded users, most of them in a team; the last one blocked. */
function seedKeys(
  { state, seed, random, now, at }: Seeding,
  keyCount: number,
  from: { users: readonly UserRecord[]; teamIds: readonly string[] },
): KeyRecord[] {
  const { users, teamIds } = from;
  const keys: KeyRecord[] = [];
  for (let index = 0; index < keyCount; index += 1) {
    const user = users.length > 0 ? users[index % users.length]! : undefined;
    const teamId = teamIds.length > 0 && index % 3 !== 2 ? teamIds[index % teamIds.length]! : null;
    const rawKey = seededRawKey(seed, index);
    const { record } = insertKey(
      state,
      {
        key_alias: `${teamId ? (state.teams.get(teamId)?.team_alias ?? 'team').toLowerCase().replace(/\s+/g, '-') : 'personal'}-key-${index + 1}`,
        user_id: user?.user_id ?? null,
        team_id: teamId,
        max_budget: index % 4 === 0 ? null : 50 + index * 10,
        models: [],
        metadata: { environment: pick(random, ['production', 'staging', 'development']) },
        extraMetadata: {},
      },
      { createdBy: 'default_user_id', now, rawKey },
    );
    record.created_at = at(0.2 + index * 0.005);
    record.updated_at = record.created_at;
    if (index === keyCount - 1 && keyCount > 3) record.blocked = true;
    keys.push(record);
  }
  return keys;
}

/** Three end users (customers), one of them pinned to the EU region. */
function seedCustomers(state: FakeWorkerState): void {
  for (let index = 0; index < 3; index += 1) {
    const customerId = `customer-${index + 1}`;
    state.customers.set(customerId, {
      user_id: customerId,
      alias: `Customer ${index + 1}`,
      spend: 0,
      blocked: false,
      allowed_model_region: index === 0 ? 'eu' : null,
      default_model: null,
      budget_id: null,
      litellm_budget_table: null,
      object_permission_id: null,
      object_permission: null,
    });
  }
}

/** `logCount` spend logs at random times over the 30 days, about 3% of them failures. */
function seedSpendLogs(
  { state, seed, random, start }: Seeding,
  logCount: number,
  from: { keys: readonly KeyRecord[]; deployments: readonly DeploymentRecord[] },
): void {
  const { keys, deployments } = from;
  const times = Array.from({ length: logCount }, () => start + random() * 30 * DAY_MS).sort(
    (left, right) => left - right,
  );
  for (const [index, time] of times.entries()) {
    const key = pick(random, keys);
    const deployment = pick(random, deployments);
    const promptTokens = 50 + Math.floor(random() * 2_000);
    const completionTokens = deployment.model_info.mode === 'embedding' ? 0 : 20 + Math.floor(random() * 800);
    const inputCost = Number(deployment.litellm_params.input_cost_per_token ?? 0.000_001);
    const outputCost = Number(deployment.litellm_params.output_cost_per_token ?? 0.000_002);
    const failed = random() < 0.03;
    recordSpend(state, {
      requestId: `seed-${seed}-${String(index + 1).padStart(6, '0')}`,
      callType: deployment.model_info.mode === 'embedding' ? 'aembedding' : 'acompletion',
      token: key.token,
      key,
      modelGroup: deployment.model_name,
      model: deployment.litellm_params.model.replace(/^[^/]+\//, ''),
      modelId: deployment.model_info.id,
      provider: providerOf(deployment),
      promptTokens,
      completionTokens,
      spend: failed ? 0 : promptTokens * inputCost + completionTokens * outputCost,
      startTime: Math.floor(time),
      durationMs: 200 + Math.floor(random() * 3_000),
      endUser: random() < 0.3 ? `customer-${1 + Math.floor(random() * 3)}` : '',
      status: failed ? 'failure' : 'success',
      tags: random() < 0.5 ? [pick(random, REQUEST_TAGS)] : [],
    });
  }
}
