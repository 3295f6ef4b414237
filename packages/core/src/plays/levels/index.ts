import { z } from 'zod';
import type { Language } from '../../communities/index.js';
import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import { renderTemplate } from '../../i18n/index.js';

/** The default curve: points needed for each level (成长体系), roughly doubling, titles in both languages. */
export const defaultLevels: readonly { threshold: number; title: Record<Language, string> }[] = [
  { threshold: 0, title: { 'zh-CN': '新人', en: 'Newcomer' } },
  { threshold: 30, title: { 'zh-CN': '活跃成员', en: 'Regular' } },
  { threshold: 100, title: { 'zh-CN': '热心成员', en: 'Contributor' } },
  { threshold: 250, title: { 'zh-CN': '骨干', en: 'Mainstay' } },
  { threshold: 600, title: { 'zh-CN': '核心成员', en: 'Core member' } },
  { threshold: 1500, title: { 'zh-CN': '意见领袖', en: 'Opinion leader' } },
  { threshold: 4000, title: { 'zh-CN': '元老', en: 'Veteran' } },
];

const defaultPromoted: Record<Language, string> = {
  'zh-CN': '🎉 恭喜 {name} 升级为 Lv{level}「{title}」！',
  en: '🎉 {name} reached level {level}: {title}!',
};

export const levelsConfigSchema = z
  .object({
    levels: z
      .array(
        z.object({
          threshold: z.number().int().min(0).max(100_000_000),
          title: z.object({ 'zh-CN': z.string().trim().min(1).max(30), en: z.string().trim().min(1).max(30) }),
        }),
      )
      .min(2)
      .max(50)
      .default(defaultLevels.map((l) => ({ threshold: l.threshold, title: { ...l.title } }))),
    /** Demote only when the balance falls below this share of the level's threshold (no flapping). */
    demoteBelowShare: z.number().min(0).max(1).default(0.9),
    /** …and never within this many days of the last promotion. */
    demoteGraceDays: z.number().int().min(0).max(365).default(14),
    /** Announce promotions in the group. */
    announce: z.boolean().default(true),
    /** `{name}`, `{level}`, `{title}`; empty: the community language's default. */
    template: z.string().max(500).default(''),
    /** Keep a member tag `Lv{n} {title}` in step with the level (the old level's tag goes). */
    tagLevels: z.boolean().default(true),
  })
  .superRefine((c, ctx) => {
    c.levels.forEach((l, i) => {
      if (i === 0 && l.threshold !== 0)
        ctx.addIssue({
          code: 'custom',
          path: ['levels', 0, 'threshold'],
          message: 'the first level starts at 0 points',
        });
      const prev = c.levels[i - 1];
      if (prev && l.threshold <= prev.threshold)
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'threshold'],
          message: 'thresholds must rise from level to level',
        });
    });
  });
export type LevelsConfig = z.infer<typeof levelsConfigSchema>;

/** The level a balance earns on the way up: the highest threshold reached (levels count from 1). */
export const levelFor = (levels: LevelsConfig['levels'], balance: number): number => {
  let level = 1;
  let i = 0;
  for (const l of levels) {
    i += 1;
    if (balance >= l.threshold) level = i;
  }
  return level;
};

/**
 * The level after a change of balance: promotion at once; demotion only below `share` of the
 * current level's threshold and not within the grace period after the last promotion.
 */
export const nextLevel = (
  c: Pick<LevelsConfig, 'levels' | 'demoteBelowShare' | 'demoteGraceDays'>,
  current: number,
  balance: number,
  promotedAt: Date | null,
  now: Date,
): number => {
  const earned = levelFor(c.levels, balance);
  if (earned >= current) return earned;
  const threshold = c.levels[current - 1]?.threshold ?? 0;
  if (balance >= threshold * c.demoteBelowShare) return current;
  if (promotedAt && now.getTime() - promotedAt.getTime() < c.demoteGraceDays * 86_400_000) return current;
  return earned;
};

type Ctx = PlayContext<LevelsConfig>;
const POINTS = ['points'] as const;

/** The member tag of a level, in the community's language: `Lv3 热心成员`. */
export const levelTag = (levels: LevelsConfig['levels'], level: number, language: Language): string =>
  `Lv${level} ${levels[level - 1]?.title[language] ?? ''}`.trim().slice(0, 40);

/**
 * A member's level as the ledger's `level` entries say, and the level tag they wear, kept in the play's
 * memory so that an event costs one lookup instead of a read of the member's history; read back from
 * the ledger when missing.
 */
type Standing = { level: number; promotedAt: string | null; changes: number; tag: string | null };
const standingKey = (memberId: number) => `standing:m${memberId}`;

const standing = async (ctx: Ctx, memberId: number): Promise<Standing> => {
  const known = await ctx.memory.get<Standing>(standingKey(memberId));
  if (known && known.tag !== undefined) return known;
  const entries = await ctx.readLedger({ memberId, kinds: ['level', 'tag_add', 'tag_remove'] });
  const history = entries.filter((e) => e.kind === 'level');
  const promoted = history.findLast((e) => e.data.direction === 'up');
  let worn: string | null = null;
  for (const e of entries) {
    if (typeof e.data.tag !== 'string') continue;
    if (e.kind === 'tag_add') worn = e.data.tag;
    if (e.kind === 'tag_remove' && worn === e.data.tag) worn = null;
  }
  const derived: Standing = {
    level: history.at(-1)?.amount ?? 1,
    promotedAt: promoted ? promoted.at.toISOString() : null,
    changes: history.length,
    tag: worn,
  };
  await ctx.memory.set(standingKey(memberId), derived);
  return derived;
};

const tag = (ctx: Ctx, memberId: number, kind: 'tag_add' | 'tag_remove', value: string, step: string) =>
  ctx.appendLedger({
    groupId: ctx.group.id,
    memberId,
    kind,
    amount: 0,
    data: { tag: value },
    dedupeKey: `levels:m${memberId}:${kind}:${step}`,
  });

/** Levels (等级) from the points balance: promoted at once, demoted only with hysteresis. */
export const levelsPlay = definePlay<LevelsConfig>({
  name: 'levels',
  title: { 'zh-CN': '等级', en: 'Levels' },
  description: {
    'zh-CN': '按积分余额定等级与头衔：达到门槛立即升级；低于门槛 90% 且升级满 14 天才降级，避免来回跳。',
    en: 'Levels and titles from the points balance: promoted at once; demoted only below 90% of the threshold and not within 14 days of a promotion.',
  },
  configSchema: levelsConfigSchema,
  memoryKeys: (event) => [standingKey(event.memberId)],
  ledgerKinds: ['level', 'tag_add', 'tag_remove'],
  create: () =>
    new Composer<Ctx>()
      .use(async (ctx, next) => {
        if (ctx.trigger.kind !== 'event') return next();
        // The actor; others who gained points (an inviter, a thanked member) follow at their next event.
        const actor = ctx.trigger.event.memberId;
        const checkIn = ctx.notes.checkIn as { memberId?: number } | undefined;
        const other = checkIn?.memberId;
        for (const memberId of other === undefined || other === actor ? [actor] : [actor, other]) {
          const balance = await ctx.sumLedger({ play: null, memberId, kinds: POINTS });
          const known = await standing(ctx, memberId);
          const current = known.level;
          // Reached or kept by the balance, the level needs no date: most events end here.
          const earned = levelFor(ctx.config.levels, balance);
          const level =
            earned >= current
              ? earned
              : nextLevel(
                  ctx.config,
                  current,
                  balance,
                  known.promotedAt === null ? null : new Date(known.promotedAt),
                  ctx.now,
                );
          const lang = ctx.community.language;
          const tagging = ctx.config.tagLevels;
          if (level === current) {
            // A member still at the first level gets its tag once (the dedupe key keeps it once).
            if (tagging && known.changes === 0 && known.tag === null) {
              const first = levelTag(ctx.config.levels, 1, lang);
              await tag(ctx, memberId, 'tag_add', first, 'initial');
              await ctx.memory.set(standingKey(memberId), { ...known, tag: first } satisfies Standing);
            }
            continue;
          }
          const direction = level > current ? 'up' : 'down';
          const newTag = levelTag(ctx.config.levels, level, lang);
          await ctx.appendLedger({
            groupId: ctx.group.id,
            memberId,
            kind: 'level',
            amount: level,
            data: {
              from: current,
              direction,
              balance,
              title: ctx.config.levels[level - 1]?.title[lang] ?? '',
              ...(tagging ? { tag: newTag } : {}),
            },
            dedupeKey: `levels:m${memberId}:${known.changes}:${level}`,
          });
          if (tagging) {
            // The tag the member wears now (titles may have been renamed since it was given).
            const oldTag = known.tag ?? levelTag(ctx.config.levels, current, lang);
            const step = `${known.changes}:${level}`;
            if (oldTag !== newTag) await tag(ctx, memberId, 'tag_remove', oldTag, step);
            await tag(ctx, memberId, 'tag_add', newTag, step);
          }
          const next: Standing = {
            level,
            promotedAt: direction === 'up' ? ctx.now.toISOString() : known.promotedAt,
            changes: known.changes + 1,
            tag: tagging ? newTag : known.tag,
          };
          await ctx.memory.set(standingKey(memberId), next);
          if (direction === 'up' && ctx.config.announce) {
            const title = ctx.config.levels[level - 1]?.title[lang] ?? String(level);
            const { displayName } = await ctx.member(memberId);
            await ctx.send({
              text: renderTemplate(ctx.config.template.trim() || defaultPromoted[lang], {
                name: displayName,
                level: String(level),
                title,
              }),
              mentionMemberIds: [memberId],
            });
          }
        }
        await next();
      })
      .middleware(),
});
