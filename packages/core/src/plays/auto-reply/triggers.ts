import { z } from 'zod';
import { unsafeRegexReason } from './regex-guard.js';

export const MATCH_KINDS = ['keyword', 'exact', 'regex'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

const triggerFields = {
  /** A name for the trigger, shown in errors and the console; the index when left empty. */
  name: z.string().trim().max(60).default('').meta({ title: '名称 / Name' }),
  /** keyword: the message contains a pattern; exact: it is a pattern; regex: a pattern matches. */
  match: z.enum(MATCH_KINDS).default('keyword').meta({ title: '匹配方式 / Match' }),
  patterns: z.array(z.string().min(1).max(200)).min(1).max(30).meta({ title: '关键词或正则 / Patterns' }),
  /**
   * The answer. `{name}` is the asker, `{group}` the group, `{@role}` mentions the members holding
   * that role here or community-wide (`售后问题请找 {@售后}`).
   */
  reply: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .meta({ title: '回复（{name} {group} {@角色}） / Reply ({name} {group} {@role})' }),
  caseSensitive: z.boolean().default(false).meta({ title: '区分大小写 / Case sensitive' }),
};

export const triggerSchema = z.object(triggerFields);
export type Trigger = z.infer<typeof triggerSchema>;

/** An entry of the community's FAQ library: a trigger with a stable id groups switch on by. */
export const faqEntrySchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - and _, up to 40')
    .describe('A stable id: lowercase letters, digits, - and _'),
  ...triggerFields,
});
export type FaqEntry = z.infer<typeof faqEntrySchema>;

export const flagsOf = (t: Pick<Trigger, 'caseSensitive'>): string => (t.caseSensitive ? 'u' : 'iu');

/** Text as triggers see it: NFKC (full-width → half-width), and lower case unless case matters. */
export const normalise = (text: string, caseSensitive: boolean): string => {
  const n = text.normalize('NFKC');
  return caseSensitive ? n : n.toLowerCase();
};

/** Adds an issue for every regex that could run away, naming the trigger. */
export const refineTriggers = (
  triggers: readonly Trigger[],
  ctx: z.RefinementCtx,
  path: string,
  label: (t: Trigger, i: number) => string,
): void => {
  triggers.forEach((t, i) => {
    if (t.match !== 'regex') return;
    t.patterns.forEach((pattern, j) => {
      const reason = unsafeRegexReason(pattern, flagsOf(t));
      if (reason) {
        ctx.addIssue({
          code: 'custom',
          path: [path, i, 'patterns', j],
          message: `${label(t, i)}: regex /${pattern}/ rejected: ${reason}`,
        });
      }
    });
  });
};

export const triggerLabel = (t: Trigger, i: number): string => (t.name ? `trigger "${t.name}"` : `trigger ${i + 1}`);

/** A trigger ready to test messages: patterns normalised or compiled once. */
export type CompiledTrigger = { key: string; trigger: Trigger; test(text: string): boolean };

export const compileTrigger = (trigger: Trigger, key: string): CompiledTrigger => {
  const cs = trigger.caseSensitive;
  if (trigger.match === 'regex') {
    const regexes = trigger.patterns.map((p) => new RegExp(p, flagsOf(trigger)));
    return { key, trigger, test: (text) => regexes.some((r) => r.test(text.normalize('NFKC'))) };
  }
  const patterns = trigger.patterns.map((p) => normalise(p.trim(), cs)).filter((p) => p.length > 0);
  if (trigger.match === 'exact') {
    return { key, trigger, test: (text) => patterns.includes(normalise(text.trim(), cs)) };
  }
  return {
    key,
    trigger,
    test: (text) => {
      const n = normalise(text, cs);
      return patterns.some((p) => n.includes(p));
    },
  };
};
