import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type MemberFilter,
  memberFilterSchema,
  normaliseMemberFilter,
  pondInvitationPosts,
  QunzhuError,
  segmentInputSchema,
} from '@qunzhu/core';
import type { Pond, Segment, Store } from '@qunzhu/store';
import type { AppEnv } from '../app-env.js';
import { requireRole, userIdOf } from '../auth/access.js';
import { segmentCsv } from '../segments/index.js';
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

const segmentSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    description: z.string(),
    filter: z.record(z.string(), z.unknown()),
    createdAt: isoDate,
    updatedAt: isoDate,
    lastSize: z.object({ day: z.string(), size: z.number() }).nullable(),
  })
  .openapi('Segment');
const memberSchema = z.object({
  id: z.number(),
  displayName: z.string(),
  firstSeenAt: isoDate.nullable(),
  lastSeenAt: isoDate.nullable(),
});
const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
const membersPage = z.object({
  items: z.array(memberSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
const segmentParams = communityParams.extend({ segmentId: id.openapi({ param: { name: 'segmentId', in: 'path' } }) });
const pondParams = communityParams.extend({ pondId: id.openapi({ param: { name: 'pondId', in: 'path' } }) });

const pondFields = z.object({
  name: z.string().trim().min(1).max(60),
  segmentId: id,
  targetGroupId: id,
  /** Where the invitation points: a join link the operator gives, or a live code URL (/j/{code}). */
  joinLink: z.url({ protocol: /^https?$/ }).max(500),
  /** `{mentions}`, `{group}`, `{link}`; empty: the community language's default. */
  template: z.string().trim().max(500).default(''),
  perMessage: z.number().int().min(1).max(50).default(10),
  cooldownDays: z.number().int().min(0).max(365).default(30),
});
const pondSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    segmentId: z.number(),
    segmentName: z.string(),
    targetGroupId: z.number(),
    targetGroupName: z.string(),
    joinLink: z.string(),
    template: z.string(),
    perMessage: z.number(),
    cooldownDays: z.number(),
    createdAt: isoDate,
  })
  .openapi('Pond');
const pondStatsSchema = z.object({
  segment: z.number(),
  inTarget: z.number(),
  waiting: z.number(),
  unreachable: z.number(),
  invited: z.number(),
  converted: z.number(),
});

const segmentJson = (s: Segment) => s;
const checkGroups = async (store: Store, communityId: number, filter: MemberFilter) => {
  for (const g of filter.groupIds ?? []) await store.groups.get(communityId, g);
};

/** A member list filter from the members route's `filter` query parameter (JSON), or a body's. */
export const parseMemberFilter = (raw: unknown, where: string): MemberFilter => {
  const parsed = memberFilterSchema.safeParse(raw);
  if (!parsed.success) {
    throw new QunzhuError('bad_input', `${where}: ${z.prettifyError(parsed.error)}`, { details: parsed.error.issues });
  }
  return normaliseMemberFilter(parsed.data);
};

export const segmentRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/segments',
      tags: ['segments'],
      summary: 'Saved segments (分群) with their latest size',
      security,
      request: { params: communityParams },
      responses: { ...jsonOk(z.object({ items: z.array(segmentSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      return ok(c, { items: (await store.segments.list(communityId)).map(segmentJson) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/segments/preview',
      tags: ['segments'],
      summary: 'Members an unsaved filter selects, paged, and how many (the editor’s live preview)',
      security,
      request: {
        params: communityParams,
        query: pageQuery,
        body: jsonBody(z.object({ filter: z.record(z.string(), z.unknown()) })),
      },
      responses: { ...jsonOk(membersPage), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const filter = parseMemberFilter(c.req.valid('json').filter, 'filter');
      const result = await store.members.search(communityId, {
        ...filter,
        sort: 'last_seen',
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
        asOf: clock.now(),
      });
      return ok(c, { ...result, page: q.page, pageSize: q.pageSize });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/segments',
      tags: ['segments'],
      summary: 'Save a segment (steward); its size is measured at once',
      security,
      request: { params: communityParams, body: jsonBody(z.record(z.string(), z.unknown())) },
      responses: { ...jsonOk(segmentSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const { store, clock } = deps(c);
      const p = principal(c);
      await requireRole(store, p, communityId, 'steward');
      const parsed = segmentInputSchema.safeParse(c.req.valid('json'));
      if (!parsed.success) {
        throw new QunzhuError('bad_input', `segment: ${z.prettifyError(parsed.error)}`, {
          details: parsed.error.issues,
        });
      }
      const input = { ...parsed.data, filter: normaliseMemberFilter(parsed.data.filter) };
      await checkGroups(store, communityId, input.filter);
      const segment = await store.transaction(async (tx) => {
        const created = await tx.segments.create(communityId, input, userIdOf(p));
        await tx.segments.snapshot(communityId, created.id, clock.now());
        return tx.segments.get(communityId, created.id);
      });
      return ok(c, segmentJson(segment), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/segments/{segmentId}',
      tags: ['segments'],
      summary: 'A saved segment',
      security,
      request: { params: segmentParams },
      responses: { ...jsonOk(segmentSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, segmentId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      return ok(c, segmentJson(await store.segments.get(communityId, segmentId)));
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/communities/{communityId}/segments/{segmentId}',
      tags: ['segments'],
      summary: 'Rename a segment or change its filter (steward); today’s size is measured again',
      security,
      request: { params: segmentParams, body: jsonBody(z.record(z.string(), z.unknown())) },
      responses: { ...jsonOk(segmentSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, segmentId } = c.req.valid('param');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'steward');
      const parsed = segmentInputSchema.partial().safeParse(c.req.valid('json'));
      if (!parsed.success) {
        throw new QunzhuError('bad_input', `segment: ${z.prettifyError(parsed.error)}`, {
          details: parsed.error.issues,
        });
      }
      const { name, description, filter } = parsed.data;
      const patch = {
        ...(name === undefined ? {} : { name }),
        ...(description === undefined ? {} : { description }),
        ...(filter === undefined ? {} : { filter: normaliseMemberFilter(filter) }),
      };
      if (patch.filter) await checkGroups(store, communityId, patch.filter);
      const segment = await store.transaction(async (tx) => {
        await tx.segments.update(communityId, segmentId, patch);
        await tx.segments.snapshot(communityId, segmentId, clock.now());
        return tx.segments.get(communityId, segmentId);
      });
      return ok(c, segmentJson(segment));
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/communities/{communityId}/segments/{segmentId}',
      tags: ['segments'],
      summary: 'Delete a segment, its sizes and its ponds (steward)',
      security,
      request: { params: segmentParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      const { communityId, segmentId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'steward');
      await store.segments.delete(communityId, segmentId);
      return c.body(null, 204) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/segments/{segmentId}/members',
      tags: ['segments'],
      summary: 'The members a segment selects now, paged, and how many',
      security,
      request: { params: segmentParams, query: pageQuery },
      responses: { ...jsonOk(membersPage), ...errorResponses },
    }),
    async (c) => {
      const { communityId, segmentId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const segment = await store.segments.get(communityId, segmentId);
      const result = await store.members.search(communityId, {
        ...segment.filter,
        sort: 'last_seen',
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
        asOf: clock.now(),
      });
      return ok(c, { ...result, page: q.page, pageSize: q.pageSize });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/segments/{segmentId}/sizes',
      tags: ['segments'],
      summary: 'A segment’s size per local day (a snapshot each midnight and on each save)',
      security,
      request: { params: segmentParams, query: z.object({ since: z.iso.date().optional() }) },
      responses: {
        ...jsonOk(z.object({ items: z.array(z.object({ day: z.string(), size: z.number(), takenAt: isoDate })) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, segmentId } = c.req.valid('param');
      const { since } = c.req.valid('query');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      await store.segments.get(communityId, segmentId);
      return ok(c, { items: await store.segments.sizes(communityId, segmentId, since) });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/segments/{segmentId}/export.csv',
      tags: ['segments'],
      summary: 'The segment’s members as CSV (UTF-8 with BOM, for Excel), streamed (steward)',
      security,
      request: { params: segmentParams },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
    }),
    async (c) => {
      const { communityId, segmentId } = c.req.valid('param');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'steward');
      const segment = await store.segments.get(communityId, segmentId);
      const community = await store.communities.get(communityId);
      const rows = store.members.exportRows(communityId, segment.filter, { asOf: clock.now() });
      const file = `segment-${segmentId}-${clock.now().toISOString().slice(0, 10)}.csv`;
      return c.body(segmentCsv(rows, community.language), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${file}"`,
      }) as never;
    },
  );

  // Ponds (鱼塘)

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/ponds',
      tags: ['segments'],
      summary: 'Ponds (鱼塘): a segment paired with a topic group to invite its members to, with figures',
      security,
      request: { params: communityParams },
      responses: {
        ...jsonOk(z.object({ items: z.array(pondSchema.extend({ stats: pondStatsSchema })) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const now = clock.now();
      const ponds = await store.ponds.list(communityId);
      const items = [];
      for (const pond of ponds) items.push({ ...pond, stats: await store.ponds.stats(communityId, pond.id, now) });
      return ok(c, { items });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/ponds',
      tags: ['segments'],
      summary: 'Make a pond (steward)',
      security,
      request: { params: communityParams, body: jsonBody(pondFields) },
      responses: { ...jsonOk(pondSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'steward');
      await store.segments.get(communityId, body.segmentId);
      await store.groups.get(communityId, body.targetGroupId);
      return ok(c, await store.ponds.create(communityId, body), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/communities/{communityId}/ponds/{pondId}',
      tags: ['segments'],
      summary: 'Change a pond (steward)',
      security,
      request: { params: pondParams, body: jsonBody(pondFields.partial()) },
      responses: { ...jsonOk(pondSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, pondId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'steward');
      if (body.segmentId) await store.segments.get(communityId, body.segmentId);
      if (body.targetGroupId) await store.groups.get(communityId, body.targetGroupId);
      const patch = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<Pond>;
      return ok(c, await store.ponds.update(communityId, pondId, patch));
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/communities/{communityId}/ponds/{pondId}',
      tags: ['segments'],
      summary: 'Delete a pond and its record of invitations (steward)',
      security,
      request: { params: pondParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      const { communityId, pondId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'steward');
      await store.ponds.delete(communityId, pondId);
      return c.body(null, 204) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/ponds/{pondId}',
      tags: ['segments'],
      summary: 'A pond with its figures, who it may invite now, and its latest invitations',
      security,
      request: { params: pondParams, query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
      responses: {
        ...jsonOk(
          pondSchema.extend({
            stats: pondStatsSchema,
            candidates: z.array(z.object({ memberId: z.number(), displayName: z.string(), groupId: z.number() })),
            invites: z.array(
              z.object({
                memberId: z.number(),
                memberName: z.string(),
                groupId: z.number(),
                invitedAt: isoDate,
                joined: z.boolean(),
              }),
            ),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, pondId } = c.req.valid('param');
      const { limit } = c.req.valid('query');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const now = clock.now();
      const pond = await store.ponds.get(communityId, pondId);
      return ok(c, {
        ...pond,
        stats: await store.ponds.stats(communityId, pondId, now),
        candidates: await store.ponds.candidates(communityId, pondId, now, limit),
        invites: await store.ponds.invites(communityId, pondId, limit),
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/ponds/{pondId}/invite',
      tags: ['segments'],
      summary:
        'Invite up to `max` waiting members: batched @mentions posted in a group where each is, through the outbox (steward)',
      security,
      request: {
        params: pondParams,
        body: jsonBody(z.object({ max: z.number().int().min(1).max(500).default(50) })),
      },
      responses: {
        ...jsonOk(z.object({ invited: z.number(), messages: z.number(), groups: z.number() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, pondId } = c.req.valid('param');
      const { max } = c.req.valid('json');
      const { store, clock, runtime } = deps(c);
      const p = principal(c);
      await requireRole(store, p, communityId, 'steward');
      const now = clock.now();
      const result = await store.transaction(async (tx) => {
        const pond = await tx.ponds.get(communityId, pondId);
        const community = await tx.communities.get(communityId);
        const candidates = await tx.ponds.candidates(communityId, pondId, now, max);
        const byGroup = new Map<number, typeof candidates>();
        for (const m of candidates) byGroup.set(m.groupId, [...(byGroup.get(m.groupId) ?? []), m]);
        let messages = 0;
        for (const [groupId, members] of byGroup) {
          const posts = pondInvitationPosts({
            language: community.language,
            template: pond.template,
            groupName: pond.targetGroupName,
            link: pond.joinLink,
            members,
            perMessage: pond.perMessage,
          });
          for (const [i, post] of posts.entries()) {
            messages += 1;
            await tx.playState.enqueueAction({
              communityId,
              groupId,
              play: 'ponds',
              kind: 'send',
              payload: post,
              idempotencyKey: `ponds:p${pondId}:g${groupId}:${now.toISOString()}:${i + 1}`,
              at: now,
            });
          }
        }
        await tx.ponds.recordInvites(communityId, pondId, candidates, now, userIdOf(p));
        return { invited: candidates.length, messages, groups: byGroup.size };
      });
      // The outbox sends them within each platform's limits.
      void runtime.dispatch().catch(() => {});
      return ok(c, result);
    },
  );
};
