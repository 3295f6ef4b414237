import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type Community,
  parsePublishableRuleSet,
  QunzhuError,
  RULES_PUBLISH_TIMER,
  renderAnnouncement,
  rulesConfigSchema,
} from '@qunzhu/core';
import type { AppEnv } from '../app-env.js';
import { requireRole, userIdOf } from '../auth/access.js';
import { backtestPlay, withTriggers } from '../runtime/backtest.js';
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
const sampledActionSchema = actionSchema
  .extend({
    /** The event that made the play act, as stored; null for a timer's action (a burst greeting). */
    trigger: z
      .object({
        eventId: z.number(),
        type: z.string(),
        at: z.string(),
        memberId: z.number(),
        memberName: z.string(),
        text: z.string().nullable(),
      })
      .nullable(),
  })
  .openapi('SampledAction');
const capabilitiesSchema = z.record(z.string(), z.boolean()).openapi('Capabilities');

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
                needs: z.array(z.string()),
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
          needs: [...(p.needs ?? [])],
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
      responses: {
        ...jsonOk(
          z.object({
            items: z.array(groupPlaySchema),
            platform: z.string(),
            /** What the group's platform can do; null when no connection serves it (imported history). */
            capabilities: capabilitiesSchema.nullable(),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, groupId } = c.req.valid('param');
      const { store, registry, runtime } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const group = await store.groups.get(communityId, groupId);
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
      const capabilities = runtime.adapterFor(group.platform)?.capabilities ?? null;
      return ok(c, { items, platform: group.platform, capabilities });
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
            /** By the payload's `reason` (link, flood, quiet_hours…); `none` for actions without one. */
            actionsByReason: z.record(z.string(), z.number()),
            actionCount: z.number(),
            ledgerCount: z.number(),
            failures: z.number(),
            assumedCapabilities: z.array(z.number()),
            sample: z.array(sampledActionSchema),
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
        actionsByReason: result.actionsByReason,
        actionCount: result.actions.length,
        ledgerCount: result.ledger.length,
        failures: result.failures.length,
        assumedCapabilities: result.assumedCapabilities,
        sample: await withTriggers(d.runtime, communityId, result.actions.slice(0, body.sample)),
      });
    },
  );
  rulesRoutes(app);
};

const ruleSetVersionSchema = z
  .object({
    version: z.number(),
    ruleSet: z.unknown(),
    publishedAt: z.string(),
    publishedBy: z.number().nullable(),
  })
  .openapi('RuleSetVersion');

const render = (ruleSet: unknown, language: Community['language'], version: number, config: unknown) => {
  const set = parsePublishableRuleSet(ruleSet);
  const { headings } = rulesConfigSchema.parse(config ?? {});
  return { ruleSet: set, text: renderAnnouncement(set, language, { version, headings }) };
};

/** A group's rule set (群规): versions, publishing (which re-posts the announcement), preview. */
const rulesRoutes = (app: OpenAPIHono<AppEnv>) => {
  const rulesPath = '/api/v1/communities/{communityId}/groups/{groupId}/rules';
  app.openapi(
    createRoute({
      method: 'get',
      path: `${rulesPath}/versions`,
      tags: ['plays'],
      summary: "A group's published rule sets, newest first",
      security,
      request: { params: groupParams },
      responses: { ...jsonOk(z.object({ items: z.array(ruleSetVersionSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, groupId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      await store.groups.get(communityId, groupId);
      return ok(c, { items: await store.ruleSets.list(communityId, groupId) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${rulesPath}/preview`,
      tags: ['plays'],
      summary: 'The announcement a rule set renders to, in the community language (or the one asked)',
      security,
      request: {
        params: groupParams,
        body: jsonBody(z.object({ ruleSet: z.unknown(), language: z.enum(['zh-CN', 'en']).optional() })),
      },
      responses: {
        ...jsonOk(z.object({ text: z.string(), length: z.number(), version: z.number() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, groupId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const community = await store.communities.get(communityId);
      await store.groups.get(communityId, groupId);
      const stored = (await store.plays.list(communityId, groupId)).find((p) => p.play === 'rules');
      const version = ((await store.ruleSets.list(communityId, groupId, 1))[0]?.version ?? 0) + 1;
      const { text } = render(body.ruleSet, body.language ?? community.language, version, stored?.config);
      return ok(c, { text, length: text.length, version });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${rulesPath}/versions`,
      tags: ['plays'],
      summary:
        "Publish a new version of the group's rule set (admin): kept, written into the rules play, and posted (pinned) when the play is on",
      security,
      request: { params: groupParams, body: jsonBody(z.object({ ruleSet: z.unknown() })) },
      responses: {
        ...jsonOk(ruleSetVersionSchema.extend({ text: z.string(), posted: z.boolean() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, groupId } = c.req.valid('param');
      const d = deps(c);
      const p = principal(c);
      await requireRole(d.store, p, communityId, 'admin');
      const community = await d.store.communities.get(communityId);
      await d.store.groups.get(communityId, groupId);
      const now = d.clock.now();
      const result = await d.store.transaction(async (tx) => {
        const stored = (await tx.plays.list(communityId, groupId)).find((x) => x.play === 'rules');
        const previous = (await tx.ruleSets.list(communityId, groupId, 1))[0]?.version ?? 0;
        const { ruleSet, text } = render(c.req.valid('json').ruleSet, community.language, previous + 1, stored?.config);
        const published = await tx.ruleSets.publish(communityId, groupId, ruleSet, userIdOf(p), now);
        const config = d.registry.parseConfig('rules', {
          ...(stored?.config as object | undefined),
          ruleSet,
          version: published.version,
        });
        const enabled = stored?.enabled ?? false;
        await tx.plays.put(communityId, { groupId, play: 'rules', enabled, config }, userIdOf(p));
        // The play posts the new version when this timer fires (within a second of the runtime's tick).
        if (enabled) {
          await tx.playState.setTimer({
            communityId,
            groupId,
            play: 'rules',
            key: RULES_PUBLISH_TIMER,
            dueAt: now,
            data: { version: published.version },
          });
        }
        return { ...published, text, posted: enabled };
      });
      d.runtime.invalidate(communityId, groupId);
      if (result.posted) await d.runtime.tick();
      return ok(c, result);
    },
  );
};
