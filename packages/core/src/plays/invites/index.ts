import { z } from 'zod';
import type { Language } from '../../communities/index.js';
import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import type { StoredEvent } from '../../events/index.js';
import { renderTemplate } from '../../i18n/index.js';

/** Invite links Qunzhu creates for a member are named so; a join through one credits that member. */
export const memberInviteLinkName = (memberId: number): string => `qz-m${memberId}`;
const LINK_NAME = /^qz-m(\d{1,15})$/;

export const invitesConfigSchema = z.object({
  /** A credit becomes valid once the invitee has stayed this many days… */
  validAfterDays: z.number().min(0).max(90).default(3),
  /** …and posted at least this many messages in the group since joining. */
  minMessages: z.number().int().min(0).max(100).default(1),
  /** Points for the inviter when a credit becomes valid (0: none). */
  points: z.number().int().min(0).max(10_000).default(20),
  /** Tell the inviter in the group when a credit becomes valid. */
  announce: z.boolean().default(false),
  /** `{inviter}`, `{invitee}`, `{total}`; empty: the community language's default. */
  template: z.string().max(500).default(''),
});
export type InvitesConfig = z.infer<typeof invitesConfigSchema>;

const announceDefault: Record<Language, string> = {
  'zh-CN': '感谢 {inviter} 邀请 {invitee}！累计有效邀请 {total} 人。',
  en: 'Thanks {inviter} for inviting {invitee}! Valid invites so far: {total}.',
};

type Ctx = PlayContext<InvitesConfig>;
type Pending = { inviter: number; invitee: number; joinedAt: string; messages: number; left: boolean };

/** Who invited the member who joined, from every signal the platform gave (inviter, named link). */
export const inviterOf = (event: StoredEvent): number | undefined => {
  if (event.payload.inviterMemberId !== undefined && event.payload.inviterMemberId !== event.memberId) {
    return event.payload.inviterMemberId;
  }
  const link = event.payload.extra?.inviteLink;
  const name = link && typeof link === 'object' && !Array.isArray(link) ? link.name : undefined;
  const m = typeof name === 'string' ? LINK_NAME.exec(name) : null;
  const id = m ? Number(m[1]) : undefined;
  return id !== undefined && id !== event.memberId ? id : undefined;
};

const pendingKey = (invitee: number) => `pending:${invitee}`;
const creditKey = (invitee: number) => `invites:credit:m${invitee}`;

/**
 * Invite attribution (邀请): a join is credited to its inviter once per invitee in the community,
 * whatever the rejoins; the credit becomes valid when the invitee stayed and posted. Credits are
 * ledger rows keyed by the invitee, so replays and re-added contacts never count twice.
 */
export const invitesPlay = definePlay<InvitesConfig>({
  name: 'invites',
  title: { 'zh-CN': '邀请归因', en: 'Invite attribution' },
  description: {
    'zh-CN': '记录谁邀请了谁（邀请人、专属邀请链接）；被邀请人留满 N 天并发过言才算有效邀请，重复入群只算一次。',
    en: 'Credits who invited whom (inviter, personal invite links); an invite counts once the invitee stayed N days and posted, and a rejoin never counts twice.',
  },
  configSchema: invitesConfigSchema,
  memoryKeys: (event) => [pendingKey(event.memberId)],
  create: () =>
    new Composer<Ctx>()
      .on('join', async (ctx, next) => {
        if (ctx.trigger.kind !== 'event') return next();
        const event = ctx.trigger.event;
        const inviter = inviterOf(event);
        const invitee = event.memberId;
        // Credited once per invitee across the community: the first inviter wins, rejoins add nothing.
        const credited = await ctx.readLedger({ memberId: invitee, kinds: ['invited'] });
        if (inviter !== undefined && credited.length === 0) {
          await ctx.appendLedger({
            groupId: ctx.group.id,
            memberId: invitee,
            kind: 'invited',
            amount: 1,
            data: { inviter },
            dedupeKey: `invites:invited:m${invitee}`,
          });
          const pending: Pending = { inviter, invitee, joinedAt: ctx.now.toISOString(), messages: 0, left: false };
          await ctx.memory.set(pendingKey(invitee), pending);
          await ctx.timers.set(
            `validate:${invitee}`,
            new Date(ctx.now.getTime() + ctx.config.validAfterDays * 86_400_000),
            {
              invitee,
            },
          );
        }
        await next();
      })
      .on(['message', 'leave'], async (ctx, next) => {
        if (ctx.trigger.kind !== 'event') return next();
        const event = ctx.trigger.event;
        const pending = await ctx.memory.get<Pending>(pendingKey(event.memberId));
        if (pending && !pending.left) {
          if (event.type === 'message') pending.messages += 1;
          else pending.left = true;
          await ctx.memory.set(pendingKey(event.memberId), pending);
        }
        await next();
      })
      .use(async (ctx, next) => {
        if (ctx.trigger.kind !== 'timer' || !ctx.trigger.timer.key.startsWith('validate:')) return next();
        const invitee = Number(ctx.trigger.timer.data.invitee);
        const pending = await ctx.memory.get<Pending>(pendingKey(invitee));
        if (!pending) return;
        await ctx.memory.delete(pendingKey(invitee));
        const reason = pending.left ? 'left_early' : pending.messages < ctx.config.minMessages ? 'never_posted' : null;
        await ctx.appendLedger({
          groupId: ctx.group.id,
          memberId: pending.inviter,
          kind: reason ? 'invite_void' : 'invite_credit',
          amount: reason ? 0 : 1,
          data: { invitee, ...(reason ? { reason } : {}) },
          dedupeKey: creditKey(invitee),
        });
        if (reason) return;
        if (ctx.config.points > 0) {
          await ctx.appendLedger({
            groupId: ctx.group.id,
            memberId: pending.inviter,
            kind: 'points',
            amount: ctx.config.points,
            data: { reason: 'invite', invitee },
            dedupeKey: `invites:points:m${invitee}`,
          });
        }
        if (ctx.config.announce) {
          const total = await ctx.sumLedger({ memberId: pending.inviter, kinds: ['invite_credit'] });
          const [a, b] = await Promise.all([ctx.member(pending.inviter), ctx.member(invitee)]);
          const lang = ctx.community.language;
          await ctx.send({
            text: renderTemplate(ctx.config.template.trim() || announceDefault[lang], {
              inviter: a.displayName,
              invitee: b.displayName,
              total: String(total),
            }),
            mentionMemberIds: [pending.inviter],
          });
        }
      })
      .middleware(),
});
