import { z } from 'zod';
import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import { localTime } from '../../time/index.js';
import { CHECK_IN_NOTE, type CheckInNote } from '../check-in/index.js';
import { violationsIn } from '../shared/moderation.js';

const capped = (points: number, cap: number) =>
  z.object({
    points: z.number().int().min(0).max(10_000).default(points),
    /** Most points of this kind a member earns in one local day (0: no cap). */
    dailyCap: z.number().int().min(0).max(100_000).default(cap),
  });

export const pointsConfigSchema = z.object({
  /** A message at least `minLength` characters long earns points, at most once per cooldown. */
  message: capped(1, 20)
    .extend({
      minLength: z.number().int().min(1).max(1000).default(10),
      cooldownSeconds: z.number().int().min(0).max(86_400).default(60),
    })
    .prefault({}),
  checkIn: z
    .object({
      points: z.number().int().min(0).max(10_000).default(5),
      /** Extra points on every streak day divisible by `streakEvery` (7: day 7, 14, 21…). 0: none. */
      streakEvery: z.number().int().min(0).max(365).default(7),
      streakBonus: z.number().int().min(0).max(10_000).default(10),
    })
    .prefault({}),
  /** A reply to someone else's question. */
  answer: capped(3, 15).prefault({}),
  /** Being thanked in a reply: the thanked member earns. */
  thanked: capped(2, 10)
    .extend({
      keywords: z
        .array(z.string().trim().min(1).max(20))
        .max(30)
        .default(['谢谢', '感谢', '多谢', '谢啦', 'thanks', 'thank you', 'thx']),
    })
    .prefault({}),
  /** Points taken for each violation other plays report (anti-spam, quiet hours…). */
  penalty: z.object({ points: z.number().int().min(0).max(10_000).default(10) }).prefault({}),
});
export type PointsConfig = z.infer<typeof pointsConfigSchema>;

type Ctx = PlayContext<PointsConfig>;

const QUESTION = /[?？]|吗|么|怎么|如何|为什么|请问|有没有|\b(how|why|what|where|when|who|does|can|is there)\b/i;

const capKey = (memberId: number, reason: string, day: string) => `cap:${memberId}:${reason}:${day}`;

/** Award points within the reason's daily cap (kept in the play's memory for the local day). */
const award = async (ctx: Ctx, memberId: number, amount: number, reason: string, cap: number) => {
  if (amount === 0) return;
  let granted = amount;
  if (amount > 0 && cap > 0) {
    const key = capKey(memberId, reason, localTime(ctx.now, ctx.community.timezone).day);
    const used = (await ctx.memory.get<number>(key)) ?? 0;
    granted = Math.min(amount, cap - used);
    if (granted <= 0) return;
    await ctx.memory.set(key, used + granted, 2 * 86_400);
  }
  await ctx.appendLedger({ groupId: ctx.group.id, memberId, kind: 'points', amount: granted, data: { reason } });
};

/** Points (积分) for what the rules encourage, taken for violations; balances are sums of entries. */
export const pointsPlay = definePlay<PointsConfig>({
  name: 'points',
  title: { 'zh-CN': '积分', en: 'Points' },
  description: {
    'zh-CN':
      '为鼓励的行为记积分：有内容的发言、打卡与连续打卡、回答问题、被感谢；违规扣分。每日上限与冷却防刷。有效邀请的积分由“邀请归因”记。',
    en: 'Points for encouraged behaviour: substantial messages, check-ins and streaks, answers, being thanked; violations cost points. Daily caps and cooldowns stop farming. Valid invites earn points through Invite attribution.',
  },
  configSchema: pointsConfigSchema,
  memoryKeys: (event, _config, community, repliedTo) => {
    if (event.type !== 'message') return [];
    const day = localTime(event.at, community.timezone).day;
    const keys = [`cool:${event.memberId}`, capKey(event.memberId, 'message', day)];
    if (event.payload.replyTo) {
      // A reply is an answer to a question (recognised by the question's key) or thanks its author.
      keys.push(`q:${event.source}:${event.payload.replyTo}`, capKey(event.memberId, 'answer', day));
      if (repliedTo !== undefined) keys.push(capKey(repliedTo, 'thanked', day));
    }
    return keys;
  },
  create: () =>
    new Composer<Ctx>()
      .use(async (ctx, next) => {
        if (ctx.trigger.kind !== 'event') return next();
        const { event } = ctx.trigger;
        const c = ctx.config;
        const checkIn = ctx.notes[CHECK_IN_NOTE] as CheckInNote | undefined;
        // A make-up restores the streak; it earns nothing itself.
        if (checkIn && !checkIn.makeUp) {
          await award(ctx, checkIn.memberId, c.checkIn.points, 'check_in', 0);
          if (c.checkIn.streakEvery > 0 && checkIn.streak % c.checkIn.streakEvery === 0) {
            await award(ctx, checkIn.memberId, c.checkIn.streakBonus, 'streak', 0);
          }
        }
        for (const v of violationsIn(ctx.notes)) {
          if (c.penalty.points > 0) await award(ctx, v.memberId, -c.penalty.points, `violation:${v.reason}`, 0);
        }
        const text = (event.payload.text ?? '').trim();
        const violated = violationsIn(ctx.notes).some((v) => v.eventId === event.id);
        if (event.type === 'message' && !checkIn && !violated && text.length >= c.message.minLength) {
          const cool = `cool:${event.memberId}`;
          if (!(await ctx.memory.get(cool))) {
            await award(ctx, event.memberId, c.message.points, 'message', c.message.dailyCap);
            if (c.message.cooldownSeconds > 0) await ctx.memory.set(cool, true, c.message.cooldownSeconds);
          }
        }
        if (event.type === 'message' && event.payload.replyTo && !violated) {
          const author = await ctx.authorOf(event.payload.replyTo);
          if (author !== undefined && author !== event.memberId) {
            const lower = text.toLowerCase();
            if (c.thanked.keywords.some((k) => lower.includes(k.toLowerCase()))) {
              await award(ctx, author, c.thanked.points, 'thanked', c.thanked.dailyCap);
            } else if (text.length >= 4) {
              const question = await ctx.memory.get<boolean>(`q:${event.source}:${event.payload.replyTo}`);
              if (question) await award(ctx, event.memberId, c.answer.points, 'answer', c.answer.dailyCap);
            }
          }
        }
        // Remember questions for a week, so an answer to one can be recognised.
        if (event.type === 'message' && QUESTION.test(text.slice(0, 500))) {
          await ctx.memory.set(`q:${event.source}:${event.sourceId}`, true, 7 * 86_400);
        }
        await next();
      })
      .middleware(),
});
