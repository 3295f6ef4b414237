import { z } from 'zod';
import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import { renderTemplate } from '../../i18n/index.js';
import { defaultLevels } from '../levels/index.js';
import { findReward, readRedeemIntent } from './match.js';
import { defaultRedeemTexts, type RedeemTexts, rewardLine } from './texts.js';

const commands = z.array(z.string().trim().min(1).max(20)).max(10);

export const redeemConfigSchema = z.object({
  /** `兑换 <reward name or number>`: ask for a reward. */
  redeemCommands: commands.default(['兑换', '/redeem']),
  /** `积分`: the member's balance and level. */
  pointsCommands: commands.default(['积分', '我的积分', '/points']),
  /** `兑换列表`: the rewards on offer. */
  rewardsCommands: commands.default(['兑换列表', '奖品', '/rewards']),
  /** Rewards listed at most. */
  listMax: z.number().int().min(1).max(50).default(15),
  /** Override any reply of the community's language. */
  texts: z
    .object(
      Object.fromEntries(
        Object.keys(defaultRedeemTexts.en).map((k) => [k, z.string().trim().min(1).max(500).optional()]),
      ) as Record<keyof RedeemTexts, z.ZodOptional<z.ZodString>>,
    )
    .partial()
    .default({}),
});
export type RedeemConfig = z.infer<typeof redeemConfigSchema>;

type Ctx = PlayContext<RedeemConfig>;

const text = (ctx: Ctx, key: keyof RedeemTexts, values: Record<string, string>): string =>
  renderTemplate(ctx.config.texts[key] ?? defaultRedeemTexts[ctx.community.language][key], values);

/**
 * Members redeem points themselves (积分兑换): `兑换 <reward>` asks through the same stock and approval
 * path as a steward (the store decides; the play only asks and answers), `积分` tells the balance and
 * level, `兑换列表` lists the rewards on offer.
 */
export const redeemPlay = definePlay<RedeemConfig>({
  name: 'redeem',
  title: { 'zh-CN': '积分兑换指令', en: 'Redeem command' },
  description: {
    'zh-CN': '成员在群里发送「兑换 奖品」申请兑换（库存与审核同后台），「积分」查询积分与等级，「兑换列表」查看奖品。',
    en: 'Members send “/redeem reward” to ask for a reward (same stock and approval as the console), “/points” for their balance and level, “/rewards” for the list.',
  },
  configSchema: redeemConfigSchema,
  create: (config) => {
    const wanted = {
      redeem: config.redeemCommands,
      points: config.pointsCommands,
      rewards: config.rewardsCommands,
    };
    return new Composer<Ctx>()
      .on('message', async (ctx, next) => {
        if (ctx.trigger.kind !== 'event') return next();
        const { event } = ctx.trigger;
        const intent = readRedeemIntent(event.payload.text ?? '', wanted);
        if (intent.kind === 'none') return next();
        const lang = ctx.community.language;
        const reply = (message: string) => ctx.send({ text: message, replyToEventId: event.id });
        const { displayName: name } = await ctx.member();
        const balanceOf = () => ctx.sumLedger({ play: null, memberId: event.memberId, kinds: ['points'] });

        if (intent.kind === 'rewards') {
          const offered = await ctx.rewards.offered();
          const shown = offered.slice(0, ctx.config.listMax);
          await reply(
            shown.length === 0
              ? text(ctx, 'listEmpty', {})
              : text(ctx, 'list', { list: shown.map((r) => rewardLine(lang, r)).join('\n') }),
          );
        } else if (intent.kind === 'points') {
          const balance = await balanceOf();
          const levels = await ctx.readLedger({ play: 'levels', memberId: event.memberId, kinds: ['level'] });
          const last = levels.at(-1);
          const values = { name, balance: String(balance) };
          if (!last) await reply(text(ctx, 'pointsNoLevel', values));
          else {
            const level = last.amount;
            const title =
              typeof last.data.title === 'string' ? last.data.title : (defaultLevels[level - 1]?.title[lang] ?? '');
            await reply(text(ctx, 'points', { ...values, level: String(level), title }));
          }
        } else if (intent.query === '') {
          await reply(text(ctx, 'usage', {}));
        } else {
          const match = findReward(await ctx.rewards.offered(), intent.query);
          if ('none' in match) await reply(text(ctx, 'notFound', { query: intent.query }));
          else if ('ambiguous' in match) {
            const names = match.ambiguous.map((r) => `#${r.id} ${r.name}`).join(lang === 'zh-CN' ? '、' : ', ');
            await reply(text(ctx, 'ambiguous', { query: intent.query, names }));
          } else {
            const outcome = await ctx.rewards.request(match.found.id);
            const reward = outcome.reward ?? match.found;
            const values = { name, reward: reward.name, cost: String(reward.cost) };
            if (outcome.status !== 'refused') {
              await reply(
                outcome.status === 'pending'
                  ? text(ctx, 'pending', values)
                  : text(ctx, 'approved', { ...values, balance: String(await balanceOf()) }),
              );
            } else if (outcome.reason === 'not_enough_points')
              await reply(text(ctx, 'tooPoor', { ...values, spendable: String(outcome.spendable ?? 0) }));
            else if (outcome.reason === 'out_of_stock') await reply(text(ctx, 'outOfStock', values));
            else if (outcome.reason === 'not_offered') await reply(text(ctx, 'notOffered', values));
            else await reply(text(ctx, 'notFound', { query: intent.query }));
          }
        }
        await next();
      })
      .middleware();
  },
});
