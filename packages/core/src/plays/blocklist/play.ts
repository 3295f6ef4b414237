import { z } from 'zod';
import type { Language } from '../../communities/index.js';
import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import { removeOrAlert } from '../shared/sanctions.js';

export const BLOCKLIST_PLAY = 'blocklist';

const why: Record<Language, string> = { 'zh-CN': '在黑名单中', en: 'on the blocklist' };

export const blocklistConfigSchema = z.object({
  /** Also act when a listed member posts (someone listed while already in the group). */
  onMessage: z.boolean().default(true),
  /** Delete a listed member's message where the platform allows. */
  deleteMessages: z.boolean().default(true),
  /** Act at most once per member and group in this many minutes (a flood of messages is one removal). */
  repeatAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
});
export type BlocklistConfig = z.infer<typeof blocklistConfigSchema>;

type Ctx = PlayContext<BlocklistConfig>;

/**
 * A member on the community's blocklist who joins (or posts in) any group is removed and kept out;
 * without that capability the stewards are alerted. The rest of the chain does not run for them:
 * nobody greets or rewards a listed member.
 */
export const blocklistPlay = definePlay<BlocklistConfig>({
  name: BLOCKLIST_PLAY,
  title: { 'zh-CN': '黑名单', en: 'Blocklist' },
  description: {
    'zh-CN': '黑名单成员加入或在任一群发言时，将其移出并禁止再次加入；平台不支持时提醒管家。',
    en: 'Removes and bans a blocklisted member who joins or posts in any group; alerts stewards where the platform cannot.',
  },
  configSchema: blocklistConfigSchema,
  create: () =>
    new Composer<Ctx>()
      .on(['join', 'message'], async (ctx, next) => {
        if (ctx.trigger.kind !== 'event') return next();
        const event = ctx.trigger.event;
        if (event.type === 'message' && !ctx.config.onMessage) return next();
        const facts = await ctx.member();
        if (!facts.blocklisted) return next();
        ctx.notes.blocklisted = true;
        if (event.type === 'message' && ctx.config.deleteMessages && ctx.capabilities.delete) {
          await ctx.act('delete', { eventId: event.id, reason: 'blocklist' });
        }
        const key = `acted:g${ctx.group.id}:m${event.memberId}`;
        if (await ctx.memory.get(key)) return;
        await ctx.memory.set(key, true, ctx.config.repeatAfterMinutes * 60);
        await removeOrAlert(
          ctx,
          { memberId: event.memberId, name: facts.displayName, eventId: event.id },
          'blocklist',
          why[ctx.community.language],
          true,
        );
      })
      .middleware(),
});
