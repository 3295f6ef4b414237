import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type CampaignEvaluation,
  campaignPeriod,
  campaignRulesSchema,
  campaignTierSchema,
  checkTiers,
  defaultCampaignRules,
  FRAUD_RULES,
  liveCodeLink,
  memberInviteLinkName,
  QunzhuError,
  type Standing,
} from '@qunzhu/core';
import type { Campaign, CampaignFields, Redemption, Store } from '@qunzhu/store';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import { requireRole, userIdOf } from '../auth/access.js';
import { announceTiers } from '../campaigns/announcer.js';
import { posterPng, posterSvg } from '../campaigns/poster.js';
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

const localDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a local day as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a calendar day');
const liveCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a live code is 1–64 letters, digits, "-" or "_"');

const fieldsSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** The poster's text and the campaign's wording. */
  description: z.string().trim().max(1000).default(''),
  startsOn: localDay,
  endsOn: localDay,
  targetGroupIds: z.array(id).min(1).max(50),
  tiers: z.array(campaignTierSchema).max(10).default([]),
  liveCode: liveCode.nullable().default(null),
  status: z.enum(['draft', 'running', 'ended']).default('draft'),
  rules: campaignRulesSchema.default(defaultCampaignRules()),
  /** Say in the first target group when a participant reaches a tier. */
  announce: z.boolean().default(false),
  announceTemplate: z.string().trim().max(500).default(''),
});
const patchSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(1000).optional(),
  startsOn: localDay.optional(),
  endsOn: localDay.optional(),
  targetGroupIds: z.array(id).min(1).max(50).optional(),
  tiers: z.array(campaignTierSchema).max(10).optional(),
  liveCode: liveCode.nullable().optional(),
  status: z.enum(['draft', 'running', 'ended']).optional(),
  rules: campaignRulesSchema.optional(),
  announce: z.boolean().optional(),
  announceTemplate: z.string().trim().max(500).optional(),
});

const campaignSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    description: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    /** The period as instants, from the community's zone. */
    startsAt: isoDate,
    endsAt: isoDate,
    targetGroupIds: z.array(z.number()),
    tiers: z.array(z.object({ invites: z.number(), rewardId: z.number() })),
    liveCode: z.string().nullable(),
    status: z.enum(['draft', 'running', 'ended']),
    rules: z.record(z.string(), z.unknown()),
    announce: z.boolean(),
    announceTemplate: z.string(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .openapi('Campaign');
const standingSchema = z
  .object({
    memberId: z.number(),
    name: z.string(),
    rank: z.number(),
    invites: z.number(),
    pending: z.number(),
    voided: z.number(),
    notValid: z.number(),
    reachedAt: isoDate.nullable(),
    tiersReached: z.array(z.number()),
  })
  .openapi('CampaignStanding');
const linkSchema = z
  .object({
    kind: z.enum(['live_code', 'invite_link']),
    /** ready, or the outbox action's status (pending, sent, failed, skipped…), or none (not asked yet). */
    status: z.string(),
    url: z.string().nullable(),
    error: z.string().nullable(),
  })
  .openapi('CampaignLink');
const flagSchema = z
  .object({
    inviteeId: z.number(),
    inviteeName: z.string(),
    inviterId: z.number(),
    inviterName: z.string(),
    rule: z.enum(FRAUD_RULES),
    reason: z.string(),
    detail: z.record(z.string(), z.union([z.string(), z.number()])),
    active: z.boolean(),
    detectedAt: isoDate,
    changedAt: isoDate,
    restoredAt: isoDate.nullable(),
    restoredBy: z.number().nullable(),
    restoreNote: z.string(),
  })
  .openapi('CampaignFlag');
const claimSchema = z
  .object({
    id: z.number(),
    rewardId: z.number(),
    rewardName: z.string(),
    memberId: z.number(),
    memberName: z.string(),
    status: z.enum(['pending', 'approved', 'declined']),
    tier: z.number().nullable(),
    requestedAt: isoDate,
    decidedAt: isoDate.nullable(),
    reason: z.string(),
  })
  .openapi('CampaignClaim');

const campaignParams = communityParams.extend({
  campaignId: id.openapi({ param: { name: 'campaignId', in: 'path' } }),
});
const participantParams = campaignParams.extend({ memberId: id.openapi({ param: { name: 'memberId', in: 'path' } }) });
const flagParams = campaignParams.extend({ inviteeId: id.openapi({ param: { name: 'inviteeId', in: 'path' } }) });
const BASE = '/api/v1/communities/{communityId}/campaigns';

const zoneOf = async (store: Store, communityId: number) => (await store.communities.get(communityId)).timezone;
const campaignJson = (c: Campaign, timezone: string) => {
  const period = campaignPeriod(c.startsOn, c.endsOn, timezone);
  return {
    ...c,
    startsAt: period.startsAt.toISOString(),
    endsAt: period.endsAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
};
const standingJson = (s: Standing) => ({ ...s, reachedAt: s.reachedAt?.toISOString() ?? null });
const claimJson = (r: Redemption) => ({
  id: r.id,
  rewardId: r.rewardId,
  rewardName: r.rewardName,
  memberId: r.memberId,
  memberName: r.memberName,
  status: r.status,
  tier: r.campaignTier,
  requestedAt: r.requestedAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
  reason: r.reason,
});

/** Refuse a campaign that names groups or rewards this community lacks, ends before it starts, or has falling tiers. */
const checkFields = async (store: Store, communityId: number, f: CampaignFields) => {
  if (f.endsOn < f.startsOn) throw new QunzhuError('bad_input', `endsOn ${f.endsOn} is before startsOn ${f.startsOn}`);
  const tiers = checkTiers(f.tiers);
  if (tiers) throw new QunzhuError('bad_input', tiers);
  for (const g of f.targetGroupIds) await store.groups.get(communityId, g);
  const rewards = new Set((await store.rewards.list(communityId)).map((r) => r.id));
  const missing = f.tiers.find((t) => !rewards.has(t.rewardId));
  if (missing) throw new QunzhuError('bad_input', `tiers: no reward ${missing.rewardId} in this community`);
  if (f.liveCode) {
    const code = await store.liveCodes.byCode(f.liveCode);
    if (!code || code.communityId !== communityId)
      throw new QunzhuError(
        'bad_input',
        `liveCode: no live code "${f.liveCode}" in this community (see 活码 / Live codes)`,
      );
  }
};

/** Count the campaign afresh (flags stored, participants added, tiers announced) in one transaction. */
const recompute = async (c: Context<AppEnv>, communityId: number, campaignId: number) => {
  const { store, clock, runtime } = deps(c);
  const now = clock.now();
  const result = await store.transaction(async (tx) => {
    const counted = await tx.campaigns.recompute(communityId, campaignId, now);
    const announced = await announceTiers(tx, communityId, counted.campaign, counted.evaluation, now);
    return { ...counted, announced };
  });
  if (result.announced > 0) void runtime.dispatch();
  return result;
};

const inviteLinkKey = (groupId: number, memberId: number) => `campaigns:invite-link:g${groupId}:m${memberId}`;
const publicUrlOf = (c: Context<AppEnv>) => deps(c).publicUrl ?? new URL(c.req.url).origin;

/** A participant's link: through the live code, or their personal invite link to the first target group. */
const linkOf = async (c: Context<AppEnv>, communityId: number, campaign: Campaign, memberId: number) => {
  if (campaign.liveCode) {
    return {
      kind: 'live_code' as const,
      status: 'ready',
      url: liveCodeLink(publicUrlOf(c), campaign.liveCode, campaign.id, memberId),
      error: null,
    };
  }
  const group = campaign.targetGroupIds[0] as number;
  const state = await deps(c).store.campaigns.inviteLink(communityId, inviteLinkKey(group, memberId));
  return {
    kind: 'invite_link' as const,
    status: state?.status ?? 'none',
    url: state?.url ?? null,
    error: state?.error ?? null,
  };
};

const standingsOf = (evaluation: CampaignEvaluation) => new Map(evaluation.leaderboard.map((s) => [s.memberId, s]));

export const campaignRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'get',
      path: BASE,
      tags: ['campaigns'],
      summary: 'Referral campaigns (裂变活动), newest first',
      security,
      request: { params: communityParams },
      responses: { ...jsonOk(z.object({ items: z.array(campaignSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const tz = await zoneOf(store, communityId);
      return ok(c, { items: (await store.campaigns.list(communityId)).map((x) => campaignJson(x, tz)) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: BASE,
      tags: ['campaigns'],
      summary:
        'Create a campaign: period in local days, target groups, tiers of rewards, live code, anti-fraud rules (admin)',
      security,
      request: { params: communityParams, body: jsonBody(fieldsSchema) },
      responses: { ...jsonOk(campaignSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      const tz = await zoneOf(store, communityId);
      await checkFields(store, communityId, body);
      return ok(c, campaignJson(await store.campaigns.create(communityId, body, clock.now()), tz), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${BASE}/{campaignId}`,
      tags: ['campaigns'],
      summary: 'One campaign',
      security,
      request: { params: campaignParams },
      responses: { ...jsonOk(campaignSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, campaignId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      return ok(c, campaignJson(await store.campaigns.get(communityId, campaignId), await zoneOf(store, communityId)));
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: `${BASE}/{campaignId}`,
      tags: ['campaigns'],
      summary: 'Change a campaign: any field, the status (draft → running → ended) too (admin)',
      security,
      request: { params: campaignParams, body: jsonBody(patchSchema) },
      responses: { ...jsonOk(campaignSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, campaignId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      const current = await store.campaigns.get(communityId, campaignId);
      const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = current;
      const next: CampaignFields = {
        ...fields,
        ...(Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<CampaignFields>),
      };
      await checkFields(store, communityId, next);
      const saved = await store.campaigns.update(communityId, campaignId, next, clock.now());
      return ok(c, campaignJson(saved, await zoneOf(store, communityId)));
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${BASE}/{campaignId}`,
      tags: ['campaigns'],
      summary: 'Delete a campaign with its participants and flags; reward claims stay (admin)',
      security,
      request: { params: campaignParams },
      responses: { ...jsonOk(z.object({ deleted: z.boolean() })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, campaignId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      await store.campaigns.delete(communityId, campaignId);
      return ok(c, { deleted: true });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${BASE}/{campaignId}/leaderboard`,
      tags: ['campaigns'],
      summary: 'The live leaderboard: valid invites after the anti-fraud rules, counted afresh on every call',
      security,
      request: { params: campaignParams },
      responses: {
        ...jsonOk(
          z.object({
            computedAt: isoDate,
            items: z.array(standingSchema),
            totals: z.object({ counted: z.number(), pending: z.number(), voided: z.number(), notValid: z.number() }),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, campaignId } = c.req.valid('param');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const { evaluation } = await recompute(c, communityId, campaignId);
      const count = (s: (typeof evaluation.invites)[number]['status'][]) =>
        evaluation.invites.filter((i) => s.includes(i.status)).length;
      return ok(c, {
        computedAt: clock.now().toISOString(),
        items: evaluation.leaderboard.map(standingJson),
        totals: {
          counted: count(['counted', 'restored']),
          pending: count(['pending']),
          voided: count(['voided']),
          notValid: count(['not_valid']),
        },
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${BASE}/{campaignId}/participants`,
      tags: ['campaigns'],
      summary: 'Participants with their standing and personal link',
      security,
      request: { params: campaignParams },
      responses: {
        ...jsonOk(
          z.object({
            items: z.array(
              standingSchema.extend({ source: z.enum(['operator', 'invites']), joinedAt: isoDate, link: linkSchema }),
            ),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, campaignId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const { campaign, evaluation } = await recompute(c, communityId, campaignId);
      const standings = standingsOf(evaluation);
      const items = [];
      for (const p of await store.campaigns.participants(communityId, campaignId)) {
        const s = standings.get(p.memberId);
        items.push({
          memberId: p.memberId,
          name: p.name,
          rank: s?.rank ?? 0,
          invites: s?.invites ?? 0,
          pending: s?.pending ?? 0,
          voided: s?.voided ?? 0,
          notValid: s?.notValid ?? 0,
          reachedAt: s?.reachedAt?.toISOString() ?? null,
          tiersReached: s?.tiersReached ?? [],
          source: p.source,
          joinedAt: p.createdAt.toISOString(),
          link: await linkOf(c, communityId, campaign, p.memberId),
        });
      }
      items.sort((a, b) => (a.rank || Number.MAX_SAFE_INTEGER) - (b.rank || Number.MAX_SAFE_INTEGER));
      return ok(c, { items });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${BASE}/{campaignId}/participants`,
      tags: ['campaigns'],
      summary:
        "Register a participant and give them a link: the live code's with their ref, or a personal invite link the outbox creates in the first target group (steward)",
      security,
      request: { params: campaignParams, body: jsonBody(z.object({ memberId: id })) },
      responses: {
        ...jsonOk(z.object({ memberId: z.number(), added: z.boolean(), link: linkSchema })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, campaignId } = c.req.valid('param');
      const { memberId } = c.req.valid('json');
      const { store, clock, runtime } = deps(c);
      await requireRole(store, principal(c), communityId, 'steward');
      const campaign = await store.campaigns.get(communityId, campaignId);
      if (campaign.status === 'ended') throw new QunzhuError('conflict', `campaign “${campaign.name}” has ended`);
      await store.members.get(communityId, memberId);
      const added = await store.campaigns.addParticipant(communityId, campaignId, memberId, 'operator');
      if (!campaign.liveCode) {
        const groupId = campaign.targetGroupIds[0] as number;
        // One link per member and group, whichever campaign asked first: joins through it credit them.
        await store.playState.enqueueAction({
          communityId,
          groupId,
          play: 'campaigns',
          kind: 'create_invite_link',
          payload: { name: memberInviteLinkName(memberId), memberId },
          idempotencyKey: inviteLinkKey(groupId, memberId),
          at: clock.now(),
        });
        await runtime.dispatch();
      }
      return ok(c, { memberId, added, link: await linkOf(c, communityId, campaign, memberId) }, added ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${BASE}/{campaignId}/participants/{memberId}/poster`,
      tags: ['campaigns'],
      summary: "A participant's poster: the campaign's title and text, their name and the QR code of their link",
      security,
      request: {
        params: participantParams,
        query: z.object({ format: z.enum(['svg', 'png']).default('svg') }),
      },
      responses: {
        200: {
          description: 'The poster',
          content: { 'image/svg+xml': { schema: z.string() }, 'image/png': { schema: z.string() } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, campaignId, memberId } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const campaign = await store.campaigns.get(communityId, campaignId);
      const member = await store.members.get(communityId, memberId);
      const link = await linkOf(c, communityId, campaign, memberId);
      if (!link.url) {
        throw new QunzhuError(
          'conflict',
          link.status === 'none'
            ? `member ${memberId} has no link yet: register them as a participant first`
            : `member ${memberId}'s invite link is not there yet (outbox: ${link.status}${link.error ? `, ${link.error}` : ''})`,
        );
      }
      const community = await store.communities.get(communityId);
      const svg = posterSvg({
        title: campaign.name,
        text: campaign.description,
        memberName: member.displayName,
        link: link.url,
        language: community.language,
      });
      const file = `campaign-${campaignId}-m${memberId}.${format}`;
      c.header('Content-Disposition', `attachment; filename="${file}"`);
      if (format === 'svg') {
        c.header('Content-Type', 'image/svg+xml; charset=utf-8');
        return c.body(svg) as never;
      }
      const png = await posterPng(svg);
      c.header('Content-Type', 'image/png');
      return c.body(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${BASE}/{campaignId}/flags`,
      tags: ['campaigns'],
      summary: "What the anti-fraud rules found, with reasons and operators' restores (counted afresh first)",
      security,
      request: {
        params: campaignParams,
        query: z.object({
          active: z.enum(['true', 'false']).optional(),
          inviterId: id.optional(),
        }),
      },
      responses: { ...jsonOk(z.object({ items: z.array(flagSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, campaignId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      await recompute(c, communityId, campaignId);
      const items = await store.campaigns.flags(communityId, campaignId, {
        ...(q.active ? { active: q.active === 'true' } : {}),
        ...(q.inviterId ? { inviterId: q.inviterId } : {}),
      });
      return ok(c, {
        items: items.map((f) => ({
          ...f,
          detectedAt: f.detectedAt.toISOString(),
          changedAt: f.changedAt.toISOString(),
          restoredAt: f.restoredAt?.toISOString() ?? null,
        })),
      });
    },
  );

  for (const action of ['restore', 'void'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `${BASE}/{campaignId}/flags/{inviteeId}/${action}`,
        tags: ['campaigns'],
        summary:
          action === 'restore'
            ? "Restore a flagged credit: its flags (or one rule's) no longer void it; recorded with who and why (steward)"
            : 'Take a restore back: the flags void the credit again (steward)',
        security,
        request: {
          params: flagParams,
          body: jsonBody(
            z.object({ rule: z.enum(FRAUD_RULES).optional(), note: z.string().trim().max(200).default('') }),
          ),
        },
        responses: {
          ...jsonOk(z.object({ changed: z.number(), leaderboard: z.array(standingSchema) })),
          ...errorResponses,
        },
      }),
      async (c) => {
        const { communityId, campaignId, inviteeId } = c.req.valid('param');
        const body = c.req.valid('json');
        const { store, clock } = deps(c);
        const p = principal(c);
        await requireRole(store, p, communityId, 'steward');
        await store.campaigns.get(communityId, campaignId);
        const changed = await store.campaigns.setRestored(communityId, campaignId, inviteeId, {
          restore: action === 'restore',
          ...(body.rule ? { rule: body.rule } : {}),
          by: userIdOf(p),
          note: body.note,
          at: clock.now(),
        });
        const { evaluation } = await recompute(c, communityId, campaignId);
        return ok(c, { changed, leaderboard: evaluation.leaderboard.map(standingJson) });
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: `${BASE}/{campaignId}/claims`,
      tags: ['campaigns'],
      summary: "Reward claims of the campaign's tiers, newest first",
      security,
      request: { params: campaignParams },
      responses: { ...jsonOk(z.object({ items: z.array(claimSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, campaignId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      await store.campaigns.get(communityId, campaignId);
      const items = await store.rewards.redemptions(communityId, { campaignId, limit: 500 });
      return ok(c, { items: items.map(claimJson) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${BASE}/{campaignId}/claims`,
      tags: ['campaigns'],
      summary:
        "Claim a tier's reward for a participant who reached it (steward): the reward's stock is taken, no points are spent, its approval applies",
      security,
      request: {
        params: campaignParams,
        body: jsonBody(z.object({ memberId: id, tier: z.number().int().min(0).max(9) })),
      },
      responses: { ...jsonOk(claimSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, campaignId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store, clock } = deps(c);
      const p = principal(c);
      await requireRole(store, p, communityId, 'steward');
      const now = clock.now();
      const claim = await store.transaction(async (tx) => {
        const { campaign, evaluation } = await tx.campaigns.recompute(communityId, campaignId, now);
        if (campaign.status === 'draft')
          throw new QunzhuError('conflict', `campaign “${campaign.name}” has not started`);
        const tier = campaign.tiers[body.tier];
        if (!tier) throw new QunzhuError('bad_input', `campaign “${campaign.name}” has no tier ${body.tier}`);
        const has = standingsOf(evaluation).get(body.memberId)?.invites ?? 0;
        if (has < tier.invites) {
          throw new QunzhuError(
            'conflict',
            `tier ${body.tier + 1} needs ${tier.invites} valid invites; member ${body.memberId} has ${has}`,
          );
        }
        const asked = await tx.rewards.claim(
          communityId,
          body.memberId,
          tier.rewardId,
          { campaignId, tier: body.tier },
          now,
        );
        return asked.needsApproval
          ? asked.redemption
          : tx.rewards.decide(communityId, asked.redemption.id, 'approved', userIdOf(p), '', now);
      });
      return ok(c, claimJson(claim), 201);
    },
  );
};
