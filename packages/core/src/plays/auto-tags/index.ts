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
  /**
   * `words` (default): a keyword counts where it starts and ends on word boundaries, as the
   * platform's word segmenter (ICU, with a Chinese dictionary) finds them — 球 is not in 地球, photo
   * is not in photography. `substring`: anywhere in the text.
   */
  match: z.enum(['words', 'substring']).default('words'),
});
export type AutoTagsConfig = z.infer<typeof autoTagsConfigSchema>;

const fold = (text: string) => text.normalize('NFKC').toLowerCase();

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Where the words of `text` begin and end. */
const wordBoundaries = (text: string): Set<number> => {
  const at = new Set<number>([text.length]);
  for (const s of segmenter.segment(text)) at.add(s.index);
  return at;
};

/** The text of one message, with its word boundaries found once and only if a keyword is in it. */
export const keywordMatcher = (text: string, mode: 'words' | 'substring') => {
  let bounds: Set<number> | undefined;
  return (keyword: string): boolean => {
    let i = text.indexOf(keyword);
    if (i === -1 || mode === 'substring') return i !== -1;
    bounds ??= wordBoundaries(text);
    for (; i !== -1; i = text.indexOf(keyword, i + 1)) {
      if (bounds.has(i) && bounds.has(i + keyword.length)) return true;
    }
    return false;
  };
};

/**
 * Auto-tag rules (自动标签): members who talk about a topic get its tag, so the operator can invite them
 * to that topic's group. Keywords are found in the folded text on word boundaries (Chinese word
 * segmentation by Intl.Segmenter), or anywhere; a tag is given once per member (a `tag_add` entry).
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
        const has = keywordMatcher(fold((event.payload.text ?? '').slice(0, 4000)), config.match);
        for (const r of rules) {
          if (!r.keywords.some(has)) continue;
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
