import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { QunzhuError } from '@qunzhu/core';
import type { AppEnv } from '../app-env.js';
import { requireRole } from '../auth/access.js';
import { communityParams, deps, errorResponses, id, jsonOk, ok, principal, security } from './common.js';

const countsSchema = z
  .object({
    pending: z.number(),
    sending: z.number(),
    failed: z.number().openapi({ description: 'Given up: needs a person (retry or dismiss)' }),
    unknown: z
      .number()
      .openapi({ description: 'Interrupted during a platform call that is not safe to repeat: check the chat' }),
  })
  .openapi('OutboxCounts');

const actionParams = communityParams.extend({
  actionId: id.openapi({ param: { name: 'actionId', in: 'path' } }),
});

export const outboxRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/outbox',
      tags: ['outbox'],
      summary: "How many actions wait, are in flight, failed, or may or may not have gone out (the console's badge)",
      security,
      request: { params: communityParams },
      responses: { ...jsonOk(countsSchema.extend({ attention: z.number() })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const counts = await store.actions.counts(communityId);
      return ok(c, { ...counts, attention: counts.failed + counts.unknown });
    },
  );

  for (const op of ['retry', 'dismiss'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/v1/communities/{communityId}/actions/{actionId}/${op}`,
        tags: ['outbox'],
        summary:
          op === 'retry'
            ? 'Try a failed or unknown action again, from its first attempt (steward)'
            : 'Settle a failed or unknown action without trying again (steward)',
        security,
        request: { params: actionParams },
        responses: { ...jsonOk(z.record(z.string(), z.unknown())), ...errorResponses },
      }),
      async (c) => {
        const { communityId, actionId } = c.req.valid('param');
        const d = deps(c);
        await requireRole(d.store, principal(c), communityId, 'steward');
        const done = await d.store.actions[op](communityId, actionId, d.clock.now());
        if (!done) {
          const action = await d.store.actions.get(communityId, actionId);
          if (!action) throw new QunzhuError('not_found', `action ${actionId} not found`);
          throw new QunzhuError(
            'conflict',
            `action ${actionId} is ${action.status}; only failed or unknown actions can be retried or dismissed`,
          );
        }
        if (op === 'retry') void d.runtime.dispatch();
        return ok(c, done);
      },
    );
  }
};
