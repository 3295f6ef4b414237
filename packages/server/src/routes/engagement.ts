import { randomUUID } from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  currentStreak,
  defaultLevels,
  LEADERBOARD_METRICS,
  localTime,
  metricKinds,
  rankLedger,
  shiftDay,
  startOfLocalDay,
} from '@qunzhu/core';
import type { LedgerRowView } from '@qunzhu/store';
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
  memberParams,
  ok,
  principal,
  security,
} from './common.js';

const entrySchema = z
  .object({
    id: z.number(),
    groupId: z.number().nullable(),
    memberId: z.number(),
    memberName: z.string(),
    play: z.string(),
    kind: z.string(),
    amount: z.number(),
    data: z.record(z.string(), z.unknown()),
    at: isoDate,
  })
  .openapi('LedgerEntry');
const entryJson = (e: LedgerRowView) => ({ ...e, at: e.at.toISOString() });
const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  beforeId: id.optional().openapi({ description: 'entries older than this one (the last id of the previous page)' }),
};

/** Start of the current day, week (from Monday) or month in the zone; null for all time. */
const periodStart = (period: 'day' | 'week' | 'month' | 'all', now: Date, tz: string): Date | null => {
  const local = localTime(now, tz);
  if (period === 'all') return null;
  if (period === 'day') return startOfLocalDay(local.day, tz);
  if (period === 'week') return startOfLocalDay(shiftDay(local.day, -((local.weekday + 6) % 7)), tz);
  return startOfLocalDay(`${local.day.slice(0, 7)}-01`, tz);
};

export const engagementRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/members/{memberId}/engagement',
      tags: ['engagement'],
      summary: "A member's points balance, level, check-ins, current streak and badges, derived from the ledger",
      security,
      request: { params: memberParams },
      responses: {
        ...jsonOk(
          z.object({
            points: z.number(),
            level: z.object({ level: z.number(), title: z.record(z.string(), z.string()) }),
            checkIns: z.number(),
            streak: z.number(),
            invites: z.number(),
            badges: z.array(z.object({ badge: z.string(), at: isoDate })),
            recent: z.array(entrySchema),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, memberId } = c.req.valid('param');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const [community] = await Promise.all([
        store.communities.get(communityId),
        store.members.get(communityId, memberId),
      ]);
      const [totals, checkIns, levels, badges, recent] = await Promise.all([
        store.engagement.totals(communityId, memberId),
        store.engagement.entries(communityId, { memberId, kinds: ['checkin'], limit: 400 }),
        store.engagement.entries(communityId, { memberId, kinds: ['level'], limit: 1 }),
        store.engagement.entries(communityId, { memberId, kinds: ['badge'], limit: 200 }),
        store.engagement.entries(communityId, { memberId, limit: 20 }),
      ]);
      const level = levels[0]?.amount ?? 1;
      const days = new Set(checkIns.map((e) => String(e.data.day)));
      return ok(c, {
        points: totals.points ?? 0,
        level: { level, title: defaultLevels[level - 1]?.title ?? { 'zh-CN': `Lv${level}`, en: `Level ${level}` } },
        checkIns: totals.checkin ?? 0,
        streak: currentStreak(days, localTime(clock.now(), community.timezone).day, shiftDay),
        invites: totals.invite_credit ?? 0,
        badges: badges.map((b) => ({ badge: String(b.data.badge), at: b.at.toISOString() })),
        recent: recent.map(entryJson),
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/leaderboard',
      tags: ['engagement'],
      summary:
        'Members ranked by points, check-ins, longest streak or valid invites, for today, this week, this month or all time',
      security,
      request: {
        params: communityParams,
        query: z.object({
          metric: z.enum(LEADERBOARD_METRICS).default('points'),
          period: z.enum(['day', 'week', 'month', 'all']).default('week'),
          groupId: id.optional(),
          top: z.coerce.number().int().min(1).max(200).default(20),
        }),
      },
      responses: {
        ...jsonOk(
          z.object({
            from: isoDate.nullable(),
            items: z.array(z.object({ rank: z.number(), memberId: z.number(), name: z.string(), value: z.number() })),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const community = await store.communities.get(communityId);
      const from = periodStart(q.period, clock.now(), community.timezone);
      const span = { ...(from ? { from } : {}), ...(q.groupId ? { groupId: q.groupId } : {}) };
      let items: { memberId: number; name: string; value: number }[];
      if (q.metric === 'streak') {
        const entries = await store.engagement.entries(communityId, { ...span, kinds: ['checkin'], limit: 100_000 });
        const names = new Map(entries.map((e) => [e.memberId, e.memberName]));
        items = rankLedger(entries, 'streak', q.top).map((r) => ({ ...r, name: names.get(r.memberId) ?? '' }));
      } else {
        items = await store.engagement.rank(communityId, {
          ...span,
          kinds: metricKinds[q.metric],
          sum: q.metric === 'points',
          limit: q.top,
        });
      }
      return ok(c, { from: from?.toISOString() ?? null, items: items.map((r, i) => ({ rank: i + 1, ...r })) });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/testimonials',
      tags: ['engagement'],
      summary: 'Check-ins that carry content (客户见证), newest first',
      security,
      request: { params: communityParams, query: z.object({ groupId: id.optional(), ...paging }) },
      responses: { ...jsonOk(z.object({ items: z.array(entrySchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const items = await store.engagement.entries(communityId, {
        kinds: ['checkin'],
        withData: 'content',
        limit: q.limit,
        ...(q.groupId ? { groupId: q.groupId } : {}),
        ...(q.beforeId ? { beforeId: q.beforeId } : {}),
      });
      return ok(c, { items: items.map(entryJson) });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/ledger',
      tags: ['engagement'],
      summary: 'Ledger entries (points, check-ins, levels, badges, violations…), newest first',
      security,
      request: {
        params: communityParams,
        query: z.object({
          memberId: id.optional(),
          groupId: id.optional(),
          kind: z.string().max(40).optional(),
          ...paging,
        }),
      },
      responses: { ...jsonOk(z.object({ items: z.array(entrySchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const items = await store.engagement.entries(communityId, {
        limit: q.limit,
        ...(q.memberId ? { memberId: q.memberId } : {}),
        ...(q.groupId ? { groupId: q.groupId } : {}),
        ...(q.kind ? { kinds: [q.kind] } : {}),
        ...(q.beforeId ? { beforeId: q.beforeId } : {}),
      });
      return ok(c, { items: items.map(entryJson) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/members/{memberId}/points',
      tags: ['engagement'],
      summary: "Adjust a member's points by hand, with a reason (admin); appended to the ledger like any entry",
      security,
      request: {
        params: memberParams,
        body: jsonBody(
          z.object({
            amount: z
              .number()
              .int()
              .min(-100_000)
              .max(100_000)
              .refine((n) => n !== 0, 'amount must not be 0'),
            reason: z.string().trim().min(1).max(200),
          }),
        ),
      },
      responses: { ...jsonOk(z.object({ points: z.number() })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, memberId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store, clock } = deps(c);
      const p = principal(c);
      await requireRole(store, p, communityId, 'admin');
      await store.members.get(communityId, memberId);
      await store.playState.appendLedger({
        communityId,
        groupId: null,
        memberId,
        play: 'manual',
        kind: 'points',
        amount: body.amount,
        data: { reason: body.reason, by: userIdOf(p) },
        dedupeKey: `manual:${randomUUID()}`,
        at: clock.now(),
      });
      return ok(c, { points: (await store.engagement.totals(communityId, memberId)).points ?? 0 });
    },
  );
};
