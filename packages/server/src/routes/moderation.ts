import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { QunzhuError } from '@qunzhu/core';
import type { Store } from '@qunzhu/store';
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
import { blocklistCsv, parseBlocklistImport } from './moderation-blocklist-io.js';
import { moderationDecisionRoutes } from './moderation-decisions.js';

const base = '/api/v1/communities/{communityId}/moderation';
const roleName = z.string().trim().min(1).max(40);
const roleSchema = z
  .object({
    memberId: z.number(),
    displayName: z.string(),
    groupId: z.number().nullable(),
    role: z.string(),
    source: z.string(),
    createdAt: isoDate,
  })
  .openapi('MemberRole');
const roleBody = z.object({
  memberId: id,
  /** Omitted or null: community-wide. */
  groupId: id.nullable().optional(),
  role: roleName,
});
const blocklistSchema = z
  .object({
    memberId: z.number(),
    displayName: z.string(),
    identities: z.array(z.object({ platform: z.string(), platformUserId: z.string() })),
    reason: z.string(),
    source: z.string(),
    addedBy: z.number().nullable(),
    addedAt: isoDate,
  })
  .openapi('BlocklistEntry');

const requireMember = async (store: Store, communityId: number, memberId: number) => {
  if (!(await store.moderation.memberExists(communityId, memberId))) {
    throw new QunzhuError('not_found', `member ${memberId} not found in community ${communityId}`);
  }
};

/** Member roles and the blocklist; violations, decisions and join requests in moderation-decisions.ts. */
export const moderationRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/roles`,
      tags: ['moderation'],
      summary: "Members' roles (owner, admin, steward, an operator's own), per group or community-wide",
      security,
      request: { params: communityParams, query: z.object({ memberId: id.optional(), groupId: id.optional() }) },
      responses: { ...jsonOk(z.object({ items: z.array(roleSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      const items = await store.moderation.listRoles(communityId, {
        ...(q.memberId ? { memberId: q.memberId } : {}),
        ...(q.groupId ? { groupId: q.groupId } : {}),
      });
      return ok(c, { items });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/roles`,
      tags: ['moderation'],
      summary: 'Give a member a role in a group, or community-wide without groupId (admin)',
      security,
      request: { params: communityParams, body: jsonBody(roleBody) },
      responses: { ...jsonOk(z.object({ added: z.boolean() })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const body = c.req.valid('json');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'admin');
      await requireMember(d.store, communityId, body.memberId);
      if (body.groupId) await d.store.groups.get(communityId, body.groupId);
      const added = await d.store.moderation.addRole(communityId, body.memberId, body.groupId ?? null, body.role);
      return ok(c, { added });
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${base}/roles`,
      tags: ['moderation'],
      summary: 'Take a role away (admin)',
      security,
      request: { params: communityParams, query: roleBody },
      responses: { ...jsonOk(z.object({ removed: z.boolean() })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const q = c.req.valid('query');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'admin');
      const removed = await d.store.moderation.removeRole(communityId, q.memberId, q.groupId ?? null, q.role);
      if (!removed) throw new QunzhuError('not_found', `member ${q.memberId} does not hold the role "${q.role}" there`);
      return ok(c, { removed });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/blocklist`,
      tags: ['moderation'],
      summary: "The community's blocklist, newest first",
      security,
      request: { params: communityParams },
      responses: { ...jsonOk(z.object({ items: z.array(blocklistSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      return ok(c, { items: await store.moderation.listBlocklist(communityId) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/blocklist`,
      tags: ['moderation'],
      summary: 'List a member, by member id or by platform and platform user id (created if unknown) (steward)',
      security,
      request: {
        params: communityParams,
        body: jsonBody(
          z
            .object({
              memberId: id.optional(),
              platform: z.string().trim().min(1).max(40).optional(),
              platformUserId: z.string().trim().min(1).max(200).optional(),
              displayName: z.string().trim().max(200).optional(),
              reason: z.string().trim().max(500).default(''),
            })
            .refine((b) => b.memberId !== undefined || (b.platform && b.platformUserId), {
              message: 'give memberId, or platform and platformUserId',
            }),
        ),
      },
      responses: {
        ...jsonOk(z.object({ memberId: z.number(), added: z.boolean(), memberCreated: z.boolean() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const body = c.req.valid('json');
      const d = deps(c);
      const p = principal(c);
      await requireRole(d.store, p, communityId, 'steward');
      let memberId = body.memberId;
      let memberCreated = false;
      if (memberId === undefined) {
        const found = await d.store.moderation.memberForIdentity(
          communityId,
          body.platform ?? '',
          body.platformUserId ?? '',
          body.displayName || (body.platformUserId ?? ''),
        );
        memberId = found.memberId;
        memberCreated = found.created;
      } else {
        await requireMember(d.store, communityId, memberId);
      }
      const added = await d.store.moderation.addToBlocklist(communityId, memberId, {
        reason: body.reason,
        source: 'operator',
        addedBy: userIdOf(p),
      });
      return ok(c, { memberId, added, memberCreated });
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${base}/blocklist/{memberId}`,
      tags: ['moderation'],
      summary: 'Take a member off the blocklist (steward)',
      security,
      request: {
        params: communityParams.extend({ memberId: id.openapi({ param: { name: 'memberId', in: 'path' } }) }),
      },
      responses: { ...jsonOk(z.object({ removed: z.boolean() })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, memberId } = c.req.valid('param');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'steward');
      if (!(await d.store.moderation.removeFromBlocklist(communityId, memberId))) {
        throw new QunzhuError('not_found', `member ${memberId} is not on the blocklist`);
      }
      return ok(c, { removed: true });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/blocklist/import`,
      tags: ['moderation'],
      summary: 'Import a blocklist (CSV or JSON): all lines or none; bad lines are named (admin)',
      security,
      request: {
        params: communityParams,
        body: jsonBody(z.object({ format: z.enum(['csv', 'json']), content: z.string().max(4 * 1024 * 1024) })),
      },
      responses: {
        ...jsonOk(z.object({ lines: z.number(), added: z.number(), membersCreated: z.number() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const body = c.req.valid('json');
      const d = deps(c);
      const p = principal(c);
      await requireRole(d.store, p, communityId, 'admin');
      const lines = parseBlocklistImport(body.format, body.content);
      const result = await d.store.transaction(async (tx) => {
        let added = 0;
        let membersCreated = 0;
        const missing: { line: number; message: string }[] = [];
        for (const line of lines) {
          let memberId = line.memberId;
          if (line.identity) {
            const { platform, platformUserId, displayName } = line.identity;
            const found = await tx.moderation.memberForIdentity(communityId, platform, platformUserId, displayName);
            memberId = found.memberId;
            if (found.created) membersCreated += 1;
          } else if (memberId === undefined || !(await tx.moderation.memberExists(communityId, memberId))) {
            missing.push({ line: line.line, message: `member ${memberId} not found in community ${communityId}` });
            continue;
          }
          if (memberId === undefined) continue;
          const source = 'import';
          if (
            await tx.moderation.addToBlocklist(communityId, memberId, {
              reason: line.reason,
              source,
              addedBy: userIdOf(p),
            })
          ) {
            added += 1;
          }
        }
        if (missing.length > 0) {
          // Throwing rolls the transaction back: members created above are gone too.
          throw new QunzhuError(
            'bad_input',
            `blocklist import: nothing imported; ${missing
              .slice(0, 5)
              .map((m) => `line ${m.line}: ${m.message}`)
              .join('; ')}`,
            { details: missing },
          );
        }
        return { lines: lines.length, added, membersCreated };
      });
      return ok(c, result);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/blocklist/export`,
      tags: ['moderation'],
      summary: 'Export the blocklist as CSV (one row per identity) or JSON',
      security,
      request: { params: communityParams, query: z.object({ format: z.enum(['csv', 'json']).default('csv') }) },
      responses: {
        200: {
          description: 'The file',
          content: { 'text/csv': { schema: z.string() }, 'application/json': { schema: z.array(blocklistSchema) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'steward');
      const entries = await store.moderation.listBlocklist(communityId);
      const name = `blocklist-${communityId}.${format}`;
      c.header('Content-Disposition', `attachment; filename="${name}"`);
      if (format === 'json') {
        const json = entries.map((e) => ({
          memberId: e.memberId,
          displayName: e.displayName,
          identities: e.identities,
          ...(e.identities[0]
            ? { platform: e.identities[0].platform, platformUserId: e.identities[0].platformUserId }
            : {}),
          reason: e.reason,
          source: e.source,
          addedAt: e.addedAt.toISOString(),
        }));
        return c.json(json) as never;
      }
      c.header('Content-Type', 'text/csv; charset=utf-8');
      return c.body(blocklistCsv(entries)) as never;
    },
  );

  moderationDecisionRoutes(app);
};
