import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { QunzhuError } from '@qunzhu/core';
import type { AppEnv } from '../app-env.js';
import { requireRole } from '../auth/access.js';
import {
  communityParams,
  deps,
  errorResponses,
  id,
  isoDate,
  jsonBody,
  jsonOk,
  memberParams,
  ok,
  principal,
  security,
} from './common.js';
import { parseMemberFilter } from './segments.js';

const memberSchema = z
  .object({
    id: z.number(),
    communityId: z.number(),
    displayName: z.string(),
    firstSeenAt: isoDate.nullable(),
    lastSeenAt: isoDate.nullable(),
  })
  .openapi('Member');
const eventSchema = z
  .object({
    id: z.number(),
    groupId: z.number(),
    groupName: z.string(),
    memberId: z.number(),
    type: z.string(),
    source: z.string(),
    sourceId: z.string(),
    at: isoDate,
    payload: z.record(z.string(), z.unknown()),
  })
  .openapi('Event');

const encodeCursor = (at: Date, eventId: number) => Buffer.from(`${at.toISOString()}|${eventId}`).toString('base64url');
const decodeCursor = (cursor: string) => {
  const [at, eventId] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  const n = Number(eventId);
  if (Number.isNaN(date.getTime()) || !Number.isSafeInteger(n)) throw new QunzhuError('bad_input', 'invalid cursor');
  return { at: date, id: n };
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new QunzhuError('bad_input', 'filter: not valid JSON');
  }
};

export const memberRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/members',
      tags: ['members'],
      summary: 'Search members by name, platform user id or member id; filter by group; paged',
      security,
      request: {
        params: communityParams,
        query: z.object({
          q: z.string().max(200).optional(),
          groupId: id.optional(),
          tag: z.string().trim().min(1).max(40).optional(),
          present: z
            .enum(['true', 'false'])
            .optional()
            .openapi({ description: 'with groupId: only members still in it' }),
          sort: z.enum(['last_seen', 'first_seen', 'name']).optional(),
          filter: z
            .string()
            .max(8000)
            .optional()
            .openapi({ description: 'a member filter as JSON, the shape saved segments use (docs/segments.md)' }),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        ...jsonOk(
          z.object({ items: z.array(memberSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const filter = q.filter === undefined ? {} : parseMemberFilter(parseJson(q.filter), 'filter');
      const result = await store.members.search(communityId, {
        ...filter,
        asOf: clock.now(),
        ...(q.q ? { q: q.q } : {}),
        ...(q.groupId ? { groupId: q.groupId } : {}),
        presentOnly: q.present === 'true',
        ...(q.tag ? { tag: q.tag } : {}),
        ...(q.sort ? { sort: q.sort } : {}),
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return ok(c, { ...result, page: q.page, pageSize: q.pageSize });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/members/{memberId}',
      tags: ['members'],
      summary: 'A member with identities and groups',
      security,
      request: { params: memberParams },
      responses: {
        ...jsonOk(
          memberSchema.extend({
            identities: z.array(
              z.object({ platform: z.string(), platformUserId: z.string(), displayName: z.string() }),
            ),
            groups: z.array(
              z.object({
                groupId: z.number(),
                groupName: z.string(),
                status: z.enum(['in', 'left']),
                joinedAt: isoDate.nullable(),
                leftAt: isoDate.nullable(),
                firstSeenAt: isoDate,
                lastSeenAt: isoDate,
              }),
            ),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, memberId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      return ok(c, await store.members.detail(communityId, memberId));
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/members/{memberId}/events',
      tags: ['members'],
      summary: "A member's timeline of events, newest first; pass nextCursor back as cursor for the next page",
      security,
      request: {
        params: memberParams,
        query: z.object({
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
      responses: {
        ...jsonOk(z.object({ items: z.array(eventSchema), nextCursor: z.string().nullable() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, memberId } = c.req.valid('param');
      const { cursor, limit } = c.req.valid('query');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      await store.members.get(communityId, memberId);
      const items = await store.events.timeline(communityId, memberId, {
        limit,
        ...(cursor ? { before: decodeCursor(cursor) } : {}),
      });
      const last = items.at(-1);
      return ok(c, { items, nextCursor: last && items.length === limit ? encodeCursor(last.at, last.id) : null });
    },
  );

  const tagSchema = z.string().trim().min(1).max(40);
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/members/{memberId}/tags',
      tags: ['members'],
      summary: "A member's tags (标签), and who set each: an operator or a play",
      security,
      request: { params: memberParams },
      responses: {
        ...jsonOk(z.object({ items: z.array(z.object({ tag: z.string(), source: z.string() })) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, memberId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      await store.members.get(communityId, memberId);
      return ok(c, { items: await store.members.tags(communityId, memberId) });
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/communities/{communityId}/members/{memberId}/tags',
      tags: ['members'],
      summary: "Set a member's tags to exactly these (steward)",
      security,
      request: { params: memberParams, body: jsonBody(z.object({ tags: z.array(tagSchema).max(50) })) },
      responses: {
        ...jsonOk(z.object({ items: z.array(z.object({ tag: z.string(), source: z.string() })) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, memberId } = c.req.valid('param');
      const { tags } = c.req.valid('json');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'steward');
      await store.members.get(communityId, memberId);
      await store.transaction((tx) => tx.members.setTags(communityId, memberId, [...new Set(tags)]));
      return ok(c, { items: await store.members.tags(communityId, memberId) });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/tags',
      tags: ['members'],
      summary: 'Every tag in the community with how many members carry it',
      security,
      request: { params: communityParams },
      responses: {
        ...jsonOk(z.object({ items: z.array(z.object({ tag: z.string(), members: z.number() })) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      return ok(c, { items: await store.members.tagCounts(communityId) });
    },
  );
};
