import { randomBytes } from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { SANDBOX_PLATFORM, sandboxEvent } from '@qunzhu/adapters';
import { GROUP_TYPES, QunzhuError } from '@qunzhu/core';
import type { Store } from '@qunzhu/store';
import type { AppEnv } from '../app-env.js';
import { requireRole } from '../auth/access.js';
import {
  communityParams,
  deps,
  errorResponses,
  groupParams,
  jsonBody,
  jsonOk,
  ok,
  principal,
  security,
} from './common.js';

const transcriptItem = z
  .object({
    kind: z.enum(['event', 'action']),
    id: z.number(),
    at: z.string(),
    type: z.string(),
    memberId: z.number().optional(),
    name: z.string().optional(),
    text: z.string().optional(),
    play: z.string().optional(),
    status: z.string().optional(),
    /** Buttons under a bot's message (a newcomer challenge); pressing one posts a `callback`. */
    buttons: z.array(z.object({ text: z.string(), data: z.string() })).optional(),
  })
  .openapi('TranscriptItem');

const sandboxGroup = async (store: Store, communityId: number, groupId: number) => {
  const group = await store.groups.get(communityId, groupId);
  if (group.platform !== SANDBOX_PLATFORM) {
    throw new QunzhuError('bad_input', `group ${groupId} is a ${group.platform} group, not a sandbox group`);
  }
  return group;
};

/** Events and the plays' actions of a sandbox group in one time-ordered chat view. */
const transcript = async (store: Store, communityId: number, groupId: number, limit: number) => {
  const [events, actions] = await Promise.all([
    store.events.recentInGroup(communityId, groupId, limit),
    store.actions.recentInGroup(communityId, groupId, limit),
  ]);
  const items = [
    ...events.map((e) => ({
      kind: 'event' as const,
      id: e.id,
      at: e.at,
      type: e.type,
      memberId: e.memberId,
      name: e.payload.name ?? e.memberName,
      ...(e.payload.text === undefined ? {} : { text: e.payload.text }),
    })),
    ...actions.map((a) => ({
      kind: 'action' as const,
      id: a.id,
      at: a.at,
      type: a.kind,
      play: a.play,
      status: a.status,
      ...(typeof a.payload.text === 'string' ? { text: a.payload.text } : {}),
      ...(Array.isArray(a.payload.buttons)
        ? {
            buttons: a.payload.buttons.flatMap((b) =>
              b &&
              typeof b === 'object' &&
              !Array.isArray(b) &&
              typeof b.text === 'string' &&
              typeof b.data === 'string'
                ? [{ text: b.text, data: b.data }]
                : [],
            ),
          }
        : {}),
    })),
  ];
  // An action is decided at its trigger's time: show it after the event that caused it.
  items.sort(
    (x, y) => x.at.getTime() - y.at.getTime() || (x.kind === y.kind ? x.id - y.id : x.kind === 'event' ? -1 : 1),
  );
  return items.slice(-limit);
};

export const sandboxRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/sandbox/groups',
      tags: ['sandbox'],
      summary: 'Create a sandbox group: an in-process chat with every capability, to try plays (steward)',
      security,
      request: {
        params: communityParams,
        body: jsonBody(z.object({ name: z.string().trim().min(1).max(200), type: z.enum(GROUP_TYPES).optional() })),
      },
      responses: { ...jsonOk(z.object({ id: z.number(), name: z.string(), platform: z.string() })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'steward');
      const group = await store.groups.create(communityId, {
        platform: SANDBOX_PLATFORM,
        platformGroupId: `sbx-${randomBytes(6).toString('hex')}`,
        name: body.name,
        ...(body.type ? { type: body.type } : {}),
      });
      return ok(c, group);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/sandbox/groups/{groupId}/events',
      tags: ['sandbox'],
      summary: 'Join, leave or post in a sandbox group as a pretend member; the plays answer at once (steward)',
      security,
      request: {
        params: groupParams,
        body: jsonBody(
          z.object({
            type: z.enum(['join', 'leave', 'message', 'join_request', 'callback']),
            user: z.string().trim().min(1).max(100),
            name: z.string().trim().max(100).optional(),
            text: z.string().max(10_000).optional(),
            replyTo: z.string().max(100).optional(),
            inviter: z.string().trim().min(1).max(100).optional(),
            /** A callback's button data. */
            data: z.string().max(200).optional(),
          }),
        ),
      },
      responses: {
        ...jsonOk(z.object({ eventId: z.number(), memberId: z.number(), transcript: z.array(transcriptItem) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, groupId } = c.req.valid('param');
      const body = c.req.valid('json');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'steward');
      const group = await sandboxGroup(d.store, communityId, groupId);
      if (body.type === 'message' && !body.text) throw new QunzhuError('bad_input', 'a message needs text');
      const input = sandboxEvent(
        group.platformGroupId,
        {
          type: body.type,
          user: body.user,
          ...(body.name ? { name: body.name } : {}),
          ...(body.text !== undefined ? { text: body.text } : {}),
          ...(body.replyTo ? { replyTo: body.replyTo } : {}),
          ...(body.inviter ? { inviter: body.inviter } : {}),
          ...(body.data !== undefined ? { data: body.data } : {}),
        },
        d.clock.now(),
      );
      const result = await d.runtime.ingestLive(communityId, [input]);
      await d.runtime.dispatch();
      const event = result.events[0];
      if (!event) throw new QunzhuError('internal', 'sandbox event was not stored');
      return ok(c, {
        eventId: event.id,
        memberId: event.memberId,
        transcript: await transcript(d.store, communityId, groupId, 50),
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/sandbox/groups/{groupId}/fast-forward',
      tags: ['sandbox'],
      summary: "Fire the group's pending timers now (e.g. a welcome waiting for the end of a burst) (steward)",
      security,
      request: { params: groupParams },
      responses: { ...jsonOk(z.object({ transcript: z.array(transcriptItem) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, groupId } = c.req.valid('param');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'steward');
      await sandboxGroup(d.store, communityId, groupId);
      await d.runtime.fastForward(communityId, groupId);
      await d.runtime.dispatch();
      return ok(c, { transcript: await transcript(d.store, communityId, groupId, 50) });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/sandbox/groups/{groupId}/transcript',
      tags: ['sandbox'],
      summary: "A sandbox group's chat: members' events and the plays' actions, oldest first",
      security,
      request: {
        params: groupParams,
        query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
      responses: { ...jsonOk(z.object({ items: z.array(transcriptItem) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, groupId } = c.req.valid('param');
      const { limit } = c.req.valid('query');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      await sandboxGroup(store, communityId, groupId);
      return ok(c, { items: await transcript(store, communityId, groupId, limit) });
    },
  );
};
