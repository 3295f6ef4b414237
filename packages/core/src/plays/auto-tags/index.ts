import { z } from 'zod';
import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';

const rule = z.object({
  tag: z.string().trim().min(1).max(40),
  /** Words or phrases; a message containing any of them (after NFKC and lower-casing) tags its author. */
  keywords: z.array(z.string().trim().min(1).max(40)).min(1).max(100),
  /** Messages with a keyword needed before the tag is given (1: at once). */
  minMessages: z.number().int().min(1).max(1000).default(1),
});

export const autoTagsConfigSchema = z.object({
  rules: z.array(rule).max(100).default([]),
});
export type AutoTagsConfig = z.infer<typeof autoTagsConfigSchema>;

const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * Auto-tag rules (自动标签): members who talk about a topic get its tag, so the operator can invite them
 * to that topic's group. Keywords are matched as substrings of the folded text, which for Chinese is
 * what a segmenter would find for a keyword list; a tag is given once per member (a `tag_add` entry).
 */
export const autoTagsPlay = definePlay<AutoTagsConfig>({
  name: 'auto-tags',
  title: { 'zh-CN': '自动标签', en: 'Auto-tags' },
  description: {
    'zh-CN': '成员聊到某个话题（关键词）时自动打上标签，便于邀请到对应话题的群。',
    en: 'Tags members who talk about a topic (keywords), so they can be invited to that topic’s group.',
  },
  configSchema: autoTagsConfigSchema,
  create: (config) => {
    const rules = config.rules.map((r) => ({ ...r, keywords: r.keywords.map(fold) }));
    return new Composer<PlayContext<AutoTagsConfig>>()
      .on('message', async (ctx, next) => {
        if (ctx.trigger.kind !== 'event' || rules.length === 0) return next();
        const { event } = ctx.trigger;
        const text = fold((event.payload.text ?? '').slice(0, 4000));
        for (const r of rules) {
          if (!r.keywords.some((k) => text.includes(k))) continue;
          let seen = 1;
          if (r.minMessages > 1) {
            const key = `count:${event.memberId}:${r.tag}`;
            seen = ((await ctx.memory.get<number>(key)) ?? 0) + 1;
            await ctx.memory.set(key, seen);
          }
          if (seen < r.minMessages) continue;
          await ctx.appendLedger({
            groupId: ctx.group.id,
            memberId: event.memberId,
            kind: 'tag_add',
            amount: 0,
            data: { tag: r.tag },
            dedupeKey: `auto-tags:m${event.memberId}:${r.tag}`,
          });
        }
        await next();
      })
      .middleware();
  },
});
