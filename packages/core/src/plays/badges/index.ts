import { z } from 'zod';
import type { Language } from '../../communities/index.js';
import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import { renderTemplate } from '../../i18n/index.js';
import { localTime, shiftDay, startOfLocalDay } from '../../time/index.js';
import { CHECK_IN_NOTE, type CheckInNote } from '../check-in/index.js';

const badge = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
  /** streak: check-in streak ≥ n; invites: valid invites ≥ n; points: balance ≥ n; top_month: the month's top earner. */
  rule: z.enum(['streak', 'invites', 'points', 'top_month']),
  threshold: z.number().int().min(1).max(1_000_000).default(1),
  title: z.object({ 'zh-CN': z.string().trim().min(1).max(30), en: z.string().trim().min(1).max(30) }),
});
export type BadgeRule = z.infer<typeof badge>;

export const defaultBadges: BadgeRule[] = [
  { id: 'streak-7', rule: 'streak', threshold: 7, title: { 'zh-CN': '连续打卡 7 天', en: '7-day streak' } },
  { id: 'streak-30', rule: 'streak', threshold: 30, title: { 'zh-CN': '打卡月度达人', en: '30-day streak' } },
  { id: 'first-invite', rule: 'invites', threshold: 1, title: { 'zh-CN': '首次有效邀请', en: 'First valid invite' } },
  { id: 'points-500', rule: 'points', threshold: 500, title: { 'zh-CN': '积分 500', en: '500 points' } },
  {
    id: 'top-month',
    rule: 'top_month',
    threshold: 1,
    title: { 'zh-CN': '月度贡献之星', en: 'Top contributor of the month' },
  },
];

const announceDefault: Record<Language, string> = {
  'zh-CN': '🏅 {name} 获得勋章「{badge}」！',
  en: '🏅 {name} earned the badge “{badge}”!',
};

export const badgesConfigSchema = z.object({
  badges: z
    .array(badge)
    .max(100)
    .default(defaultBadges)
    .refine((list) => new Set(list.map((b) => b.id)).size === list.length, 'badge ids must be unique'),
  announce: z.boolean().default(true),
  /** `{name}`, `{badge}`; empty: the community language's default. */
  template: z.string().max(500).default(''),
});
export type BadgesConfig = z.infer<typeof badgesConfigSchema>;

type Ctx = PlayContext<BadgesConfig>;
const MONTHLY = 'monthly';

const grant = async (ctx: Ctx, memberId: number, b: BadgeRule, data: Record<string, string | number>) => {
  const key = `badges:m${memberId}:${b.id}`;
  // Granted once per member: the ledger's dedupe key keeps it so, live or replayed.
  const had = await ctx.readLedger({ memberId, kinds: ['badge'] });
  if (had.some((e) => e.dedupeKey === key || e.data.badge === b.id)) return;
  await ctx.appendLedger({
    groupId: ctx.group.id,
    memberId,
    kind: 'badge',
    amount: 1,
    data: { badge: b.id, ...data },
    dedupeKey: key,
  });
  if (!ctx.config.announce) return;
  const lang = ctx.community.language;
  const { displayName } = await ctx.member(memberId);
  await ctx.send({
    text: renderTemplate(ctx.config.template.trim() || announceDefault[lang], {
      name: displayName,
      badge: b.title[lang],
    }),
    mentionMemberIds: [memberId],
  });
};

const monthStart = (ctx: Ctx, at: Date): { month: string; start: Date; next: Date } => {
  const tz = ctx.community.timezone;
  const day = localTime(at, tz).day;
  const month = day.slice(0, 7);
  const first = `${month}-01`;
  const nextFirst = shiftDay(first, 32).slice(0, 7);
  return { month, start: startOfLocalDay(first, tz), next: startOfLocalDay(`${nextFirst}-01`, tz) };
};

/** Badges (勋章): rules over the ledger, each granted once, announced if configured. */
export const badgesPlay = definePlay<BadgesConfig>({
  name: 'badges',
  title: { 'zh-CN': '勋章', en: 'Badges' },
  description: {
    'zh-CN': '按流水规则颁发勋章（连续打卡 7 天、首次有效邀请、月度贡献之星…），每人每枚只发一次，可在群内公布。',
    en: 'Badges by rules over the ledger (7-day streak, first valid invite, top contributor of the month…), granted once and announced if configured.',
  },
  configSchema: badgesConfigSchema,
  ledgerKinds: ['badge'],
  create: () =>
    new Composer<Ctx>()
      .use(async (ctx, next) => {
        if (ctx.trigger.kind !== 'event') return next();
        const checkIn = ctx.notes[CHECK_IN_NOTE] as CheckInNote | undefined;
        for (const b of ctx.config.badges) {
          if (b.rule === 'streak' && checkIn && checkIn.streak >= b.threshold) {
            await grant(ctx, checkIn.memberId, b, { streak: checkIn.streak });
          }
          // Credits become valid on a timer; the inviter's badge follows at their next message.
          if (b.rule === 'invites') {
            const memberId = ctx.trigger.event.memberId;
            const n = await ctx.sumLedger({ play: null, memberId, kinds: ['invite_credit'] });
            if (n >= b.threshold) await grant(ctx, memberId, b, { invites: n });
          }
          if (b.rule === 'points') {
            const memberId = ctx.trigger.event.memberId;
            const balance = await ctx.sumLedger({ play: null, memberId, kinds: ['points'] });
            if (balance >= b.threshold) await grant(ctx, memberId, b, { points: balance });
          }
        }
        if (ctx.config.badges.some((b) => b.rule === 'top_month') && !(await ctx.timers.get(MONTHLY))) {
          await ctx.timers.set(MONTHLY, monthStart(ctx, ctx.now).next, {});
        }
        await next();
      })
      .onTimer(MONTHLY, async (ctx) => {
        // Fires at the start of a month: the month before is judged over the whole community.
        const ended = monthStart(ctx, new Date(ctx.now.getTime() - 1000));
        const entries = await ctx.readLedger({ play: null, kinds: ['points'], since: ended.start });
        const totals = new Map<number, number>();
        for (const e of entries)
          if (e.at < ended.next) totals.set(e.memberId, (totals.get(e.memberId) ?? 0) + e.amount);
        const top = [...totals].filter(([, p]) => p > 0).sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
        if (top) {
          for (const b of ctx.config.badges.filter((x) => x.rule === 'top_month')) {
            await grant(ctx, top[0], { ...b, id: `${b.id}-${ended.month}` }, { month: ended.month, points: top[1] });
          }
        }
        await ctx.timers.set(MONTHLY, monthStart(ctx, ctx.now).next, {});
      })
      .middleware(),
});
