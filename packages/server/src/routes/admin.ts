import { randomBytes } from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ACTION_STATUSES, QunzhuError, ROLES, roleAtLeast } from '@qunzhu/core';
import type { AppEnv } from '../app-env.js';
import { requireRole, userIdOf } from '../auth/access.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/secrets.js';
import { newApiToken } from '../auth/sessions.js';
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

const tokenSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    role: z.string(),
    createdAt: isoDate,
    lastUsedAt: isoDate.nullable(),
    revokedAt: isoDate.nullable(),
  })
  .openapi('ApiToken');

export const adminRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/actions',
      tags: ['outbox'],
      summary: 'The outbox: what plays decided to do, and whether it went out',
      security,
      request: {
        params: communityParams,
        query: z.object({
          groupId: id.optional(),
          status: z.enum(ACTION_STATUSES).optional(),
          afterId: id.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: { ...jsonOk(z.object({ items: z.array(z.record(z.string(), z.unknown())) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const items = await store.actions.list(communityId, {
        limit: q.limit,
        ...(q.groupId ? { groupId: q.groupId } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.afterId ? { afterId: q.afterId } : {}),
      });
      return ok(c, { items });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/users',
      tags: ['users'],
      summary: 'Console users of a community and their roles (admin)',
      security,
      request: { params: communityParams },
      responses: {
        ...jsonOk(
          z.object({
            items: z.array(z.object({ id: z.number(), email: z.string(), name: z.string(), role: z.enum(ROLES) })),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      const items = (await store.auth.usersOfCommunity(communityId)).map(({ id: uid, email, name, role }) => ({
        id: uid,
        email,
        name,
        role,
      }));
      return ok(c, { items });
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/communities/{communityId}/users',
      tags: ['users'],
      summary:
        'Give a user a role in the community, creating the account if needed (a temporary password is returned once). Admins grant steward and viewer; owners any role',
      security,
      request: {
        params: communityParams,
        body: jsonBody(
          z.object({
            email: z.string().trim().email().max(320),
            role: z.enum(ROLES),
            name: z.string().max(200).optional(),
            password: z.string().min(MIN_PASSWORD_LENGTH).max(1024).optional(),
          }),
        ),
      },
      responses: {
        ...jsonOk(
          z.object({
            id: z.number(),
            email: z.string(),
            role: z.enum(ROLES),
            temporaryPassword: z.string().optional(),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store } = deps(c);
      const held = await requireRole(store, principal(c), communityId, 'admin');
      if (held !== 'owner' && roleAtLeast(body.role, 'admin')) {
        throw new QunzhuError('forbidden', `only an owner can grant the ${body.role} role`);
      }
      const result = await store.transaction(async (tx) => {
        let user = await tx.auth.findUserByEmail(body.email);
        let temporaryPassword: string | undefined;
        if (!user) {
          temporaryPassword = body.password ? undefined : randomBytes(12).toString('base64url');
          const created = await tx.auth.createUser({
            email: body.email,
            name: body.name ?? '',
            passwordHash: await hashPassword(body.password ?? (temporaryPassword as string)),
          });
          user = { ...created, passwordHash: '' };
        } else {
          const current = await tx.auth.roleOf(communityId, user.id);
          if (current === 'owner' && body.role !== 'owner' && (await tx.auth.countOwners(communityId)) <= 1) {
            throw new QunzhuError('conflict', 'a community keeps at least one owner');
          }
          if (current && held !== 'owner' && roleAtLeast(current, 'admin')) {
            throw new QunzhuError('forbidden', `only an owner can change the role of an ${current}`);
          }
        }
        await tx.auth.setRole(communityId, user.id, body.role);
        return { id: user.id, email: user.email, role: body.role, ...(temporaryPassword ? { temporaryPassword } : {}) };
      });
      return ok(c, result);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/communities/{communityId}/users/{userId}',
      tags: ['users'],
      summary: "Take a user's role in the community away (owner)",
      security,
      request: { params: communityParams.extend({ userId: id.openapi({ param: { name: 'userId', in: 'path' } }) }) },
      responses: { ...jsonOk(z.object({ removed: z.boolean() })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, userId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'owner');
      const removed = await store.transaction(async (tx) => {
        if ((await tx.auth.roleOf(communityId, userId)) === 'owner' && (await tx.auth.countOwners(communityId)) <= 1) {
          throw new QunzhuError('conflict', 'a community keeps at least one owner');
        }
        return tx.auth.removeRole(communityId, userId);
      });
      return ok(c, { removed });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/tokens',
      tags: ['tokens'],
      summary: 'API tokens for scripts, scoped to this community (admin)',
      security,
      request: { params: communityParams },
      responses: { ...jsonOk(z.object({ items: z.array(tokenSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      return ok(c, { items: await store.auth.listTokens(communityId) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/tokens',
      tags: ['tokens'],
      summary: 'Create an API token; the secret is shown once. Use it as "Authorization: Bearer <token>" (admin)',
      security,
      request: {
        params: communityParams,
        body: jsonBody(
          z.object({
            name: z.string().trim().min(1).max(100),
            role: z.enum(['admin', 'steward', 'viewer']).default('viewer'),
          }),
        ),
      },
      responses: { ...jsonOk(tokenSchema.extend({ token: z.string() })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store } = deps(c);
      const p = principal(c);
      await requireRole(store, p, communityId, 'admin');
      const { token, hash } = newApiToken();
      const created = await store.auth.createToken({
        communityId,
        name: body.name,
        tokenHash: hash,
        role: body.role,
        createdBy: userIdOf(p),
      });
      return ok(c, { ...created, token });
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/communities/{communityId}/tokens/{tokenId}',
      tags: ['tokens'],
      summary: 'Revoke an API token (admin)',
      security,
      request: { params: communityParams.extend({ tokenId: id.openapi({ param: { name: 'tokenId', in: 'path' } }) }) },
      responses: { ...jsonOk(z.object({ revoked: z.boolean() })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, tokenId } = c.req.valid('param');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'admin');
      return ok(c, { revoked: await d.store.auth.revokeToken(communityId, tokenId, d.clock.now()) });
    },
  );
};
