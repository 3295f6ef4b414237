import { z } from 'zod';
import type { Language } from '../../communities/index.js';
import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import { listNames, renderTemplate } from '../../i18n/index.js';
import type { JsonObject } from '../../json.js';

export const defaultWelcomeTemplates: Record<Language, string> = {
  'zh-CN': '欢迎 {name} 加入「{group}」！{rules}',
  en: 'Welcome {name} to {group}! {rules}',
};

export const welcomeConfigSchema = z.object({
  /** `{name}`, `{group}` and `{rules}` are filled in. Empty: the community language's default. */
  template: z.string().max(2000).default(''),
  rules: z.string().max(4000).default(''),
  /** Joins within this many seconds of the first are greeted in one message. 0 greets each at once. */
  burstWindowSeconds: z.number().int().min(0).max(3600).default(30),
  /** At most this many names in one greeting; the rest are counted. */
  maxNames: z.number().int().min(1).max(100).default(10),
});
export type WelcomeConfig = z.infer<typeof welcomeConfigSchema>;

type Joiner = { memberId: number; name: string };
type Ctx = PlayContext<WelcomeConfig>;
const BURST = 'burst';

const greet = async (ctx: Ctx, joiners: readonly Joiner[]) => {
  if (joiners.length === 0) return;
  const language = ctx.community.language;
  const template = ctx.config.template.trim() || defaultWelcomeTemplates[language];
  const text = renderTemplate(template, {
    name: listNames(
      language,
      joiners.map((j) => j.name),
      ctx.config.maxNames,
    ),
    group: ctx.group.name,
    rules: ctx.config.rules,
  }).trim();
  await ctx.send({ text, mentionMemberIds: joiners.map((j) => j.memberId) });
};

const joinersOf = (data: JsonObject | undefined): Joiner[] =>
  Array.isArray(data?.joiners) ? (data.joiners as unknown as Joiner[]) : [];

/** Greets newcomers on join; a burst of joins gets one message naming them all. */
export const welcomePlay = definePlay<WelcomeConfig>({
  name: 'welcome',
  title: { 'zh-CN': '欢迎语', en: 'Welcome' },
  description: {
    'zh-CN': '新成员入群时发送欢迎语；短时间内多人入群时合并为一条。',
    en: 'Greets members who join; a burst of joins is greeted in one message.',
  },
  configSchema: welcomeConfigSchema,
  create: () =>
    new Composer<Ctx>()
      .on('join', async (ctx, next) => {
        if (ctx.trigger.kind !== 'event') return next();
        const { event } = ctx.trigger;
        const joiner = { memberId: event.memberId, name: event.payload.name ?? `#${event.memberId}` };
        if (ctx.config.burstWindowSeconds === 0) {
          await greet(ctx, [joiner]);
          return next();
        }
        const pending = await ctx.timers.get(BURST);
        const joiners = joinersOf(pending?.data).filter((j) => j.memberId !== joiner.memberId);
        joiners.push(joiner);
        const dueAt = pending?.dueAt ?? new Date(ctx.now.getTime() + ctx.config.burstWindowSeconds * 1000);
        await ctx.timers.set(BURST, dueAt, { joiners });
        await next();
      })
      .on('leave', async (ctx, next) => {
        // Someone who left before the greeting went out is not greeted.
        if (ctx.trigger.kind !== 'event') return next();
        const memberId = ctx.trigger.event.memberId;
        const pending = await ctx.timers.get(BURST);
        if (pending) {
          const joiners = joinersOf(pending.data).filter((j) => j.memberId !== memberId);
          if (joiners.length === 0) await ctx.timers.clear(BURST);
          else await ctx.timers.set(BURST, pending.dueAt, { joiners });
        }
        await next();
      })
      .onTimer(BURST, async (ctx) => {
        if (ctx.trigger.kind !== 'timer') return;
        await greet(ctx, joinersOf(ctx.trigger.timer.data));
      })
      .middleware(),
});
