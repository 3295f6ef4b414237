import { z } from 'zod';
import type { Language } from '../../communities/index.js';
import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import {
  LEADERBOARD_METRICS,
  LEADERBOARD_PERIODS,
  type LeaderboardMetric,
  type LeaderboardPeriod,
  metricKinds,
  nextPosting,
  periodBefore,
  rankLedger,
} from './rank.js';

export * from './rank.js';

const board = z.object({
  metric: z.enum(LEADERBOARD_METRICS),
  period: z.enum(LEADERBOARD_PERIODS),
  top: z.number().int().min(1).max(50).default(10),
  /** Local time of posting, HH:MM: daily boards each day, weekly ones on Mondays, monthly on the 1st. */
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour')
    .default('09:00'),
  /** Count what happened in this group only, or across the community. */
  scope: z.enum(['group', 'community']).default('group'),
});
export type BoardConfig = z.infer<typeof board>;

export const leaderboardsConfigSchema = z.object({
  boards: z
    .array(board)
    .max(10)
    .default([{ metric: 'points', period: 'week', top: 10, time: '09:00', scope: 'group' }]),
});
export type LeaderboardsConfig = z.infer<typeof leaderboardsConfigSchema>;

const metricTitle: Record<Language, Record<LeaderboardMetric, string>> = {
  'zh-CN': { points: '积分榜', checkins: '打卡榜', streak: '连续打卡榜', invites: '邀请榜' },
  en: { points: 'Points', checkins: 'Check-ins', streak: 'Longest streak', invites: 'Invites' },
};
const periodTitle: Record<Language, Record<LeaderboardPeriod, string>> = {
  'zh-CN': { day: '昨日', week: '上周', month: '上月', all: '总' },
  en: { day: 'Yesterday', week: 'Last week', month: 'Last month', all: 'All-time' },
};
const medals = ['🥇', '🥈', '🥉'];

type Ctx = PlayContext<LeaderboardsConfig>;
const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const timerKey = (i: number) => `board-${i}`;

/** Leaderboards (排行榜) for points, check-ins, streaks and invites, posted in the group on a schedule. */
export const leaderboardsPlay = definePlay<LeaderboardsConfig>({
  name: 'leaderboards',
  title: { 'zh-CN': '排行榜', en: 'Leaderboards' },
  description: {
    'zh-CN': '按日/周/月定时在群内发布积分、打卡、连续打卡与邀请排行榜。',
    en: 'Posts points, check-in, streak and invite leaderboards in the group daily, weekly or monthly.',
  },
  configSchema: leaderboardsConfigSchema,
  create: () =>
    new Composer<Ctx>()
      .use(async (ctx, next) => {
        if (ctx.trigger.kind === 'timer' && ctx.trigger.timer.key.startsWith('board-')) {
          const i = Number(ctx.trigger.timer.key.slice('board-'.length));
          const b = ctx.config.boards[i];
          if (!b) return;
          const tz = ctx.community.timezone;
          const span = periodBefore(b.period, ctx.now, tz);
          const entries = (
            await ctx.readLedger({
              play: null,
              kinds: metricKinds[b.metric],
              ...(span.from ? { since: span.from } : {}),
              ...(b.scope === 'group' ? { groupId: ctx.group.id } : {}),
            })
          ).filter((e) => e.at < span.to);
          const ranks = rankLedger(entries, b.metric, b.top);
          if (ranks.length > 0) {
            const lang = ctx.community.language;
            const lines = await Promise.all(
              ranks.map(
                async (r, n) =>
                  `${medals[n] ?? `${n + 1}.`} ${(await ctx.member(r.memberId)).displayName} · ${r.value}`,
              ),
            );
            const heading = `${periodTitle[lang][b.period]}${lang === 'en' ? ' · ' : ''}${metricTitle[lang][b.metric]}（${span.label}）`;
            await ctx.send({ text: [heading, ...lines].join('\n') });
          }
          await ctx.timers.set(ctx.trigger.timer.key, nextPosting(b.period, ctx.now, tz, minuteOf(b.time)), {});
          return;
        }
        if (ctx.trigger.kind === 'event') {
          // Any activity schedules the boards that are not scheduled yet.
          for (const [i, b] of ctx.config.boards.entries()) {
            if (await ctx.timers.get(timerKey(i))) continue;
            await ctx.timers.set(
              timerKey(i),
              nextPosting(b.period, ctx.now, ctx.community.timezone, minuteOf(b.time)),
              {},
            );
          }
        }
        await next();
      })
      .middleware(),
});
