import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { GROUP_TYPES, LANGUAGES, QunzhuError } from '@qunzhu/core';
import type { AppEnv } from '../app-env.js';
import { requireInstanceAdmin, requireRole, roleIn } from '../auth/access.js';
import {
  communityParams,
  deps,
  errorResponses,
  groupParams,
  id,
  isoDate,
  jsonBody,
  jsonOk,
  ok,
  principal,
  security,
} from './common.js';

const timezone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'not an IANA time zone (e.g. Asia/Shanghai)');

export const communitySchema = z
  .object({ id: z.number(), name: z.string(), timezone: z.string(), language: z.enum(LANGUAGES), createdAt: isoDate })
  .openapi('Community');
const groupSchema = z
  .object({
    id: z.number(),
    communityId: z.number(),
    platform: z.string(),
    platformGroupId: z.string(),
    name: z.string(),
    type: z.enum(GROUP_TYPES),
    capacity: z.number().nullable(),
    createdAt: isoDate,
    members: z.number().optional(),
    lastEventAt: isoDate.nullable().optional(),
  })
  .openapi('Group');

const communityName = z.string().trim().min(1).max(200);

export const communityRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities',
      tags: ['communities'],
      summary: 'Communities the caller has a role in, with that role',
      security,
      responses: {
        ...jsonOk(z.object({ items: z.array(communitySchema.extend({ role: z.string() })) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = principal(c);
      const { store } = deps(c);
      const items = [];
      for (const community of await store.communities.list()) {
        const role = await roleIn(store, p, community.id);
        if (role) items.push({ ...community, role });
      }
      return ok(c, { items });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities',
      tags: ['communities'],
      summary: 'Create a community (instance administrators)',
      security,
      request: {
        body: jsonBody(
          z.object({ name: communityName, timezone: timezone.optional(), language: z.enum(LANGUAGES).optional() }),
        ),
      },
      responses: { ...jsonOk(communitySchema), ...errorResponses },
    }),
    async (c) => {
      const user = requireInstanceAdmin(principal(c));
      const body = c.req.valid('json');
      const community = await deps(c).store.transaction(async (tx) => {
        const created = await tx.communities.create({
          name: body.name,
          ...(body.timezone ? { timezone: body.timezone } : {}),
          ...(body.language ? { language: body.language } : {}),
        });
        await tx.auth.setRole(created.id, user.id, 'owner');
        return created;
      });
      return ok(c, community);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}',
      tags: ['communities'],
      summary: 'A community, with counts of groups, members and events by type',
      security,
      request: { params: communityParams },
      responses: {
        ...jsonOk(
          communitySchema.extend({
            role: z.string(),
            groups: z.number(),
            members: z.number(),
            events: z.record(z.string(), z.number()),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const { store } = deps(c);
      const role = await requireRole(store, principal(c), communityId, 'viewer');
      const [community, groups, members, events] = await Promise.all([
        store.communities.get(communityId),
        store.groups.list(communityId),
        store.members.search(communityId, { limit: 0, offset: 0 }),
        store.events.count(communityId),
      ]);
      return ok(c, { ...community, role, groups: groups.length, members: members.total, events });
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/communities/{communityId}',
      tags: ['communities'],
      summary: 'Rename a community or change its time zone or language (admin)',
      security,
      request: {
        params: communityParams,
        body: jsonBody(
          z.object({
            name: communityName.optional(),
            timezone: timezone.optional(),
            language: z.enum(LANGUAGES).optional(),
          }),
        ),
      },
      responses: { ...jsonOk(communitySchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'admin');
      const body = c.req.valid('json');
      const before = await d.store.communities.get(communityId);
      const updated = await d.store.transaction(async (tx) => {
        const c = await tx.communities.update(communityId, {
          ...(body.name ? { name: body.name } : {}),
          ...(body.timezone ? { timezone: body.timezone } : {}),
          ...(body.language ? { language: body.language } : {}),
        });
        // Rollup days are cut in the community's zone: a new zone recuts them.
        if (c.timezone !== before.timezone) await tx.rollups.rebuild(communityId);
        return c;
      });
      d.runtime.invalidate(communityId);
      return ok(c, updated);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/groups',
      tags: ['groups'],
      summary: 'Groups of a community with member counts and last activity',
      security,
      request: {
        params: communityParams,
        query: z.object({ platform: z.string().max(32).optional(), type: z.enum(GROUP_TYPES).optional() }),
      },
      responses: { ...jsonOk(z.object({ items: z.array(groupSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const query = c.req.valid('query');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const items = await store.groups.list(communityId, {
        ...(query.platform ? { platform: query.platform } : {}),
        ...(query.type ? { type: query.type } : {}),
      });
      return ok(c, { items });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/groups',
      tags: ['groups'],
      summary: 'Register a group by its platform id (admin); connected platforms also add groups themselves',
      security,
      request: {
        params: communityParams,
        body: jsonBody(
          z.object({
            platform: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
            platformGroupId: z.string().trim().min(1).max(200),
            name: z.string().trim().min(1).max(200),
            type: z.enum(GROUP_TYPES).optional(),
            capacity: z.number().int().positive().nullable().optional(),
          }),
        ),
      },
      responses: { ...jsonOk(groupSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      const body = c.req.valid('json');
      return ok(
        c,
        await store.groups.create(communityId, {
          platform: body.platform,
          platformGroupId: body.platformGroupId,
          name: body.name,
          ...(body.type ? { type: body.type } : {}),
          ...(body.capacity !== undefined ? { capacity: body.capacity } : {}),
        }),
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/groups/{groupId}',
      tags: ['groups'],
      summary: 'One group',
      security,
      request: { params: groupParams },
      responses: { ...jsonOk(groupSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, groupId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const [group] = await store.groups.list(communityId, { id: groupId });
      if (!group) throw new QunzhuError('not_found', `group ${groupId} not found`);
      return ok(c, group);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/communities/{communityId}/groups/{groupId}',
      tags: ['groups'],
      summary: "Change a group's name, type (its place in the funnel) or capacity (admin)",
      security,
      request: {
        params: groupParams,
        body: jsonBody(
          z.object({
            name: z.string().trim().min(1).max(200).optional(),
            type: z.enum(GROUP_TYPES).optional(),
            capacity: z.number().int().positive().nullable().optional(),
          }),
        ),
      },
      responses: { ...jsonOk(groupSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, groupId } = c.req.valid('param');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'admin');
      const body = c.req.valid('json');
      const updated = await d.store.groups.update(communityId, groupId, {
        ...(body.name ? { name: body.name } : {}),
        ...(body.type ? { type: body.type } : {}),
        ...(body.capacity !== undefined ? { capacity: body.capacity } : {}),
      });
      d.runtime.invalidate(communityId, groupId);
      return ok(c, updated);
    },
  );
};

export { id };
