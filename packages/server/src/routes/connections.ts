import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { QunzhuError } from '@qunzhu/core';
import type { AppEnv } from '../app-env.js';
import { requireRole, userIdOf } from '../auth/access.js';
import { hasWebhook } from '../connections/index.js';
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

const stateSchema = z
  .object({
    status: z.enum(['connecting', 'connected', 'disconnected', 'failed']),
    at: isoDate,
    account: z.object({ platformUserId: z.string(), displayName: z.string() }).optional(),
    detail: z
      .string()
      .optional()
      .openapi({ description: 'Why it failed, or what to do (a QR code link while connecting)' }),
  })
  .openapi('ConnectionState');

const connectionSchema = z
  .object({
    platform: z.string(),
    settings: z.record(z.string(), z.unknown()).openapi({ description: 'Settings without the secrets' }),
    secrets: z
      .record(z.string(), z.string())
      .openapi({ description: 'Secret settings that are set, as "…" and their last 4 characters' }),
    state: stateSchema.nullable(),
    running: z.boolean(),
    updatedAt: isoDate,
  })
  .openapi('Connection');

const platformParams = communityParams.extend({
  platform: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,31}$/)
    .openapi({ param: { name: 'platform', in: 'path' }, example: 'telegram' }),
});

export const connectionRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/connections',
      tags: ['connections'],
      summary: "The community's platform connections with their state, and the platforms this server supports (admin)",
      security,
      request: { params: communityParams },
      responses: {
        ...jsonOk(z.object({ items: z.array(connectionSchema), platforms: z.array(z.string()) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'admin');
      return ok(c, { items: await d.connections.list(communityId), platforms: d.connections.platforms });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/connections/{platform}',
      tags: ['connections'],
      summary: 'One platform connection and its state (admin)',
      security,
      request: { params: platformParams },
      responses: { ...jsonOk(connectionSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, platform } = c.req.valid('param');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'admin');
      return ok(c, await d.connections.get(communityId, platform));
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/communities/{communityId}/connections/{platform}',
      tags: ['connections'],
      summary:
        'Connect the community to a platform, or change its settings, and (re)start the connection (admin). ' +
        'Telegram: {token, apiRoot?, webhookUrl?, webhookSecret?}; WeChat: {puppet, puppetToken?, name?, limits?}. ' +
        'Secret fields left out keep their stored value.',
      security,
      request: { params: platformParams, body: jsonBody(z.record(z.string(), z.unknown())) },
      responses: { ...jsonOk(connectionSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, platform } = c.req.valid('param');
      const d = deps(c);
      const p = principal(c);
      await requireRole(d.store, p, communityId, 'admin');
      return ok(c, await d.connections.configure(communityId, platform, c.req.valid('json'), userIdOf(p)));
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/communities/{communityId}/connections/{platform}',
      tags: ['connections'],
      summary: "Disconnect and forget the community's connection to a platform; its groups and history stay (admin)",
      security,
      request: { params: platformParams },
      responses: { ...jsonOk(z.object({ deleted: z.literal(true) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, platform } = c.req.valid('param');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'admin');
      if (!(await d.connections.remove(communityId, platform))) {
        throw new QunzhuError('not_found', `no ${platform} connection in community ${communityId}`);
      }
      return ok(c, { deleted: true });
    },
  );

  // Telegram posts updates here with the secret token it was given; no session or API token.
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/telegram/{communityId}/webhook',
      tags: ['connections'],
      summary: "Telegram's webhook for a community's bot: checked against X-Telegram-Bot-Api-Secret-Token",
      request: {
        params: z.object({ communityId: id.openapi({ param: { name: 'communityId', in: 'path' } }) }),
        body: { required: true, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
      },
      responses: {
        200: { description: 'Taken' },
        401: { description: 'Wrong or missing secret token (logged)' },
        404: { description: 'No Telegram webhook connection in this community' },
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const d = deps(c);
      const connection = d.connections.webhookConnection(communityId, 'telegram');
      if (!connection || !hasWebhook(connection)) {
        throw new QunzhuError('not_found', `no Telegram webhook connection in community ${communityId}`);
      }
      const secret = c.req.header('X-Telegram-Bot-Api-Secret-Token');
      const { status } = await connection.handleWebhook(c.req.valid('json'), secret);
      if (status === 401 || status === 403) {
        d.logError(
          `Telegram webhook for community ${communityId} refused: ${secret ? 'wrong' : 'no'} secret token (from ${
            c.req.header('x-forwarded-for') ?? 'a direct client'
          })`,
        );
        throw new QunzhuError('unauthenticated', 'wrong or missing X-Telegram-Bot-Api-Secret-Token');
      }
      return c.body(null, status as 200) as never;
    },
  );
};
