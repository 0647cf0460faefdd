import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-context.js';
import { createApiApp, route, validQuery } from '../http/openapi-route.js';
import { AuditRecordSchema, auditToCsv, auditToJson } from '../storage/audit-export.js';
import type { AuditFilter } from '../storage/types.js';
import { readableWorker } from './workers.js';

const timestamp = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), { error: 'must be an ISO 8601 date or timestamp' });

const AuditQuerySchema = z.object({
  worker_id: z.string().min(1).optional(),
  actor: z.string().min(1).max(256).optional(),
  action: z.string().min(1).max(128).optional(),
  status: z
    .string()
    .regex(/^([1-5]\d\d|[1-5]xx)$/, { error: 'must be an HTTP status such as 404 or a class such as 4xx' })
    .optional(),
  since: timestamp.optional(),
  until: timestamp.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().min(1).max(512).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

/** GET /api/v1/audit: newest first, filtered, paginated by cursor, as JSON or CSV. */
export function auditRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createApiApp();
  route(
    app,
    {
      method: 'get',
      path: '/api/v1/audit',
      tag: 'audit',
      summary: 'Read the audit log (every write made through the control plane)',
      description:
        'Scoped users see only entries of workers in their scope. format=csv answers text/csv with the same page.',
      query: AuditQuerySchema,
      response: z.object({ entries: z.array(AuditRecordSchema), next_cursor: z.string().nullable() }),
    },
    async (context) => {
      const query = validQuery(context, AuditQuerySchema);
      const principal = context.get('principal');
      if (query.worker_id !== undefined && principal.role !== 'admin') {
        readableWorker(deps, principal, query.worker_id);
      }
      const filter: AuditFilter = { limit: query.limit };
      if (query.worker_id !== undefined) filter.workerId = query.worker_id;
      if (query.actor !== undefined) filter.actor = query.actor;
      if (query.action !== undefined) filter.action = query.action;
      if (query.status !== undefined)
        filter.status = /^\d+$/.test(query.status) ? Number(query.status) : query.status;
      if (query.since !== undefined) filter.since = query.since;
      if (query.until !== undefined) filter.until = query.until;
      if (query.cursor !== undefined) filter.cursor = query.cursor;
      const page = await deps.store.audit.query(filter);
      let entries = page.entries;
      if (principal.role !== 'admin' && principal.scope !== null) {
        const readable = new Map(deps.fleet.workers().map((entry) => [entry.worker_id, entry]));
        entries = entries.filter((entry) => {
          if (entry.workerId === null) return false;
          const worker = readable.get(entry.workerId);
          return worker !== undefined && deps.access.canRead(principal, worker);
        });
      }
      if (query.format === 'csv') {
        context.header('content-disposition', 'attachment; filename="audit.csv"');
        if (page.nextCursor !== null) context.header('x-next-cursor', page.nextCursor);
        return context.body(auditToCsv(entries), 200, { 'content-type': 'text/csv; charset=utf-8' });
      }
      return context.json({ entries: entries.map(auditToJson), next_cursor: page.nextCursor });
    },
  );
  return app;
}
