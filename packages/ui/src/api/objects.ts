import type { Query } from './query.js';

/** The admin registries the control plane manages per object across workers. */
export type ObjectKind =
  | 'mcpServers'
  | 'guardrails'
  | 'vectorStores'
  | 'agents'
  | 'prompts'
  | 'tags'
  | 'credentials'
  | 'searchTools';

export type AdminItem = Record<string, unknown>;
export type ObjectFieldDiff = { field: string; from?: unknown; to?: unknown };
export type ObjectError = { kind: string; message: string };

/** One worker's answer: its objects, or why there are none ("not available" carries the LiteLLM version). */
export type ObjectWorkerRow = {
  workerId: string;
  status: 'ok' | 'unavailable' | 'error';
  litellmVersion?: string;
  reason?: 'not_found' | 'enterprise';
  error?: ObjectError;
  items?: AdminItem[];
};

export type ObjectList = { kind: ObjectKind; workers: ObjectWorkerRow[] };

export type ObjectDrift = {
  name: string;
  reference: string;
  presentOn: string[];
  missingOn: string[];
  differing: { workerId: string; fields: ObjectFieldDiff[] }[];
  inSync: boolean;
  summary: string;
};

export type ObjectDriftReport = {
  kind: ObjectKind;
  generatedAt: string;
  baseline?: string;
  objects: ObjectDrift[];
  workers: ObjectWorkerRow[];
};

export type ObjectPlanRow = {
  workerId: string;
  action: 'create' | 'update' | 'noop' | 'unavailable' | 'error';
  targetId?: string;
  diff?: ObjectFieldDiff[];
  note?: string;
  litellmVersion?: string;
  error?: ObjectError;
};

export type ObjectPlan = {
  id: string;
  kind: ObjectKind;
  name: string;
  object: AdminItem;
  secretFields: string[];
  workers: ObjectPlanRow[];
  summary: Record<string, number>;
};

export type ObjectApplyRow = {
  workerId: string;
  status: 'applied' | 'unchanged' | 'unavailable' | 'failed' | 'skipped';
  note?: string;
  litellmVersion?: string;
  error?: ObjectError;
};

export type ObjectApplyResult = {
  planId: string;
  name: string;
  status: string;
  workers: ObjectApplyRow[];
  correlationId: string;
};

export type Selection = { workers?: string[]; labels?: Record<string, string> };

type Call = <T>(
  method: string,
  path: string,
  request?: { query?: Query; body?: unknown; signal?: AbortSignal },
) => Promise<T>;

function labelQuery(labels: Record<string, string> | undefined): string | undefined {
  if (!labels) return undefined;
  const pairs = Object.entries(labels).map(([name, value]) => `${name}=${value}`);
  return pairs.length === 0 ? undefined : pairs.join(',');
}

/** `/fleet/objects/{kind}`: the only place the UI names these routes. */
export function createObjectsApi(call: Call) {
  const base = (kind: ObjectKind) => `/fleet/objects/${kind}`;
  return {
    list: (kind: ObjectKind, selection: Selection = {}, signal?: AbortSignal) =>
      call<ObjectList>('GET', base(kind), {
        query: { workers: selection.workers, labels: labelQuery(selection.labels) },
        signal,
      }),
    drift: (kind: ObjectKind, query: { baseline?: string } & Selection = {}, signal?: AbortSignal) =>
      call<ObjectDriftReport>('GET', `${base(kind)}/drift`, {
        query: { baseline: query.baseline, workers: query.workers, labels: labelQuery(query.labels) },
        signal,
      }),
    plan: (kind: ObjectKind, object: AdminItem, selection: Selection) =>
      call<ObjectPlan>('POST', `${base(kind)}/plan`, { body: { object, ...selection } }),
    apply: (plan: ObjectPlan) =>
      call<ObjectApplyResult>('POST', `${base(plan.kind)}/apply`, { body: { plan } }),
  };
}

export type ObjectsApi = ReturnType<typeof createObjectsApi>;
