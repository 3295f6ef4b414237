import { z } from 'zod';
import type { Language } from '../../communities/index.js';
import { QunzhuError } from '../../errors.js';

/** Longest announcement we post: Telegram caps a message at 4096 characters; WeChat is shorter in practice. */
export const MAX_ANNOUNCEMENT_LENGTH = 4000;

const item = (max: number) => z.string().trim().min(1).max(max);

/**
 * A group's rules as data: why the group exists, who may enter, what is encouraged (and rewarded),
 * what is forbidden (and its penalty), and where the group is going.
 */
export const ruleSetSchema = z
  .object({
    /** A heading for the announcement, e.g. the group's name and "群公告". */
    title: z.string().trim().max(100).default(''),
    /** The group's value statement: what a member gets here. */
    value: z.string().trim().max(1000).default(''),
    entryCriteria: z.array(item(200)).max(20).default([]),
    encouraged: z
      .array(z.object({ behaviour: item(200), reward: z.string().trim().max(200).default('') }))
      .max(30)
      .default([]),
    forbidden: z
      .array(z.object({ behaviour: item(200), penalty: item(200) }))
      .max(30)
      .default([]),
    vision: z.string().trim().max(1000).default(''),
  })
  .superRefine((set, ctx) => {
    const duplicates = (list: readonly string[], path: string) => {
      const seen = new Map<string, number>();
      list.forEach((text, i) => {
        const key = text.trim().toLowerCase();
        const first = seen.get(key);
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [path, i],
            message: `duplicates item ${first + 1} ("${text}")`,
          });
        } else seen.set(key, i);
      });
    };
    duplicates(set.entryCriteria, 'entryCriteria');
    duplicates(
      set.encouraged.map((e) => e.behaviour),
      'encouraged',
    );
    duplicates(
      set.forbidden.map((f) => f.behaviour),
      'forbidden',
    );
  });
export type RuleSet = z.infer<typeof ruleSetSchema>;

export const isEmptyRuleSet = (set: RuleSet): boolean =>
  !set.value &&
  !set.vision &&
  set.entryCriteria.length === 0 &&
  set.encouraged.length === 0 &&
  set.forbidden.length === 0;

export const defaultRuleHeadings: Record<Language, Headings> = {
  'zh-CN': {
    value: '本群价值',
    rules: '群规',
    entry: '入群条件',
    encouraged: '鼓励',
    reward: '奖励',
    forbidden: '禁止',
    penalties: '违规处理',
    vision: '愿景',
    version: '第 {version} 版',
  },
  en: {
    value: 'Why this group',
    rules: 'Rules',
    entry: 'Who may join',
    encouraged: 'Encouraged',
    reward: 'reward',
    forbidden: 'Not allowed',
    penalties: 'Penalties',
    vision: 'Vision',
    version: 'version {version}',
  },
};
export type Headings = {
  value: string;
  rules: string;
  entry: string;
  encouraged: string;
  reward: string;
  forbidden: string;
  penalties: string;
  vision: string;
  version: string;
};

const heading = (language: Language, text: string) => (language === 'zh-CN' ? `【${text}】` : `== ${text} ==`);
const numbered = (lines: readonly string[]) => lines.map((l, i) => `${i + 1}. ${l}`);

/**
 * The announcement (群公告) in the order operators write it: value → rules → penalties → vision.
 * Sections with nothing in them are left out; `version` (when above 0) closes the text.
 */
export const renderAnnouncement = (
  set: RuleSet,
  language: Language,
  options: { version?: number; headings?: { [K in keyof Headings]?: string | undefined } } = {},
): string => {
  const given = Object.entries(options.headings ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== '');
  const h: Headings = { ...defaultRuleHeadings[language], ...Object.fromEntries(given) };
  const colon = language === 'zh-CN' ? '：' : ': ';
  const parts: string[] = [];
  if (set.title) parts.push(set.title);
  if (set.value) parts.push(`${heading(language, h.value)}\n${set.value}`);
  const rules: string[] = [];
  if (set.entryCriteria.length > 0) rules.push(`${h.entry}${colon}`, ...numbered(set.entryCriteria));
  if (set.encouraged.length > 0) {
    rules.push(
      `${h.encouraged}${colon}`,
      ...numbered(
        set.encouraged.map((e) => (e.reward ? `${e.behaviour}（${h.reward}${colon}${e.reward}）` : e.behaviour)),
      ),
    );
  }
  if (set.forbidden.length > 0)
    rules.push(`${h.forbidden}${colon}`, ...numbered(set.forbidden.map((f) => f.behaviour)));
  if (rules.length > 0) parts.push(`${heading(language, h.rules)}\n${rules.join('\n')}`);
  if (set.forbidden.length > 0) {
    parts.push(
      `${heading(language, h.penalties)}\n${numbered(set.forbidden.map((f) => `${f.behaviour} → ${f.penalty}`)).join('\n')}`,
    );
  }
  if (set.vision) parts.push(`${heading(language, h.vision)}\n${set.vision}`);
  if (options.version && options.version > 0)
    parts.push(`(${h.version.replace('{version}', String(options.version))})`);
  return parts.join('\n\n');
};

/**
 * A rule set fit to publish: parsed, not empty, and short enough to post in every language.
 * Errors are `bad_input` and name the field (`forbidden[2]: duplicates item 1`).
 */
export const parsePublishableRuleSet = (input: unknown, where = 'rule set'): RuleSet => {
  const result = ruleSetSchema.safeParse(input ?? {});
  if (!result.success) {
    throw new QunzhuError('bad_input', `invalid ${where}: ${z.prettifyError(result.error)}`, {
      details: result.error.issues,
    });
  }
  const set = result.data;
  if (isEmptyRuleSet(set)) {
    throw new QunzhuError(
      'bad_input',
      `invalid ${where}: it is empty; give at least a value statement, a rule or a vision`,
    );
  }
  for (const language of ['zh-CN', 'en'] as const) {
    const length = renderAnnouncement(set, language, { version: 999 }).length;
    if (length > MAX_ANNOUNCEMENT_LENGTH) {
      throw new QunzhuError(
        'bad_input',
        `invalid ${where}: the announcement would be ${length} characters (${language}); at most ${MAX_ANNOUNCEMENT_LENGTH} fit in one message`,
      );
    }
  }
  return set;
};
