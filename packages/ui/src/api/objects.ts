import type {
  AdminApplyResult,
  AdminDriftReport,
  AdminKind,
  AdminListResult,
  AdminObject,
  AdminObjectDrift,
  AdminPlan,
  AdminWorkerApplyOutcome,
  AdminWorkerOutcome,
  AdminWorkerPlan,
  FieldDiff,
} from '@llm-control-plane/sdk';
import type { Client } from 'openapi-fetch';
import type { paths } from './schema.js';

// The object routes answer the SDK's own objects (type-only imports: nothing of the SDK is bundled).
export type ObjectKind = AdminKind;
export type AdminItem = AdminObject;
export type ObjectFieldDiff = FieldDiff;
export type ObjectWorkerRow = AdminWorkerOutcome & { items?: AdminObject[] };
type ObjectList = AdminListResult;
export type ObjectDrift = AdminObjectDrift;
type ObjectDriftReport = AdminDriftReport;
export type ObjectPlan = AdminPlan;
export type ObjectPlanRow = AdminWorkerPlan;
export type ObjectApplyRow = AdminWorkerApplyOutcome;
export type ObjectApplyResult = AdminApplyResult & { correlationId: string };

export type Selection = { workers?: string[]; labels?: Record<string, string> };

type Settle = <Data>(
  call: Promise<{ data?: Data; error?: unknown; response: Response }>,
  path: string,
) => Promise<Data>;

function labelQuery(labels: Record<string, string> | undefined): string | undefined {
  if (!labels) return undefined;
  const pairs = Object.entries(labels).map(([name, value]) => `${name}=${value}`);
  return pairs.length === 0 ? undefined : pairs.join(',');
}

function selectionQuery(selection: Selection) {
  return { workers: selection.workers?.join(','), labels: labelQuery(selection.labels) };
}

/** MCP servers, guardrails, credentials, ... across workers (`/fleet/objects/{kind}`). */
export function createObjectsApi(client: Client<paths>, settle: Settle) {
  const path = '/fleet/objects/{kind}';
  return {
    list: async (kind: ObjectKind, selection: Selection = {}, signal?: AbortSignal) =>
      (await settle(
        client.GET('/fleet/objects/{kind}', {
          params: { path: { kind }, query: selectionQuery(selection) },
          signal,
        }),
        path,
      )) as unknown as ObjectList,
    drift: async (kind: ObjectKind, query: { baseline?: string } & Selection = {}, signal?: AbortSignal) =>
      (await settle(
        client.GET('/fleet/objects/{kind}/drift', {
          params: { path: { kind }, query: { ...selectionQuery(query), baseline: query.baseline } },
          signal,
        }),
        path,
      )) as unknown as ObjectDriftReport,
    plan: async (kind: ObjectKind, object: AdminItem, selection: Selection) =>
      (await settle(
        client.POST('/fleet/objects/{kind}/plan', {
          params: { path: { kind } },
          body: { object, ...selection },
        }),
        path,
      )) as unknown as ObjectPlan,
    apply: async (plan: ObjectPlan) =>
      (await settle(
        client.POST('/fleet/objects/{kind}/apply', {
          params: { path: { kind: plan.kind } },
          body: { plan: plan as unknown as Record<string, unknown> } as never,
        }),
        path,
      )) as unknown as ObjectApplyResult,
  };
}
