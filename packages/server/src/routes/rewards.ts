import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Redemption } from '@qunzhu/store';
import type { AppEnv } from '../app-env.js';
import { requireRole, userIdOf } from '../auth/access.js';
import {
  communityParams,
  deps,
  errorResponses,
  id,
  isoDate,
  jsonBody,
  jsonOk,
  ok,
  principal,
  security,
} from './common.js';

const rewardSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    cost: z.number(),
    stock: z.number().nullable(),
    needsApproval: z.boolean(),
    active: z.boolean(),
  })
  .openapi('Reward');
const redemptionSchema = z
  .object({
    id: z.number(),
    rewardId: z.number(),
    rewardName: z.string(),
    memberId: z.number(),
    memberName: z.string(),
    cost: z.number(),
    status: z.enum(['pending', 'approved', 'declined']),
    requestedAt: isoDate,
    decidedAt: isoDate.nullable(),
    reason: z.string(),
  })
  .openapi('Redemption');
const rewardFields = z.object({
  name: z.string().trim().min(1).max(100),
  cost: z.number().int().min(1).max(1_000_000),
  /** null or absent: unlimited. */
  stock: z.number().int().min(0).max(1_000_000).nullable().optional(),
  needsApproval: z.boolean().default(true),
  active: z.boolean().default(true),
});
const rewardParams = communityParams.extend({ rewardId: id.openapi({ param: { name: 'rewardId', in: 'path' } }) });
const redemptionParams = communityParams.extend({
  redemptionId: id.openapi({ param: { name: 'redemptionId', in: 'path' } }),
});
const redemptionJson = (r: Redemption) => ({
  ...r,
  requestedAt: r.requestedAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
});

export const rewardRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/rewards',
      tags: ['engagement'],
      summary: 'Rewards members can redeem points for, with their stock',
      security,
      request: { params: communityParams },
      responses: { ...jsonOk(z.object({ items: z.array(rewardSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      return ok(c, { items: await store.rewards.list(communityId) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/rewards',
      tags: ['engagement'],
      summary: 'Offer a reward (admin)',
      security,
      request: { params: communityParams, body: jsonBody(rewardFields) },
      responses: { ...jsonOk(rewardSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      await store.communities.get(communityId);
      const reward = await store.rewards.create(communityId, { ...body, stock: body.stock ?? null });
      return ok(c, reward, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/communities/{communityId}/rewards/{rewardId}',
      tags: ['engagement'],
      summary: 'Change a reward: name, cost, stock, approval, offered or not (admin)',
      security,
      request: {
        params: rewardParams,
        body: jsonBody(
          z.object({
            name: z.string().trim().min(1).max(100).optional(),
            cost: z.number().int().min(1).max(1_000_000).optional(),
            stock: z.number().int().min(0).max(1_000_000).nullable().optional(),
            needsApproval: z.boolean().optional(),
            active: z.boolean().optional(),
          }),
        ),
      },
      responses: { ...jsonOk(rewardSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, rewardId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      const patch = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
      return ok(c, await store.rewards.update(communityId, rewardId, patch));
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/redemptions',
      tags: ['engagement'],
      summary: 'Redemptions, newest first: those awaiting approval with status=pending',
      security,
      request: {
        params: communityParams,
        query: z.object({
          status: z.enum(['pending', 'approved', 'declined']).optional(),
          memberId: id.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: { ...jsonOk(z.object({ items: z.array(redemptionSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const items = await store.rewards.redemptions(communityId, {
        limit: q.limit,
        ...(q.status ? { status: q.status } : {}),
        ...(q.memberId ? { memberId: q.memberId } : {}),
      });
      return ok(c, { items: items.map(redemptionJson) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/redemptions',
      tags: ['engagement'],
      summary:
        'Redeem a reward for a member (steward): stock is taken at once; points leave on approval (at once when the reward needs none)',
      security,
      request: { params: communityParams, body: jsonBody(z.object({ memberId: id, rewardId: id })) },
      responses: { ...jsonOk(redemptionSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store, clock } = deps(c);
      const p = principal(c);
      await requireRole(store, p, communityId, 'steward');
      await store.members.get(communityId, body.memberId);
      const now = clock.now();
      const redemption = await store.transaction(async (tx) => {
        const asked = await tx.rewards.request(communityId, body.memberId, body.rewardId, now);
        return asked.needsApproval
          ? asked.redemption
          : tx.rewards.decide(communityId, asked.redemption.id, 'approved', userIdOf(p), '', now);
      });
      return ok(c, redemptionJson(redemption), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/redemptions/{redemptionId}/decision',
      tags: ['engagement'],
      summary: 'Approve (points leave the balance) or decline (the stock comes back) a redemption (steward)',
      security,
      request: {
        params: redemptionParams,
        body: jsonBody(
          z.object({ decision: z.enum(['approve', 'decline']), reason: z.string().trim().max(200).default('') }),
        ),
      },
      responses: { ...jsonOk(redemptionSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, redemptionId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store, clock } = deps(c);
      const p = principal(c);
      await requireRole(store, p, communityId, 'steward');
      const decided = await store.transaction((tx) =>
        tx.rewards.decide(
          communityId,
          redemptionId,
          body.decision === 'approve' ? 'approved' : 'declined',
          userIdOf(p),
          body.reason,
          clock.now(),
        ),
      );
      return ok(c, redemptionJson(decided));
    },
  );
};
