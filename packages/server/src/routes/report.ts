import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { buildReport } from '../analytics/report.js';
import type { AppEnv } from '../app-env.js';
import { requireRole } from '../auth/access.js';
import { communityParams, deps, errorResponses, id, jsonOk, ok, principal, security } from './common.js';

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional();

export const reportRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/report',
      tags: ['analytics'],
      summary:
        'The community report (or of some groups): totals, monthly, daily (DAU) and weekly (WAU) series, activity rate, ' +
        'top members, retention cohorts, layers, lifecycle, health, alerts, funnel and each group. Schema: docs/report.schema.json',
      security,
      request: {
        params: communityParams,
        query: z.object({
          groupId: z.union([id, z.array(id)]).optional(),
          from: date,
          to: date,
          tz: z.string().max(64).optional(),
          top: z.coerce.number().int().min(10).max(200).optional(),
        }),
      },
      responses: {
        ...jsonOk(z.record(z.string(), z.unknown()), 'The report (docs/report.schema.json)'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const q = c.req.valid('query');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'viewer');
      const groupIds = q.groupId === undefined ? undefined : Array.isArray(q.groupId) ? q.groupId : [q.groupId];
      const report = await buildReport(d.store, {
        communityId,
        ...(groupIds ? { groupIds } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.tz ? { tz: q.tz } : {}),
        ...(q.top ? { topMembers: q.top } : {}),
        now: d.clock.now(),
      });
      return ok(c, report);
    },
  );
};
