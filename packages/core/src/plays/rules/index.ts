import { z } from 'zod';
import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import { isEmptyRuleSet, renderAnnouncement, ruleSetSchema } from './rule-set.js';

export {
  defaultRuleHeadings,
  type Headings,
  isEmptyRuleSet,
  MAX_ANNOUNCEMENT_LENGTH,
  parsePublishableRuleSet,
  type RuleSet,
  renderAnnouncement,
  ruleSetSchema,
} from './rule-set.js';

/** The timer the server sets when a new version is published: the play posts it when it fires. */
export const RULES_PUBLISH_TIMER = 'publish';
/** Commands are short; longer text is chat, never a command (and is not scanned). */
const MAX_COMMAND_LENGTH = 64;

export const rulesConfigSchema = z.object({
  /** The rule set as last published (the server's publish API writes it, with `version`). */
  ruleSet: ruleSetSchema.prefault({}),
  /** The published version this configuration holds; 0 = never published. */
  version: z.number().int().min(0).default(0),
  /** Messages that ask for the rules; matched whole, ignoring case and a Telegram `@bot` suffix. */
  commands: z
    .array(z.string().trim().min(1).max(MAX_COMMAND_LENGTH))
    .max(10)
    .default(['/rules', '群规', '看群规'])
    .meta({ title: '触发命令 / Commands' }),
  /** After posting, the same group's commands are ignored this long (no flooding with announcements). */
  cooldownSeconds: z.number().int().min(0).max(86_400).default(300).meta({ title: '冷却（秒） / Cooldown (s)' }),
  /** Pin the announcement where the platform allows. */
  pin: z.boolean().default(true).meta({ title: '置顶 / Pin' }),
  /** Replace some section headings (value, rules, entry, encouraged, reward, forbidden, penalties, vision). */
  headings: z
    .object({
      value: z.string().max(40),
      rules: z.string().max(40),
      entry: z.string().max(40),
      encouraged: z.string().max(40),
      reward: z.string().max(40),
      forbidden: z.string().max(40),
      penalties: z.string().max(40),
      vision: z.string().max(40),
      version: z.string().max(40),
    })
    .partial()
    .default({}),
});
export type RulesConfig = z.infer<typeof rulesConfigSchema>;
type Ctx = PlayContext<RulesConfig>;

/** `/rules@qunzhu_bot` and ` 群规 ` both read as the command they name. */
export const commandOf = (text: string): string | null => {
  if (text.length > MAX_COMMAND_LENGTH * 2) return null;
  const t = text.trim().toLowerCase();
  if (t.length === 0 || t.length > MAX_COMMAND_LENGTH) return null;
  return t.startsWith('/') ? t.replace(/@[\w.]+$/, '') : t;
};

const cooldownKey = (ctx: Ctx) => `cooldown:g${ctx.group.id}`;

const post = async (ctx: Ctx): Promise<void> => {
  const { ruleSet, version, pin, headings } = ctx.config;
  const text = renderAnnouncement(ruleSet, ctx.community.language, { version, headings });
  await ctx.send({ text, pin });
  if (ctx.config.cooldownSeconds > 0)
    await ctx.memory.set(cooldownKey(ctx), ctx.now.toISOString(), ctx.config.cooldownSeconds);
};

/** Posts (and pins) the group's rules on request and whenever a new version is published. */
export const rulesPlay = definePlay<RulesConfig>({
  name: 'rules',
  title: { 'zh-CN': '群规与群公告', en: 'Rules and announcement' },
  description: {
    'zh-CN':
      '把群规（价值、入群条件、鼓励与奖励、禁止与处罚、愿景）生成群公告；有人发“群规”时发出并置顶，发布新版本时重新发出。',
    en: "Renders the group's rules (value, entry criteria, encouraged and forbidden behaviours, vision) into an announcement; posts and pins it on request and when a new version is published.",
  },
  configSchema: rulesConfigSchema,
  needs: ['send', 'pin'],
  create: (config) => {
    const commands = new Set(config.commands.map((c) => commandOf(c)).filter((c): c is string => c !== null));
    return new Composer<Ctx>()
      .on(['message', 'command'], async (ctx, next) => {
        if (ctx.trigger.kind !== 'event') return next();
        const command = commandOf(ctx.trigger.event.payload.text ?? '');
        if (command !== null && commands.has(command) && !isEmptyRuleSet(ctx.config.ruleSet)) {
          if ((await ctx.memory.get(cooldownKey(ctx))) === undefined) await post(ctx);
        }
        await next();
      })
      .onTimer(RULES_PUBLISH_TIMER, async (ctx) => {
        if (ctx.trigger.kind !== 'timer') return;
        // A later publish replaced this configuration: that version's own timer posts it.
        if (ctx.trigger.timer.data.version !== ctx.config.version || isEmptyRuleSet(ctx.config.ruleSet)) return;
        await post(ctx);
      })
      .middleware();
  },
});
