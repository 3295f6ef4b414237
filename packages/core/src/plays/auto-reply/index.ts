import { z } from 'zod';
import type { Language } from '../../communities/index.js';
import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import {
  type CompiledTrigger,
  compileTrigger,
  faqEntrySchema,
  refineTriggers,
  triggerLabel,
  triggerSchema,
} from './triggers.js';

export { MAX_PATTERN_LENGTH, unsafeRegexReason } from './regex-guard.js';
export {
  type FaqEntry,
  faqEntrySchema,
  MATCH_KINDS,
  type MatchKind,
  normalise,
  type Trigger as AutoReplyTrigger,
  triggerSchema,
} from './triggers.js';

export const autoReplyConfigSchema = z
  .object({
    /** This group's own triggers, tried in order before the FAQ library; the first match answers. */
    triggers: z.array(triggerSchema).max(200).default([]).meta({ title: '触发规则 / Triggers' }),
    /** Answer from the community's FAQ library too. */
    useFaq: z.boolean().default(false).meta({ title: '使用 FAQ 库 / Use the FAQ library' }),
    /** Only these FAQ entries (by id); empty: all of them. */
    faqIds: z
      .array(z.string().max(40))
      .max(200)
      .default([])
      .meta({ title: '只用这些 FAQ（留空为全部） / Only these FAQ ids (empty: all)' }),
    /** A trigger answers once in this many seconds per group; asked again sooner, it stays quiet. */
    cooldownSeconds: z
      .number()
      .int()
      .min(0)
      .max(86_400)
      .default(60)
      .meta({ title: '同一规则冷却（秒） / Trigger cooldown (s)' }),
    /** A member gets at most one automatic answer in this many seconds, whatever they ask. */
    memberCooldownSeconds: z
      .number()
      .int()
      .min(0)
      .max(86_400)
      .default(30)
      .meta({ title: '同一成员冷却（秒） / Member cooldown (s)' }),
    /** Answer as a reply to the asker's message. */
    replyToAsker: z.boolean().default(true).meta({ title: '回复提问消息 / Reply to the asker' }),
    /** Only the first this many characters of a message are inspected (bounds the regex work). */
    maxTextLength: z
      .number()
      .int()
      .min(20)
      .max(2000)
      .default(500)
      .meta({ title: '最多检查字数 / Characters inspected' }),
  })
  .superRefine((config, ctx) => refineTriggers(config.triggers, ctx, 'triggers', triggerLabel));
export type AutoReplyConfig = z.infer<typeof autoReplyConfigSchema>;

export const autoReplySharedSchema = z
  .object({
    /** The community's FAQ library, edited once; each group chooses to use it. */
    faq: z.array(faqEntrySchema).max(500).default([]).meta({ title: 'FAQ 库 / FAQ library' }),
  })
  .superRefine((shared, ctx) => {
    refineTriggers(shared.faq, ctx, 'faq', (t, i) => `FAQ "${shared.faq[i]?.id ?? t.name}"`);
    const seen = new Set<string>();
    shared.faq.forEach((entry, i) => {
      if (seen.has(entry.id)) {
        ctx.addIssue({ code: 'custom', path: ['faq', i, 'id'], message: `FAQ id "${entry.id}" is used twice` });
      }
      seen.add(entry.id);
    });
  });
export type AutoReplyShared = z.infer<typeof autoReplySharedSchema>;

type Ctx = PlayContext<AutoReplyConfig>;

/** Said in place of `{@role}` when nobody holds the role in the group. */
export const noHolderText: Record<Language, (role: string) => string> = {
  'zh-CN': (role) => `${role}（暂无人负责）`,
  en: (role) => `${role} (nobody holds this role yet)`,
};

const ROLE_MENTION = /\{@([^{}]{1,40})\}/g;
const PLACEHOLDER = /\{(?:@([^{}]{1,40})|(\w+))\}/g;

/**
 * Fill the reply in one pass (so a name cannot inject a placeholder): `{name}`, `{group}`, and
 * `{@role}` with mentions of the role's holders. Returns the text and who was mentioned.
 */
const fillReply = async (
  ctx: Ctx,
  template: string,
  values: Record<string, string>,
): Promise<{ text: string; mentions: number[] }> => {
  const roles = [...new Set([...template.matchAll(ROLE_MENTION)].map((m) => m[1] ?? ''))];
  const mentions: number[] = [];
  const filled = new Map<string, string>();
  for (const role of roles) {
    const holders = await ctx.membersWithRole(role);
    for (const h of holders) if (!mentions.includes(h.memberId)) mentions.push(h.memberId);
    filled.set(
      role,
      holders.length > 0
        ? holders.map((h) => `@${h.displayName}`).join(' ')
        : noHolderText[ctx.community.language](role),
    );
  }
  const text = template.replace(PLACEHOLDER, (whole, role: string | undefined, key: string | undefined) =>
    role !== undefined ? (filled.get(role) ?? whole) : (values[key ?? ''] ?? whole),
  );
  return { text, mentions };
};

/** Answers questions by keyword, exact text or regex; per group and from a community-wide FAQ library. */
export const autoReplyPlay = definePlay<AutoReplyConfig, AutoReplyShared>({
  name: 'auto-reply',
  title: { 'zh-CN': '关键词回复', en: 'Auto-reply' },
  description: {
    'zh-CN': '按关键词、整句或正则自动回答常见问题，可使用社群共享的 FAQ 库，并可按角色转给负责的人（如售后）。',
    en: 'Answers common questions by keyword, exact text or regex, from the group’s triggers or the community’s shared FAQ library, and can route a question to the members holding a role.',
  },
  configSchema: autoReplyConfigSchema,
  sharedSchema: autoReplySharedSchema,
  needs: ['send'],
  create: (config, shared) => {
    const wanted = new Set(config.faqIds);
    const compiled: CompiledTrigger[] = [
      ...config.triggers.map((t, i) => compileTrigger(t, `g${i}`)),
      ...(config.useFaq ? shared.faq.filter((f) => wanted.size === 0 || wanted.has(f.id)) : []).map((f) =>
        compileTrigger(f, `faq:${f.id}`),
      ),
    ];
    return new Composer<Ctx>()
      .on('message', async (ctx, next) => {
        if (ctx.trigger.kind !== 'event' || compiled.length === 0) return next();
        const { event } = ctx.trigger;
        const text = (event.payload.text ?? '').slice(0, ctx.config.maxTextLength);
        const hit = text.trim() ? compiled.find((c) => c.test(text)) : undefined;
        if (!hit) return next();
        const triggerKey = `t:g${ctx.group.id}:${hit.key}`;
        const memberKey = `m:g${ctx.group.id}:${event.memberId}`;
        if ((await ctx.memory.get(triggerKey)) !== undefined || (await ctx.memory.get(memberKey)) !== undefined) {
          return next();
        }
        const { text: reply, mentions } = await fillReply(ctx, hit.trigger.reply, {
          name: event.payload.name ?? `#${event.memberId}`,
          group: ctx.group.name,
        });
        await ctx.send({
          text: reply,
          ...(ctx.config.replyToAsker ? { replyToEventId: event.id } : {}),
          ...(mentions.length > 0 ? { mentionMemberIds: mentions } : {}),
        });
        if (ctx.config.cooldownSeconds > 0) await ctx.memory.set(triggerKey, true, ctx.config.cooldownSeconds);
        if (ctx.config.memberCooldownSeconds > 0)
          await ctx.memory.set(memberKey, true, ctx.config.memberCooldownSeconds);
        await next();
      })
      .middleware();
  },
});
