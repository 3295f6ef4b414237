import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { QunzhuError } from '@qunzhu/core';
import type { AppEnv } from '../app-env.js';
import { requireRole, userIdOf } from '../auth/access.js';
import { backtestPlay } from '../runtime/backtest.js';
import {
  communityParams,
  deps,
  errorResponses,
  groupParams,
  id,
  jsonBody,
  jsonOk,
  ok,
  principal,
  security,
} from './common.js';

const playName = z.string().regex(/^[a-z][a-z0-9_-]{0,40}$/);
const playParams = groupParams.extend({ play: playName.openapi({ param: { name: 'play', in: 'path' } }) });
const groupPlaySchema = z
  .object({ play: z.string(), enabled: z.boolean(), config: z.unknown(), stored: z.boolean() })
  .openapi('GroupPlay');
const actionSchema = z
  .object({
    groupId: z.number(),
    play: z.string(),
    kind: z.string(),
    payload: z.record(z.string(), z.unknown()),
    idempotencyKey: z.string(),
    at: z.string(),
    sourceEventId: z.number().optional(),
  })
  .openapi('ActionDecision');

export const playRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/plays',
      tags: ['plays'],
      summary: 'Every play this server knows, with its configuration schema and defaults',
      security,
      responses: {
        ...jsonOk(
          z.object({
            items: z.array(
              z.object({
                name: z.string(),
                title: z.record(z.string(), z.string()),
                description: z.record(z.string(), z.string()),
                defaults: z.unknown(),
                configSchema: z.unknown(),
                sharedDefaults: z.unknown(),
                sharedSchema: z.unknown().nullable(),
              }),
            ),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      principal(c);
      const { registry } = deps(c);
      return ok(c, {
        items: registry.list().map((p) => ({
          name: p.name,
          title: p.title,
          description: p.description,
          defaults: registry.parseConfig(p.name, {}),
          configSchema: z.toJSONSchema(p.configSchema, { io: 'input' }),
          sharedDefaults: registry.parseShared(p.name, {}),
          sharedSchema: p.sharedSchema ? z.toJSONSchema(p.sharedSchema, { io: 'input' }) : null,
        })),
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/groups/{groupId}/plays',
      tags: ['plays'],
      summary: "A group's plays: switched on or off, and their configuration (defaults where none is stored)",
      security,
      request: { params: groupParams },
      responses: { ...jsonOk(z.object({ items: z.array(groupPlaySchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, groupId } = c.req.valid('param');
      const { store, registry } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      await store.groups.get(communityId, groupId);
      const stored = new Map((await store.plays.list(communityId, groupId)).map((p) => [p.play, p]));
      const items = registry.list().map((p) => {
        const s = stored.get(p.name);
        return {
          play: p.name,
          enabled: s?.enabled ?? false,
          config: registry.parseConfig(p.name, s?.config ?? {}),
          stored: s !== undefined,
        };
      });
      return ok(c, { items });
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/communities/{communityId}/groups/{groupId}/plays/{play}',
      tags: ['plays'],
      summary: "Switch a group's play on or off and set its configuration (admin)",
      security,
      request: {
        params: playParams,
        body: jsonBody(z.object({ enabled: z.boolean(), config: z.unknown().optional() })),
      },
      responses: { ...jsonOk(groupPlaySchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, groupId, play } = c.req.valid('param');
      const body = c.req.valid('json');
      const d = deps(c);
      const p = principal(c);
      await requireRole(d.store, p, communityId, 'admin');
      await d.store.groups.get(communityId, groupId);
      const config = d.registry.parseConfig(play, body.config ?? {});
      await d.store.plays.put(communityId, { groupId, play, enabled: body.enabled, config }, userIdOf(p));
      d.runtime.invalidate(communityId, groupId);
      return ok(c, { play, enabled: body.enabled, config, stored: true });
    },
  );

  const sharedParams = communityParams.extend({ play: playName.openapi({ param: { name: 'play', in: 'path' } }) });
  const sharedSchema = z
    .object({ play: z.string(), config: z.unknown(), stored: z.boolean() })
    .openapi('SharedPlayConfig');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/plays/{play}/shared',
      tags: ['plays'],
      summary: "A play's configuration shared by every group of the community (defaults where none is stored)",
      security,
      request: { params: sharedParams },
      responses: { ...jsonOk(sharedSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, play } = c.req.valid('param');
      const { store, registry } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const stored = (await store.plays.listShared(communityId)).get(play);
      return ok(c, { play, config: registry.parseShared(play, stored ?? {}), stored: stored !== undefined });
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/communities/{communityId}/plays/{play}/shared',
      tags: ['plays'],
      summary: "Set a play's configuration shared by every group of the community (admin)",
      security,
      request: { params: sharedParams, body: jsonBody(z.object({ config: z.unknown() })) },
      responses: { ...jsonOk(sharedSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, play } = c.req.valid('param');
      const d = deps(c);
      const p = principal(c);
      await requireRole(d.store, p, communityId, 'admin');
      const config = d.registry.parseShared(play, c.req.valid('json').config);
      await d.store.plays.putShared(communityId, play, config, userIdOf(p));
      d.runtime.invalidate(communityId);
      return ok(c, { play, config, stored: true });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/plays/{play}/backtest',
      tags: ['plays'],
      summary: 'Replay stored history through a play with a candidate configuration: what would it have done?',
      security,
      request: {
        params: communityParams.extend({ play: playName.openapi({ param: { name: 'play', in: 'path' } }) }),
        body: jsonBody(
          z.object({
            config: z.unknown().optional(),
            shared: z.unknown().optional(),
            groupIds: z.array(id).max(1000).optional(),
            from: z.iso.datetime({ offset: true }).optional(),
            to: z.iso.datetime({ offset: true }).optional(),
            sample: z.number().int().min(0).max(1000).default(100),
          }),
        ),
      },
      responses: {
        ...jsonOk(
          z.object({
            play: z.string(),
            eventsReplayed: z.number(),
            actionsByKind: z.record(z.string(), z.number()),
            actionCount: z.number(),
            ledgerCount: z.number(),
            failures: z.number(),
            assumedCapabilities: z.array(z.number()),
            sample: z.array(actionSchema),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, play } = c.req.valid('param');
      const body = c.req.valid('json');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'steward');
      if (!d.registry.has(play)) throw new QunzhuError('not_found', `no play named "${play}"`);
      const result = await backtestPlay(d.runtime, {
        communityId,
        play,
        config: body.config ?? {},
        ...(body.shared === undefined ? {} : { shared: body.shared }),
        ...(body.groupIds ? { groupIds: body.groupIds } : {}),
        ...(body.from ? { from: new Date(body.from) } : {}),
        ...(body.to ? { to: new Date(body.to) } : {}),
      });
      return ok(c, {
        play,
        eventsReplayed: result.eventsReplayed,
        actionsByKind: result.actionsByKind,
        actionCount: result.actions.length,
        ledgerCount: result.ledger.length,
        failures: result.failures.length,
        assumedCapabilities: result.assumedCapabilities,
        sample: result.actions.slice(0, body.sample),
      });
    },
  );
};
